// t29-plan-team-copy: a team's whole quarter carried over from the planning view in one action
// (works with JavaScript off): each of its objectives that is not a draft becomes a draft in the
// next quarter aligned to its parent's copy, and the planning view shows beside each new draft
// where it came from and the "Try" bullets of that objective's retro. Copying again is refused
// beside the form, in the CLI's and the API's words. axe 0 and vnu 0 at desktop and 390 px.
import { spawnSync } from "node:child_process";
import { Server, OKRA, NOW, DEMO_PW, launch, newPage, login, check, main, auditor, mainText } from "./lib.mjs";

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
	const obj = (args, as) => s.okra(["objective", "add", "--cycle", "FY2027-Q3"].concat(args), { as });
	obj(["--dri", "lee", "--title", "Customers stay"], "lee"); // 1
	obj(["--team", "platform", "--parent", "1", "--dri", "pat", "--title", "Reliable hosting"], "pat"); // 2
	obj(["--team", "platform", "--parent", "2", "--dri", "pat", "--title", "Fast deploys"], "pat"); // 3
	obj(["--team", "platform", "--dri", "pat", "--title", "Never published", "--draft"], "pat"); // 4
	obj(["--team", "web", "--parent", "1", "--dri", "wes", "--title", "Web's own"], "wes"); // 5
	s.okra(["kr", "add", "2", "--title", "Uptime", "--dri", "pat", "--unit", "%", "--start", "99", "--target", "99.9"], { as: "pat" });
	s.okra(["kr", "add", "3", "--title", "Deploy time", "--dri", "pat", "--unit", "min", "--start", "30", "--target", "5"], { as: "pat" });
	s.okra(["retro", "2", "--try", "Smaller epics", "--try", "Pair on migrations"], { as: "pat" });
	s.okra(["objective", "copy", "1", "--to", "FY2027-Q4"], { as: "lee" }); // 6
}

function json(db, args) {
	const p = spawnSync(OKRA, ["--db", db, "--json"].concat(args), { encoding: "utf8", env: { ...process.env, OKRA_NOW: NOW } });
	return p.status === 0 ? JSON.parse(p.stdout) : { exit: p.status, stderr: p.stderr };
}
const options = (page, sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => o.value));

await main(async () => {
	const srv = await Server.start({ setup });
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv, { widths: [null, 390] });
	const q3 = JSON.stringify(json(srv.db, ["tree", "--cycle", "FY2027-Q3"]));

	const pat = await newPage(browser, { javaScriptEnabled: false });
	await login(pat, srv, "pat");
	await pat.goto(srv.url("/cycles/FY2027-Q3/plan"));
	const teams = await options(pat, "#team-copy-team");
	check("R1 a member is offered only their own team", JSON.stringify(teams) === '["platform"]', teams);
	const cycles = await options(pat, "#team-copy-cycle");
	check("only the later quarters are offered", cycles.length > 0 && cycles[0] === "FY2027-Q4" && !cycles.includes("FY2027"), cycles);
	await pat.selectOption("#team-copy-cycle", "FY2027-Q4");
	const [resp] = await Promise.all([pat.waitForNavigation(), pat.click("form#team-copy button[type=submit]")]);
	check("copied without JS: on the next quarter's planning view", resp.status() === 200 &&
		/\/cycles\/FY2027-Q4\/plan$/.test(pat.url()), `${resp.status()} ${pat.url()}`);
	const a = json(srv.db, ["objective", "show", "7"]), b = json(srv.db, ["objective", "show", "8"]);
	check("two drafts, the first aligned to the company objective's copy, the second to the first's",
		`${a.title}|${a.state}|${a.parent} ${b.title}|${b.state}|${b.parent}` === "Reliable hosting|draft|6 Fast deploys|draft|7", [a, b]);
	check("the unpublished draft and the other team's stayed behind", json(srv.db, ["objective", "show", "9"]).exit === 1);
	const card = (await pat.innerText("#plan-7")).replace(/\s+/g, " ");
	check("beside the new draft: where it came from and its retro's Try bullets",
		/Carried over from Reliable hosting \(FY2027-Q3\); its retro said to try: Smaller epics Pair on migrations/.test(card), card);
	check("nothing of the old quarter changed", JSON.stringify(json(srv.db, ["tree", "--cycle", "FY2027-Q3"])) === q3);

	const js = await newPage(browser);
	await login(js, srv, "pat");
	await get(js, "planning view with the team copy form", "/cycles/FY2027-Q3/plan");
	await js.selectOption("#team-copy-cycle", "FY2027-Q4");
	await submit(js, "team copy refused: nothing left", "form#team-copy button[type=submit]", 409);
	check("the refusal says why, beside the form", /team platform has nothing in FY2027-Q3 to carry over to FY2027-Q4/.test(
		await js.innerText("form#team-copy")), await mainText(js));
	await get(js, "planning view with carried drafts", "/cycles/FY2027-Q4/plan");
	const lee = await newPage(browser);
	await login(lee, srv, "lee");
	await get(lee, "planning view, leader", "/cycles/FY2027-Q3/plan");
	const lteams = await options(lee, "#team-copy-team");
	check("a leader is offered every team", JSON.stringify(lteams) === '["platform","web"]', lteams);
	for (const p of [pat, js, lee])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
