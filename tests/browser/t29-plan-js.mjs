// t29-plan-js: planning with JavaScript on. The parent and DRI pickers get a box that filters
// their choices as you type (a new joiner still listed, not pickable); without JavaScript there
// is no box and the <select> is as it was. Adding a key result posts the form without reloading
// the page: the key results are replaced in place, focus goes to the new one, and a refusal
// comes back beside its field with what was typed. axe 0 and vnu 0 at desktop and 390 px.
import { spawnSync } from "node:child_process";
import { Server, OKRA, NOW, DEMO_PW, launch, newPage, login, check, main, auditor } from "./lib.mjs";

function setup(s) {
	s.okra(["init"]);
	s.okra(["person", "add", "ada", "--name", "Ada Admin", "--role", "admin", "--joined", "2020-03-01"]);
	for (const [h, n, role, joined] of [["lee", "Lee Leader", "leader", "2021-01-01"], ["pat", "Pat Platform", "member", "2021-01-01"],
		["kim", "Kim Migrations", "member", "2022-01-01"], ["kit", "Kit Newcomer", "member", "2026-10-01"],
		["sam", "Sam SRE", "member", "2022-01-01"]])
		s.okra(["person", "add", h, "--name", n, "--role", role, "--joined", joined], { as: "ada" });
	for (const h of ["lee", "pat"])
		s.okra(["user", "passwd", h], { stdin: DEMO_PW + "\n" });
	s.okra(["team", "add", "platform", "--name", "Platform", "--member", "pat", "--member", "kim", "--member", "kit",
		"--member", "sam"], { as: "ada" });
	s.okra(["cycle", "year", "FY2027", "--start", "2026-02-01"], { as: "lee" });
	s.okra(["objective", "add", "--cycle", "FY2027-Q4", "--dri", "lee", "--title", "Customers stay"], { as: "lee" }); // 1
	s.okra(["objective", "add", "--cycle", "FY2027-Q4", "--dri", "lee", "--title", "Revenue grows"], { as: "lee" }); // 2
	s.okra(["objective", "add", "--cycle", "FY2027-Q4", "--team", "platform", "--parent", "1", "--dri", "pat",
		"--title", "Reliable hosting"], { as: "pat" }); // 3
	s.okra(["kr", "add", "3", "--title", "Uptime", "--dri", "pat", "--unit", "%", "--start", "99", "--target", "99.9"], { as: "pat" });
}

function json(db, args) {
	const p = spawnSync(OKRA, ["--db", db, "--json"].concat(args), { encoding: "utf8", env: { ...process.env, OKRA_NOW: NOW } });
	return p.status === 0 ? JSON.parse(p.stdout) : { exit: p.status, stderr: p.stderr };
}
const visible = (page, sel) => page.$$eval(`${sel} option`, (os) => os.filter((o) => !o.hidden).map((o) => o.value));

await main(async () => {
	const srv = await Server.start({ setup });
	const browser = await launch();
	const { get, audit, vnu } = await auditor(srv, { widths: [null, 390] });
	// The page as the script left it, audited as a page (axe on the live DOM, vnu on its HTML).
	const here = (page) => ({ status: () => 200, text: () => page.content() });

	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	await get(pat, "new objective with filtering pickers", "/objectives/new?cycle=FY2027-Q4&team=platform");
	await pat.fill("#dri-filter", "ki");
	check("the DRI picker keeps only who matches", JSON.stringify(await visible(pat, "#dri")) === '["kim","kit"]', await visible(pat, "#dri"));
	check("and picks the first who may be DRI", await pat.inputValue("#dri") === "kim", await pat.inputValue("#dri"));
	check("R4 the new joiner is still listed, not pickable",
		await pat.$eval("#dri option[value=kit]", (o) => o.disabled && /DRI from/.test(o.textContent)));
	await pat.fill("#dri-filter", "sam");
	check("typing on narrows to another", await pat.inputValue("#dri") === "sam", await pat.inputValue("#dri"));
	await pat.fill("#dri-filter", "");
	check("an empty box shows every choice again", (await visible(pat, "#dri")).length === 7, await visible(pat, "#dri"));
	await pat.fill("#parent-filter", "revenue");
	check("R1 the parent picker filters the valid parents only", JSON.stringify(await visible(pat, "#parent")) === '["2"]',
		await visible(pat, "#parent"));
	check("and picks it", await pat.inputValue("#parent") === "2");
	check("the box has a label", await pat.getAttribute("#parent-filter", "aria-label") === "Filter: Aligned to");
	await audit(pat, "new objective, pickers filtered", here(pat));

	// A KR added without a reload.
	await get(pat, "objective page, JS", "/objectives/3");
	await pat.evaluate(() => { window.notReloaded = true; });
	await pat.fill("#kr-title", "Latency");
	await pat.fill("#kr-dri-filter", "sam");
	await pat.fill("#kr-unit", "ms");
	await pat.fill("#kr-start", "800");
	await pat.fill("#kr-target", "200");
	await pat.click("form#add-kr button[type=submit]");
	await pat.waitForFunction(() => (document.getElementById("krs-status") || {}).textContent === "Key result added.");
	check("no reload", await pat.evaluate(() => window.notReloaded === true));
	check("the new KR is on the page", await pat.locator("#kr-2 h3").innerText() === "Latency");
	check("focus is on it", await pat.evaluate(() => document.activeElement && document.activeElement.closest("#kr-2") !== null));
	const kr = json(srv.db, ["kr", "show", "2"]);
	check("saved as the full POST saves it", `${kr.title} ${kr.dri} ${kr.start} ${kr.target} ${kr.unit}` === "Latency sam 800 200 ms", kr);
	check("the form is fresh again, its picker filterable", await pat.inputValue("#kr-title") === "" &&
		await pat.locator("#kr-dri-filter").count() === 1);
	await audit(pat, "objective page, KR added in place", here(pat));
	await pat.fill("#kr-title", "Errors");
	await pat.selectOption("#kr-dri", "pat");
	await pat.fill("#kr-unit", "x");
	await pat.fill("#kr-start", "5");
	await pat.fill("#kr-target", "5");
	await pat.click("form#add-kr button[type=submit]");
	await pat.waitForFunction(() => (document.getElementById("krs-status") || {}).textContent === "The key result was not added.");
	check("refused in place, no reload", await pat.evaluate(() => window.notReloaded === true));
	check("R2 the refusal is beside the target, what was typed kept",
		await pat.getAttribute("#kr-target", "aria-invalid") === "true" && await pat.inputValue("#kr-title") === "Errors");
	check("focus on the field refused", await pat.evaluate(() => document.activeElement && document.activeElement.id) === "kr-target");
	check("nothing saved", json(srv.db, ["objective", "show", "3"]).key_results.length === 2);
	await audit(pat, "objective page, KR refused in place", here(pat));

	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "pat");
	await nojs.goto(srv.url("/objectives/new?cycle=FY2027-Q4&team=platform"));
	check("no JS: no filter box, the plain picker", await nojs.locator("#dri-filter, #parent-filter").count() === 0 &&
		await nojs.locator("select#dri").count() === 1);
	// The refused KR's answer is the form again with a 422, fetched: the one 4xx expected.
	const problems = pat.problems.filter((p) => !/^422 .*\/objectives\/3\/key-results$/.test(p)).concat(nojs.problems);
	check("no page problems (CSP, script errors, failed assets)", problems.length === 0, problems);
	vnu();
});
