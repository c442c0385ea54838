// t22-a11y-html: every page as it reads has 0 axe-core violations (every rule, best practices and
// the 24 px target size included) at 1280 and 390 px, and 0 Nu HTML Checker errors: signed out,
// then as an admin, a leader, a member, a new joiner and a viewer where the page differs, on the
// demo and on an empty company (the empty states), the tree as of a past day, /checkin with items
// due and with none, a closed objective (with its reopen form for an admin), an objective's
// conversation (a thread, an answer, an edited and a removed comment), the 404s. Every GET
// page row of src/http/routes.def must be among the pages seen (a new page is added here).
// t25 does the same for the forms' answers.
import fs from "node:fs";
import path from "node:path";
import { Server, launch, newPage, login, check, main, auditor, company, ROOT, DEMO_PW, PHONE } from "./lib.mjs";

// The GET rows that answer a page: PAGE access, and the sign-in page.
function pageRoutes() {
	const def = fs.readFileSync(path.join(ROOT, "src/http/routes.def"), "utf8");
	const rows = [...def.matchAll(/ROUTE\("GET",\s*"([^"]+)",\s*\w+,\s*(\w+)/g)];
	return rows.filter(([, p, access]) => access === "PAGE" || p === "/login").map(([, p]) => p);
}

const matches = (pattern, url) => new RegExp("^" + pattern.replace(/\{[^}]+\}/g, "[^/]+") + "$")
	.test(new URL(url, "http://x").pathname);

await main(async () => {
	const srv = await Server.start({
		demo: true,
		// A closed objective to look at: dana's #5 with a final retro; a viewer.
		setup: (s) => {
			s.okra(["retro", "5", "--good", "Provisioning API shipped", "--good", "Median time halved",
				"--bad", "Dashboard slipped", "--bad", "Tickets stayed high", "--try", "Smaller epics",
				"--try", "Pair on the dashboard", "--final"], { as: "dana" });
			s.okra(["objective", "close", "5"], { as: "dana" });
			s.okra(["person", "add", "val", "--name", "Val Viewer", "--role", "viewer", "--joined", "2020-01-01"]);
			s.okra(["user", "passwd", "val"], { stdin: DEMO_PW + "\n" });
			s.okra(["team", "add", "quiet", "--name", "Quiet team"]);
			// A conversation on pat's #4 (issue 19): a question naming him, his answer, a note on
			// KR 9 edited, a comment removed; /me then lists the mention.
			s.okra(["comment", "add", "--objective", "4", "--body", "Why is **latency** flat, @pat?"], { as: "kim" });
			s.okra(["comment", "add", "--objective", "4", "--reply", "1", "--body", "A deploy froze it."], { as: "pat" });
			s.okra(["comment", "add", "--kr", "9", "--body", "Measured on the `p95` dashboard."], { as: "pat" });
			s.okra(["comment", "edit", "3", "--body", "Measured on the `p95` dashboard, daily."], { as: "pat" });
			s.okra(["comment", "add", "--objective", "4", "--body", "Never mind."], { as: "kim" });
			s.okra(["comment", "rm", "4"], { as: "kim" });
		},
	});
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv, { strict: true, widths: [1280, PHONE] });
	const seen = [];
	const visit = async (page, label, p, status = 200) => {
		seen.push(p);
		await get(page, label, p, status);
	};

	const anon = await newPage(browser);
	await visit(anon, "login", "/login");
	await anon.fill("#handle", "pat");
	await anon.fill("#password", "wrong password");
	await submit(anon, "login, wrong password", "button[type=submit]", 403);
	await visit(anon, "unknown path, signed out", "/no/such/page", 404);

	// pat: a member, DRI of #4, owing an update.
	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	await visit(pat, "tree", "/");
	await visit(pat, "tree, year and team selected", "/?cycle=FY2026&team=platform");
	await visit(pat, "tree, as of a past day", "/?as_of=2026-10-15");
	await visit(pat, "tree, last quarter (closed)", "/?cycle=FY2026-Q3");
	await visit(pat, "tree, filtered (owes, two healths)", "/?owes=1&health=at_risk&health=needs_attention");
	await visit(pat, "tree, filtered, mine and behind", "/?mine=1&behind=1");
	await visit(pat, "tree, filtered, nothing matches", "/?person=lou&team=platform");
	await visit(pat, "tree, a bad filter", "/?health=green", 400);
	await visit(pat, "cycle, filtered", "/cycles/FY2026-Q4?person=dana");
	await visit(pat, "team, filtered", "/teams/platform?health=at_risk");
	await visit(pat, "cycle", "/cycles/FY2026-Q4");
	await visit(pat, "cycle, empty", "/cycles/FY2026-Q1");
	await visit(pat, "team", "/teams/platform");
	await visit(pat, "team, no objectives", "/teams/quiet");
	await visit(pat, "objective, annual", "/objectives/2");
	await visit(pat, "objective, company", "/objectives/3");
	await visit(pat, "objective, workstream", "/objectives/4");
	await visit(pat, "objective, closed", "/objectives/5");
	await visit(pat, "checkin, items due", "/checkin");
	await visit(pat, "person", "/people/pat");
	await visit(pat, "people", "/people");
	await visit(pat, "people, searched", "/people?q=pa");
	await visit(pat, "people, searched, nobody", "/people?q=zzzz");
	await visit(pat, "teams", "/teams");
	await visit(pat, "cycles, member", "/cycles");
	await visit(pat, "me", "/me");
	await visit(pat, "weekly report", "/report/weekly");
	await visit(pat, "weekly report, an earlier week", "/report/weekly?date=2026-11-11");
	await visit(pat, "weekly report, bad date", "/report/weekly?date=nope", 400);
	await visit(pat, "this week, member", "/week");
	await visit(pat, "review, quarter running", "/cycles/FY2026-Q4/review");
	await visit(pat, "review, lessons searched, none", "/cycles/FY2026-Q4/review?q=zzzz");
	await visit(pat, "review, last quarter (closed)", "/cycles/FY2026-Q3/review");
	await visit(pat, "404 review", "/cycles/nope/review", 404);
	await visit(pat, "search, the form alone", "/search");
	await visit(pat, "search, hits of every kind", "/search?q=platform");
	await visit(pat, "search, nothing found", "/search?q=zzyzx");
	await visit(pat, "search, refused", "/search?q=" + "x".repeat(201), 422);
	await visit(pat, "team manage, member", "/teams/platform/manage", 403);
	await visit(pat, "plan a cycle, member", "/cycles/FY2026-Q4/plan");
	await visit(pat, "new objective, member", "/objectives/new");
	await visit(pat, "edit an objective, member (its DRI)", "/objectives/4/edit");
	await visit(pat, "person, new joiner", "/people/noor");
	await visit(pat, "person, with the year's objectives", "/people/sam");
	await visit(pat, "login, signed in", "/login");
	await visit(pat, "404 objective", "/objectives/999", 404);
	await visit(pat, "404 team", "/teams/nope", 404);
	await visit(pat, "404 cycle", "/cycles/nope", 404);
	await visit(pat, "404 person", "/people/nobody", 404);
	await visit(pat, "404 unknown path", "/no/such/page", 404);

	// alex: an admin (every form, the reopen form on a closed objective, the admin pages).
	const alex = await newPage(browser);
	await login(alex, srv, "alex");
	await visit(alex, "tree, admin", "/");
	await visit(alex, "objective, company, admin", "/objectives/3");
	await visit(alex, "objective, workstream, admin", "/objectives/4");
	await visit(alex, "objective, closed, admin (reopen)", "/objectives/5");
	await visit(alex, "checkin, admin", "/checkin");
	await visit(alex, "people, admin", "/people");
	await visit(alex, "person, admin", "/people/pat");
	await visit(alex, "person, new joiner, admin", "/people/noor");
	await visit(alex, "teams, admin", "/teams");
	await visit(alex, "cycles, admin", "/cycles");
	await visit(alex, "team manage, admin", "/teams/platform/manage");
	await visit(alex, "team manage, empty team", "/teams/quiet/manage");
	await visit(alex, "plan a cycle, admin", "/cycles/FY2026-Q4/plan");
	await visit(alex, "plan a cycle, empty, admin", "/cycles/FY2026-Q1/plan");
	await visit(alex, "new objective, admin", "/objectives/new");
	await visit(alex, "edit an objective, admin", "/objectives/3/edit");
	await visit(alex, "settings, admin", "/settings");
	await visit(alex, "settings, just saved", "/settings?saved=reminders");
	await visit(alex, "audit, admin", "/audit");
	await visit(alex, "audit, filtered", "/audit?actor=dana&entity=key_result&from=2026-11-01&to=2026-11-30");
	await visit(alex, "audit, an objective and its KRs", "/audit?objective=4");
	await visit(alex, "audit, nothing matches", "/audit?entity=person&id=val&to=2020-01-01");

	// sam: a leader; kim: a member owing one KR; noor: a new joiner; val: a viewer.
	const sam = await newPage(browser);
	await login(sam, srv, "sam");
	await visit(sam, "objective, company, leader", "/objectives/3");
	await visit(sam, "checkin, leader", "/checkin");
	await visit(sam, "person, leader", "/people/sam");
	await visit(sam, "this week, leader", "/week");
	await visit(sam, "this week, after an update day", "/week?date=2026-11-13");
	await visit(sam, "this week, bad date", "/week?date=nope", 400);
	await visit(sam, "403 settings, leader", "/settings", 403);
	await visit(sam, "audit, leader", "/audit");
	const kim = await newPage(browser);
	await login(kim, srv, "kim");
	await visit(kim, "checkin, one KR due", "/checkin");
	const noor = await newPage(browser);
	await login(noor, srv, "noor");
	await visit(noor, "checkin, new joiner (nothing to update)", "/checkin");
	await visit(noor, "objective, new joiner", "/objectives/4");
	const val = await newPage(browser);
	await login(val, srv, "val");
	await visit(val, "tree, viewer", "/");
	await visit(val, "objective, viewer", "/objectives/4");
	await visit(val, "checkin, viewer", "/checkin");
	await visit(val, "people, viewer", "/people");
	await visit(val, "person, viewer", "/people/val");
	await visit(val, "403 settings, viewer", "/settings", 403);
	await visit(val, "403 audit, viewer", "/audit", 403);

	// An empty company: alex, the year and its quarters, nothing planned.
	const empty = await Server.start({ setup: (s) => company(s) });
	const e = await auditor(empty, { strict: true, widths: [1280, PHONE] });
	const ea = await newPage(browser);
	await login(ea, empty, "alex");
	for (const [label, p] of [["tree", "/"], ["cycle", "/cycles/FY2026-Q4"], ["checkin", "/checkin"],
		["people", "/people"], ["person", "/people/alex"], ["teams", "/teams"], ["cycles", "/cycles"],
		["this week", "/week"], ["review", "/cycles/FY2026-Q4/review"], ["audit", "/audit"]]) {
		seen.push(p);
		await e.get(ea, `empty company: ${label}`, p);
	}

	// Every page route was seen.
	for (const pattern of pageRoutes())
		check(`page route ${pattern} is audited here`, seen.some((u) => matches(pattern, u)), seen);

	for (const p of [anon, pat, alex, sam, kim, noor, val, ea])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
	e.vnu();
});
