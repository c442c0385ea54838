// t29-plan: planning the quarter in the browser. Seed 000's company is planned from an empty
// year as its leaders and the Platform lead would (an annual objective, a quarterly company
// objective aligned to it, a workstream objective aligned to that with three metric KRs) and
// `okra --json tree` then equals the tree the CLI suite t01's commands make; seed 001's
// objective with a 50/30/20 criteria KR and an initiative has the CLI's R6/R7 descriptions byte
// for byte. R4: a new joiner is listed but not pickable as DRI. R1: a member gets no company
// form (and the API refuses), an invalid parent is never offered. A stale edit says what is
// saved now; a draft is marked and published; the planning view shows a messy cycle's
// findings. Every page: axe 0 and vnu 0 at desktop and 390 px; the member plans with
// JavaScript off.
import { spawnSync } from "node:child_process";
import { Server, OKRA, NOW, DEMO_PW, launch, newPage, login, check, main, auditor, mainText }
	from "./lib.mjs";

// Seed 000's people and teams, the year, and what is not planned here: a Q2 company objective
// (#1, a messy one: a criteria KR at 40%) and the Web team's Q1 objective (#2).
function people(s) {
	s.okra(["init"]);
	s.okra(["person", "add", "ada", "--name", "Ada Admin", "--role", "admin", "--joined", "2020-03-01"]);
	const more = [["lee", "Lee Leader", "leader", "2021-05-10"], ["pat", "Pat Platform", "member", "2022-01-03"],
		["sam", "Sam SRE", "member", "2023-06-01"], ["kim", "Kim Migrations", "member", "2024-09-15"],
		["val", "Val Viewer", "viewer", "2024-01-01"], ["nj", "New Joiner", "member", "2026-10-01"],
		["wes", "Wes Web", "member", "2022-01-01"]];
	for (const [h, n, role, joined] of more)
		s.okra(["person", "add", h, "--name", n, "--role", role, "--joined", joined], { as: "ada" });
	for (const h of ["ada", "lee", "pat"])
		s.okra(["user", "passwd", h], { stdin: DEMO_PW + "\n" });
	s.okra(["team", "add", "platform", "--name", "Platform", "--member", "pat", "--member", "sam",
		"--member", "kim", "--member", "nj"], { as: "ada" });
	s.okra(["team", "add", "web", "--name", "Web", "--member", "wes"], { as: "ada" });
	s.okra(["team", "add", "saas", "--name", "SaaS Platforms", "--member", "pat", "--member", "sam",
		"--member", "kim"], { as: "ada" });
	s.okra(["cycle", "year", "FY2027", "--start", "2026-02-01"], { as: "lee" });
	s.okra(["objective", "add", "--cycle", "FY2027-Q2", "--dri", "lee", "--title", "Elsewhere"], { as: "lee" });
	s.okra(["kr", "add", "1", "--title", "Half scored", "--dri", "lee", "--criteria"], { as: "lee" });
	s.okra(["criterion", "add", "1", "--ref", "acme/web#1", "--contribution", "40"], { as: "lee" });
	s.okra(["objective", "add", "--cycle", "FY2027-Q1", "--team", "web", "--dri", "wes", "--title", "Web's own"],
		{ as: "ada" });
}

// The KRs of seed 000 (t01) as [title, dri, unit, start, target, weight].
const ANNUAL_KRS = [["Raise CSAT from 7 to 8.05", "lee", "pts", "7", "8.05", ""],
	["Cut monthly churn from 5% to 3%", "lee", "%", "5", "3", ""],
	["Grow ARR from 10 to 12 M", "ada", "M", "10", "12", "2"]];
const QUARTER_KRS = [["Reduce p95 latency from 800 ms to 200 ms", "pat", "ms", "800", "200", ""],
	["Raise NPS from 30 to 40", "lee", "pts", "30", "40", ""]];
const PLATFORM_KRS = [["Achieve 99.99% uptime for all hosting services by the end of Q3", "pat", "%", "99.9", "99.99", ""],
	["Increase customer satisfaction score related to reliability from 8 to 9.5 out of 10", "sam", "/10", "8", "9.5", ""],
	["Successfully migrate 95% of customers to the new high-performance server infrastructure", "kim", "%", "0", "95", ""]];
const O1 = ["Improve customer satisfaction ratings and feedback scores by 15%", "Customers stay when the platform is reliable and fast."];
const O2 = "Make the platform the reason customers stay";
const O3 = "Enhance the reliability and performance of our web hosting platform";
const SAAS = { title: "Make GitLab Dedicated self-serve",
	context: "Customers wait two weeks for a Dedicated instance.\n\nProvisioning is manual.",
	links: ["gitlab-org/saas-platforms&7", "https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/12"],
	kr: "Provisioning is fully automated", krContext: "Automation removes the two-week wait.",
	criteria: [["gitlab-org/saas-platforms/dedicated#101", "50", "Terraform the tenant"],
		["gitlab-org/saas-platforms/dedicated#102", "30", "Automate DNS"],
		["https://gitlab.com/gitlab-org/saas-platforms/dedicated/-/issues/103", "20", ""]],
	initiative: ["Provisioning pipeline", "gitlab-org/saas-platforms&9"] };

// The same plan with the CLI, as t01 and t02 make it.
function cliPlan(s) {
	people(s);
	const kr = (o, k, as) => s.okra(["kr", "add", o, "--title", k[0], "--dri", k[1], "--unit", k[2], "--start", k[3],
		"--target", k[4]].concat(k[5] ? ["--weight", k[5]] : []), { as });
	const o1 = s.okra(["objective", "add", "--cycle", "FY2027", "--dri", "lee", "--title", O1[0], "--context", O1[1]], { as: "lee" });
	ANNUAL_KRS.forEach((k) => kr(o1, k, "lee"));
	const o2 = s.okra(["objective", "add", "--cycle", "FY2027-Q1", "--parent", o1, "--dri", "lee", "--title", O2], { as: "lee" });
	QUARTER_KRS.forEach((k) => kr(o2, k, "lee"));
	const o3 = s.okra(["objective", "add", "--cycle", "FY2027-Q1", "--team", "platform", "--parent", o2, "--dri", "pat",
		"--title", O3], { as: "pat" });
	PLATFORM_KRS.forEach((k) => kr(o3, k, "pat"));
	const o = s.okra(["objective", "add", "--cycle", "FY2027-Q3", "--team", "saas", "--dri", "pat", "--title", SAAS.title,
		"--context", SAAS.context, "--link", SAAS.links[0], "--link", SAAS.links[1]], { as: "pat" });
	const ka = s.okra(["kr", "add", o, "--title", SAAS.kr, "--dri", "sam", "--criteria", "--context", SAAS.krContext], { as: "pat" });
	for (const [ref, pct, title] of SAAS.criteria)
		s.okra(["criterion", "add", ka, "--ref", ref, "--contribution", pct].concat(title ? ["--title", title] : []), { as: "pat" });
	s.okra(["initiative", "add", ka, "--title", SAAS.initiative[0], "--ref", SAAS.initiative[1]], { as: "pat" });
}

function json(db, args) {
	const p = spawnSync(OKRA, ["--db", db, "--json"].concat(args), { encoding: "utf8", env: { ...process.env, OKRA_NOW: NOW } });
	return p.status === 0 ? JSON.parse(p.stdout) : { exit: p.status, stderr: p.stderr };
}

const options = (page, sel) => page.$$eval(`${sel} option`, (os) => os.map((o) => ({ value: o.value, text: o.textContent, disabled: o.disabled })));

await main(async () => {
	const ref = await Server.start({ setup: cliPlan });
	const srv = await Server.start({ setup: people });
	const browser = await launch();
	const { get, audit, submit, vnu } = await auditor(srv);
	// Without JavaScript axe cannot run: such a page is checked for its status only (its HTML
	// is audited by the same pages opened with JavaScript on below).
	const go = async (page, label, selector, re) => {
		const [resp] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
		if (page.noJs)
			check(`${label}: status 200`, resp.status() === 200, resp.status());
		else
			await audit(page, label, resp, 200);
		check(`${label}: lands on ${re}`, re.test(page.url()), page.url());
	};
	const open = async (page, label, p, status = 200) => {
		if (!page.noJs)
			return get(page, label, p, status);
		const resp = await page.goto(srv.url(p));
		check(`${label}: status ${status}`, resp.status() === status, resp.status());
	};
	async function addKr(page, label, k, kind = "metric") {
		await page.fill("#kr-title", k[0]);
		await page.selectOption("#kr-dri", k[1]);
		await page.selectOption("#kr-kind", kind);
		if (kind === "metric") {
			await page.fill("#kr-unit", k[2]);
			await page.fill("#kr-start", k[3]);
			await page.fill("#kr-target", k[4]);
			if (!page.noJs) {
				const want = `From ${+k[3]} to ${+k[4]} ${k[2]} = ${+k[4] > +k[3] ? "up" : "down"}`;
				const got = await page.innerText("#kr-direction");
				check(`${label}: the live preview says "${want}"`, got === want, got);
			}
		} else {
			await page.fill("#kr-context", k[2]);
		}
		await page.fill("#kr-weight", k[5] || "1");
		if (page.noJs)
			return go(page, label, "form#add-kr button[type=submit]", /\/objectives\/\d+#kr-\d+$/);
		// With JavaScript okra.js adds it in place (t29-plan-js): no reload, the URL names the KR.
		await page.click("form#add-kr button[type=submit]");
		await page.waitForFunction(() => (document.getElementById("krs-status") || {}).textContent === "Key result added.");
		await audit(page, label, { status: () => 200, text: () => page.content() });
		check(`${label}: lands on #kr-N`, /\/objectives\/\d+#kr-\d+$/.test(page.url()), page.url());
	}

	// lee, a leader: the annual objective, then the quarterly one aligned to it.
	const lee = await newPage(browser);
	await login(lee, srv, "lee");
	await get(lee, "new objective, leader", "/objectives/new");
	await lee.selectOption("#where-cycle", "FY2027");
	await lee.selectOption("#where-team", "");
	await go(lee, "new objective, the year chosen", "form#where button[type=submit]", /cycle=FY2027&team=$/);
	check("R1 an annual objective has no parent to align to", JSON.stringify((await options(lee, "#parent")).map((o) => o.value)) === '[""]',
		await options(lee, "#parent"));
	await lee.fill("#title", O1[0]);
	await lee.selectOption("#dri", "lee");
	await lee.fill("#context", O1[1]);
	await go(lee, "objective created", "form#plan button[type=submit]", /\/objectives\/3$/);
	await addKr(lee, "KR added (a leader)", ANNUAL_KRS[0]);
	for (const k of ANNUAL_KRS.slice(1))
		await addKr(lee, "KR added", k);
	await get(lee, "new objective, company quarterly", "/objectives/new?cycle=FY2027-Q1&team=");
	const qp = (await options(lee, "#parent")).map((o) => o.value);
	check("R1 the quarterly company objective is offered the annual one only (not Q2's, not a team's)",
		JSON.stringify(qp) === '["","3"]', qp);
	await lee.selectOption("#parent", "3");
	await lee.fill("#title", O2);
	await lee.selectOption("#dri", "lee");
	await go(lee, "quarterly objective created", "form#plan button[type=submit]", /\/objectives\/4$/);
	for (const k of QUARTER_KRS)
		await addKr(lee, "KR added, decrease", k);

	// pat, a member, with JavaScript off: no company form, the workstream objective.
	const pat = await newPage(browser, { javaScriptEnabled: false });
	pat.noJs = true;
	await login(pat, srv, "pat");
	const patJs = await newPage(browser);
	await login(patJs, srv, "pat");
	await get(patJs, "new objective, member", "/objectives/new");
	await get(patJs, "new objective, member asks for a company one", "/objectives/new?cycle=FY2027-Q1&team=", 403);
	await get(patJs, "new objective, workstream", "/objectives/new?cycle=FY2027-Q1&team=platform");
	await open(pat, "no JS new objective, member", "/objectives/new");
	const teams = (await options(pat, "#where-team")).map((o) => o.value);
	check("R1 a member is offered only their own teams, never the company", JSON.stringify(teams) === '["platform","saas"]', teams);
	await open(pat, "no JS company objective", "/objectives/new?cycle=FY2027-Q1&team=", 403);
	check("R1 no company form for a member", await pat.locator("form#plan").count() === 0);
	check("R1 the page says who may", /only leaders and admins/.test(await mainText(pat)), await mainText(pat));
	const tok = srv.okra(["token", "add", "pat"]);
	const api = await fetch(srv.url("/api/v1/objectives"), { method: "POST",
		headers: { Authorization: "Bearer " + tok.split(/\s+/).pop(), "Content-Type": "application/json" },
		body: JSON.stringify({ cycle: "FY2027-Q1", dri: "pat", title: "Mine" }) });
	check("R1 the API refuses a member's company objective", api.status === 403, api.status);
	await open(pat, "no JS new objective, workstream", "/objectives/new?cycle=FY2027-Q1&team=platform");
	const pp = (await options(pat, "#parent")).map((o) => o.value);
	check("R1 R14 a workstream objective is offered the company's, not Q2's nor another team's", JSON.stringify(pp) === '["","3","4"]', pp);
	const nj = (await options(pat, "#dri")).find((o) => o.value === "nj");
	check("R4 a new joiner is listed, not pickable, with the day they may be DRI",
		nj && nj.disabled && /DRI from 2027-01-01/.test(nj.text), nj);
	check("a viewer is not offered as DRI", !(await options(pat, "#dri")).some((o) => o.value === "val"));
	await pat.selectOption("#parent", "4");
	await pat.fill("#title", O3);
	await pat.selectOption("#dri", "pat");
	await go(pat, "workstream objective created, no JS", "form#plan button[type=submit]", /\/objectives\/5$/);
	for (const k of PLATFORM_KRS)
		await addKr(pat, "KR added, no JS", k);
	// Seed 001: the objective with its context and links, a criteria KR of 50/30/20, an initiative.
	await open(pat, "no JS new objective, saas", "/objectives/new?cycle=FY2027-Q3&team=saas");
	await pat.fill("#title", SAAS.title);
	await pat.selectOption("#dri", "pat");
	await pat.fill("#context", SAAS.context);
	await pat.fill("#links", SAAS.links.join("\n"));
	await go(pat, "seed 001 objective created", "form#plan button[type=submit]", /\/objectives\/6$/);
	await addKr(pat, "criteria KR added", [SAAS.kr, "sam", SAAS.krContext], "criteria");
	const kr = 10;
	for (const [i, [r, pct, title]] of SAAS.criteria.entries()) {
		await pat.fill(`#crit-${kr}-ref`, r);
		await pat.fill(`#crit-${kr}-pct`, pct);
		await pat.fill(`#crit-${kr}-title`, title);
		await go(pat, `criterion ${i + 1} added`, `form#crit-${kr} button[type=submit]`, /#kr-10$/);
	}
	check("R7 the running total is complete", /Criteria total 100 of 100: complete/.test(await mainText(pat)), await mainText(pat));
	await pat.click(`#kr-${kr} details > summary`); // closed once the criteria reach 100
	await pat.fill(`#crit-${kr}-ref`, "acme/more#1");
	await pat.fill(`#crit-${kr}-pct`, "5");
	const [refusedResp] = await Promise.all([pat.waitForNavigation(), pat.click(`form#crit-${kr} button[type=submit]`)]);
	check("criterion above 100 refused: 422", refusedResp.status() === 422, refusedResp.status());
	check("R7 the refusal stands beside the contribution, the typed value kept",
		await pat.getAttribute(`#crit-${kr}-pct`, "aria-invalid") === "true" &&
		await pat.inputValue(`#crit-${kr}-ref`) === "acme/more#1", await mainText(pat));
	await pat.goto(srv.url("/objectives/6"));
	await pat.click(`#kr-${kr} details > summary`);
	await pat.fill(`#init-${kr}-title`, SAAS.initiative[0]);
	await pat.fill(`#init-${kr}-ref`, SAAS.initiative[1]);
	await go(pat, "initiative added", `form#init-${kr} button[type=submit]`, /#kr-10$/);
	const mine = json(srv.db, ["objective", "show", "6"]), theirs = json(ref.db, ["objective", "show", "6"]);
	check("R6 the objective's description is the CLI's byte for byte", mine.description === theirs.description, [mine.description, theirs.description]);
	const kmine = json(srv.db, ["kr", "show", "10"]), ktheirs = json(ref.db, ["kr", "show", "10"]);
	check("R7 the criteria KR's description is the CLI's byte for byte", kmine.description === ktheirs.description,
		[kmine.description, ktheirs.description]);

	check("the tree planned in the browser is the tree the CLI makes (t01, t02)",
		JSON.stringify(json(srv.db, ["tree", "--cycle", "FY2027"])) === JSON.stringify(json(ref.db, ["tree", "--cycle", "FY2027"])),
		[json(srv.db, ["tree", "--cycle", "FY2027"]), json(ref.db, ["tree", "--cycle", "FY2027"])]);

	// A KR edited on the objective page: only what changed is saved; a refusal stays beside its field.
	await pat.goto(srv.url("/objectives/5"));
	await pat.click("#kr-7 details > summary");
	await pat.fill("#kredit-7-target", "99.9");
	const [kresp] = await Promise.all([pat.waitForNavigation(), pat.click("form#kredit-7 button[type=submit]")]);
	check("R2 a KR edited to target = start is refused: 422", kresp.status() === 422, kresp.status());
	check("R2 the refusal is beside the target, the typed value kept",
		await pat.getAttribute("#kredit-7-target", "aria-invalid") === "true" && await pat.inputValue("#kredit-7-target") === "99.9");
	await pat.fill("#kredit-7-target", "99.95");
	await pat.fill("#kredit-7-title", "Achieve 99.95% uptime");
	await go(pat, "KR edited, no JS", "form#kredit-7 button[type=submit]", /\/objectives\/5#kr-7$/);
	const k7 = json(srv.db, ["kr", "show", "7"]);
	check("the KR keeps what was edited, and the rest", `${k7.title}|${k7.start}|${k7.target}|${k7.unit}|${k7.dri}|${k7.version}` ===
		"Achieve 99.95% uptime|99.9|99.95|%|pat|2", k7);
	await patJs.goto(srv.url("/objectives/5"));
	await patJs.click("#kr-7 details > summary");
	await patJs.fill("#kredit-7-target", "99.9");
	await submit(patJs, "KR edit refused", "form#kredit-7 button[type=submit]", 422);

	// A draft: marked, seen in the tree, published with one action.
	await open(pat, "no JS new objective, draft", "/objectives/new?cycle=FY2027-Q1&team=platform");
	await pat.fill("#title", "Make on-call humane");
	await pat.selectOption("#dri", "pat");
	await pat.check("#draft");
	await go(pat, "draft created", "form#plan button[type=submit]", /\/objectives\/7$/);
	check("the draft says it is one", /A draft/.test(await mainText(pat)));
	check("the draft is a draft", json(srv.db, ["objective", "show", "7"]).state === "draft");
	await get(lee, "planning view", "/cycles/FY2027-Q1/plan");
	check("the planning view lists the draft", /Make on-call humane Draft/.test(await mainText(lee)), await mainText(lee));
	await go(pat, "draft published", "form#publish button[type=submit]", /\/objectives\/7$/);
	check("published: the objective is active", json(srv.db, ["objective", "show", "7"]).state === "active");

	// Edits: a stale form says what is saved now and saves nothing.
	const other = await newPage(browser);
	await login(other, srv, "lee");
	await get(lee, "edit objective", "/objectives/1/edit");
	await other.goto(srv.url("/objectives/1/edit"));
	await other.fill("#title", "Elsewhere, renamed");
	await go(other, "objective edited", "form#plan button[type=submit]", /\/objectives\/1$/);
	await lee.fill("#title", "Elsewhere, mine");
	await submit(lee, "stale edit refused", "form#plan button[type=submit]", 412);
	check("a stale edit shows what is saved now beside what was typed",
		/Saved meanwhile: Elsewhere, renamed/.test(await mainText(lee)) && await lee.inputValue("#title") === "Elsewhere, mine",
		await mainText(lee));
	check("a stale edit saves nothing", json(srv.db, ["objective", "show", "1"]).title === "Elsewhere, renamed");

	// The planning view of a messy cycle: every finding beside its objective.
	await get(lee, "planning view, messy", "/cycles/FY2027-Q2/plan");
	const msg = (await lee.innerText("#plan-1")).replace(/\s+/g, " ");
	for (const [what, re] of [["R2 one KR", /R2 objective 1 .* has 1 key result/], ["R7 criteria at 40", /R7 key result \d+ .* total 40%/],
		["R1 not aligned", /R1 objective 1 .* is not aligned/], ["R1 nothing aligned to it", /R1 company objective 1 .* has no workstream objectives/]])
		check(`the planning view shows ${what}`, re.test(msg), msg);
	check("the planning view names the teams that have not proposed",
		/Platform \(platform\) has not proposed/.test(await lee.innerText("#not-proposed")), await lee.innerText("#not-proposed"));

	// Carry over into Q2: the company objective first, then the workstream one, whose retro said
	// what to try; its copy aligns to the company objective's copy and links back.
	srv.okra(["retro", "5", "--try", "Smaller epics", "--try", "Pair on the migration"], { as: "pat" });
	const before = JSON.stringify(json(srv.db, ["objective", "show", "5"]));
	await lee.goto(srv.url("/objectives/4"));
	await lee.selectOption("#copy-cycle", "FY2027-Q2");
	await go(lee, "company objective carried over", "form#copy button[type=submit]", /\/objectives\/8#carried$/);
	await pat.goto(srv.url("/objectives/5"));
	await pat.selectOption("#copy-cycle", "FY2027-Q2");
	await go(pat, "workstream objective carried over, no JS", "form#copy button[type=submit]", /\/objectives\/9#carried$/);
	const copy = json(srv.db, ["objective", "show", "9"]);
	check("the copy is a Q2 draft aligned to the company objective's copy, with the open KRs and their DRIs",
		`${copy.state} ${copy.cycle} ${copy.parent} ${copy.key_results.map((k) => k.dri).join(",")}` === "draft FY2027-Q2 8 pat,sam,kim", copy);
	const aside = (await pat.innerText("#carried")).replace(/\s+/g, " ");
	check("the copy links back and shows its retro's Try bullets",
		/Carried over from .*Enhance the reliability.*\(FY2027-Q1\)/.test(aside) && /Smaller epics Pair on the migration/.test(aside), aside);
	check("nothing of the old quarter changed", JSON.stringify(json(srv.db, ["objective", "show", "5"])) === before);
	await get(patJs, "carried-over draft", "/objectives/9");

	// 390 px: the new pages.
	const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
	await login(phone, srv, "pat");
	await get(phone, "390 new objective", "/objectives/new?cycle=FY2027-Q1&team=platform");
	await get(phone, "390 edit objective", "/objectives/5/edit");
	await get(phone, "390 objective with planning forms", "/objectives/6");
	await get(phone, "390 planning view", "/cycles/FY2027-Q2/plan");

	await patJs.goto(srv.url("/objectives/6"));
	await patJs.click(`#kr-${kr} details > summary`);
	await patJs.fill(`#crit-${kr}-ref`, "acme/more#1");
	await patJs.fill(`#crit-${kr}-pct`, "5");
	await submit(patJs, "criterion above 100 refused", `form#crit-${kr} button[type=submit]`, 422);
	for (const p of [lee, pat, patJs, other, phone])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
