// t29-plan-move: key results reordered and moved on the objective page. Move up / Move down are
// forms that work with JavaScript off; "Move to another objective" offers only the objectives of
// the same team and cycle the person may edit, and the KR goes with its check-ins. A move refused
// (a page gone stale, a forced post across teams) comes back as the page with the reason beside
// the form, in the CLI's and the API's words. A draft is taken back on its page (the draft, or a
// KR of it) with the CLI's refusals for a published one. axe 0 and vnu 0 at desktop and 390 px.
import { spawnSync } from "node:child_process";
import { Server, OKRA, NOW, DEMO_PW, launch, newPage, login, check, main, auditor, mainText, forcePost }
	from "./lib.mjs";

function setup(s) {
	s.okra(["init"]);
	s.okra(["person", "add", "ada", "--name", "Ada Admin", "--role", "admin", "--joined", "2020-03-01"]);
	for (const [h, n, role] of [["lee", "Lee Leader", "leader"], ["pat", "Pat Platform", "member"], ["wes", "Wes Web", "member"]])
		s.okra(["person", "add", h, "--name", n, "--role", role, "--joined", "2021-01-01"], { as: "ada" });
	for (const h of ["lee", "pat"])
		s.okra(["user", "passwd", h], { stdin: DEMO_PW + "\n" });
	s.okra(["team", "add", "platform", "--name", "Platform", "--member", "pat"], { as: "ada" });
	s.okra(["team", "add", "web", "--name", "Web", "--member", "wes"], { as: "ada" });
	s.okra(["cycle", "year", "FY2027", "--start", "2026-02-01"], { as: "lee" });
	const obj = (team, title, as, cycle = "FY2027-Q4") =>
		s.okra(["objective", "add", "--cycle", cycle, "--team", team, "--dri", as, "--title", title], { as });
	obj("platform", "Reliable", "pat"); // 1
	obj("platform", "Fast", "pat"); // 2
	obj("web", "Web's", "wes"); // 3
	obj("platform", "Last quarter's", "pat", "FY2027-Q3"); // 4 (another cycle: never offered)
	for (const t of ["Uptime", "Latency", "Errors"])
		s.okra(["kr", "add", "1", "--title", t, "--dri", "pat", "--unit", "x", "--start", "0", "--target", "10"], { as: "pat" });
	s.okra(["kr", "add", "2", "--title", "Build time", "--dri", "pat", "--unit", "s", "--start", "60", "--target", "30"], { as: "pat" });
	s.okra(["checkin", "2", "--value", "4", "--health", "on_track"], { as: "pat" });
	s.okra(["objective", "add", "--cycle", "FY2027-Q4", "--team", "platform", "--dri", "pat", "--title", "A draft",
		"--draft"], { as: "pat" }); // 5
	for (const t of ["Draft KR one", "Draft KR two"]) // 5, 6
		s.okra(["kr", "add", "5", "--title", t, "--dri", "pat", "--unit", "x", "--start", "0", "--target", "1"], { as: "pat" });
}

function json(db, args) {
	const p = spawnSync(OKRA, ["--db", db, "--json"].concat(args), { encoding: "utf8", env: { ...process.env, OKRA_NOW: NOW } });
	return p.status === 0 ? JSON.parse(p.stdout) : { exit: p.status, stderr: p.stderr };
}
const titles = (db, o) => json(db, ["objective", "show", String(o)]).key_results.map((k) => k.title).join(",");
const options = (page, sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => o.value));

await main(async () => {
	const srv = await Server.start({ setup });
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv, { widths: [null, 390] });

	// pat with JavaScript off: Move down, Move up, each a form post and a redirect back.
	const pat = await newPage(browser, { javaScriptEnabled: false });
	await login(pat, srv, "pat");
	await pat.goto(srv.url("/objectives/1"));
	check("the first KR has no Move up", await pat.locator("form#kmove-up-1").count() === 0);
	check("the last KR has no Move down", await pat.locator("form#kmove-down-3").count() === 0);
	let [resp] = await Promise.all([pat.waitForNavigation(), pat.click("form#kmove-down-1 button")]);
	check("Move down without JS: back on the page at the KR", resp.status() === 200 && /\/objectives\/1#kr-1$/.test(pat.url()), pat.url());
	check("Uptime is second", titles(srv.db, 1) === "Latency,Uptime,Errors", titles(srv.db, 1));
	[resp] = await Promise.all([pat.waitForNavigation(), pat.click("form#kmove-up-3 button")]);
	check("Errors is second", titles(srv.db, 1) === "Latency,Errors,Uptime", titles(srv.db, 1));
	const order = await pat.$$eval("section.card[id^=kr-] h3", (hs) => hs.map((h) => h.textContent).join(","));
	check("the page lists them in that order", order === "Latency,Errors,Uptime", order);

	// Another objective: only platform's of the same quarter is offered.
	await pat.click("#kr-2 details > summary").catch(() => {});
	const dest = await options(pat, "#kmove-to-2-objective");
	check("R1 only the same team's objectives of the same cycle are offered", JSON.stringify(dest) === '["2","5"]', dest);
	await pat.selectOption("#kmove-to-2-objective", "2");
	[resp] = await Promise.all([pat.waitForNavigation(), pat.click("form#kmove-to-2 button[type=submit]")]);
	check("moved: on the objective that holds it now", /\/objectives\/2#kr-2$/.test(pat.url()), pat.url());
	check("Latency left Reliable", titles(srv.db, 1) === "Errors,Uptime", titles(srv.db, 1));
	check("Latency is last of Fast", titles(srv.db, 2) === "Build time,Latency", titles(srv.db, 2));
	const k = json(srv.db, ["kr", "show", "2"]);
	check("its check-in went with it", `${k.objective} ${k.current}` === "2 4", k);

	// With JavaScript: the pages audited; a stale Move up refused beside its button.
	const js = await newPage(browser);
	await login(js, srv, "pat");
	await get(js, "objective page with move forms", "/objectives/1");
	srv.okra(["kr", "move", "1", "--to", "1"], { as: "pat" }); // meanwhile, Uptime goes first
	await submit(js, "a stale Move up refused", "form#kmove-up-1 button", 409);
	check("the refusal says why, beside the button", /key result 1 is already the first of its objective/.test(
		await js.innerText("form#kmove-up-1")), await mainText(js));
	resp = await forcePost(js, "/key-results/1/move", { objective: "3" });
	check("a move across teams forced: refused 422", resp.status() === 422, resp.status());
	check("in the CLI's words", /moves only between objectives of the same team and cycle/.test(await mainText(js)), await mainText(js));
	check("nothing moved", titles(srv.db, 1) === "Uptime,Errors" && titles(srv.db, 3) === "", [titles(srv.db, 1), titles(srv.db, 3)]);
	await js.goto(srv.url("/objectives/1"));
	await js.click("#kr-1 details > summary");
	await get(js, "objective page, planning open", "/objectives/1");

	// lee (a leader) may move across objectives of any team's, but only within that team.
	const lee = await newPage(browser);
	await login(lee, srv, "lee");
	await get(lee, "objective page, leader", "/objectives/2");
	const ldest = await options(lee, "#kmove-to-4-objective");
	check("a leader too is offered only the same team's of the same cycle", JSON.stringify(ldest) === '["1","5"]', ldest);
	// A draft taken back: a KR of it, then the draft itself; a published one is refused.
	await get(js, "a draft with its delete buttons", "/objectives/5");
	await pat.goto(srv.url("/objectives/5"));
	await pat.click("#kr-5 details > summary");
	[resp] = await Promise.all([pat.waitForNavigation(), pat.click("form#delete-kr-5 button")]);
	check("a draft's KR deleted without JS: back on the draft", resp.status() === 200 && /\/objectives\/5#add-kr$/.test(pat.url()), pat.url());
	check("the KR is gone", titles(srv.db, 5) === "Draft KR two", titles(srv.db, 5));
	[resp] = await Promise.all([pat.waitForNavigation(), pat.click("form#delete-draft button")]);
	check("the draft deleted: on the planning view of its cycle", /\/cycles\/FY2027-Q4\/plan$/.test(pat.url()), pat.url());
	check("the draft is gone", json(srv.db, ["objective", "show", "5"]).exit === 1);
	await js.goto(srv.url("/objectives/1"));
	resp = await forcePost(js, "/objectives/1/delete", {});
	check("a published objective is not deleted: 409", resp.status() === 409, resp.status());
	check("in the CLI's words, beside the button", /only while it is a draft/.test(await js.innerText("form#delete-draft")), await mainText(js));
	await js.goto(srv.url("/objectives/1"));
	resp = await forcePost(js, "/key-results/1/delete", {});
	check("nor a KR of it: 409", resp.status() === 409, resp.status());
	check("said beside its button", /only while it is a draft/.test(await js.innerText("form#delete-kr-1")), await mainText(js));
	check("nothing deleted", titles(srv.db, 1) === "Uptime,Errors", titles(srv.db, 1));
	for (const p of [pat, js, lee])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
