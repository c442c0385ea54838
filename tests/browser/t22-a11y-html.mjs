// t22-a11y-html: every page as it reads (signed out, the tree and its selectors, cycles, teams,
// every kind of objective, people, /checkin, the 404s) has 0 axe-core violations (WCAG 2.1 A
// and AA) and 0 Nu HTML Checker errors. t25 does the same for the forms' answers.
import { Server, launch, newPage, login, check, main, auditor, PHONE } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({
		demo: true,
		// A closed objective to look at: dana's #5 with a final retro.
		setup: (s) => {
			s.okra(["retro", "5", "--good", "Provisioning API shipped", "--good", "Median time halved",
				"--bad", "Dashboard slipped", "--bad", "Tickets stayed high", "--try", "Smaller epics",
				"--try", "Pair on the dashboard", "--final"], { as: "dana" });
			s.okra(["objective", "close", "5"], { as: "dana" });
		},
	});
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv, { strict: true, widths: [1280, PHONE] });

	const anon = await newPage(browser);
	await get(anon, "login", "/login");
	await anon.fill("#handle", "pat");
	await anon.fill("#password", "wrong password");
	await submit(anon, "login, wrong password", "button[type=submit]", 403);
	await get(anon, "unknown path, signed out", "/no/such/page", 404);

	// pat: a member, DRI of #4.
	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	await get(pat, "tree", "/");
	await get(pat, "tree, year and team selected", "/?cycle=FY2026&team=platform");
	await get(pat, "cycle", "/cycles/FY2026-Q4");
	await get(pat, "cycle, empty", "/cycles/FY2026-Q1");
	await get(pat, "team", "/teams/platform");
	await get(pat, "objective, annual", "/objectives/2");
	await get(pat, "objective, company", "/objectives/3");
	await get(pat, "objective, workstream", "/objectives/4");
	await get(pat, "objective, closed", "/objectives/5");
	await get(pat, "checkin", "/checkin");
	await get(pat, "person", "/people/pat");
	await get(pat, "people", "/people");
	await get(pat, "people, searched", "/people?q=pa");
	await get(pat, "teams", "/teams");
	await get(pat, "person, new joiner", "/people/noor");
	await get(pat, "person, with the year's objectives", "/people/sam");
	await get(pat, "login, signed in", "/login");
	await get(pat, "404 objective", "/objectives/999", 404);
	await get(pat, "404 team", "/teams/nope", 404);
	await get(pat, "404 cycle", "/cycles/nope", 404);
	await get(pat, "404 person", "/people/nobody", 404);
	await get(pat, "404 unknown path", "/no/such/page", 404);

	for (const p of [anon, pat])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
