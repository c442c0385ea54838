// t27-history: the tree pages as of a past day (?as_of=D on /, /cycles/{name}, /teams/{slug}) show
// the percentages of that day, say which day they show, keep as_of in their links and their form,
// and pass axe-core (WCAG 2.1 A and AA) and the Nu HTML Checker like t22; bad days get error pages.
import { spawnSync } from "node:child_process";
import { OKRA, Server, launch, newPage, login, check, main, auditor, company, cardPct, mainText, DEMO_PW } from "./lib.mjs";

// The CLI on srv's database at another day than NOW: the history is written on those days.
function at(srv, day, args, as = null) {
	const argv = ["--db", srv.db].concat(as ? ["--as", as] : [], args);
	const p = spawnSync(OKRA, argv, { encoding: "utf8", timeout: 60000, env: { ...process.env, OKRA_NOW: day } });
	if (p.status !== 0)
		throw new Error(`okra ${args.join(" ")} at ${day}: exit ${p.status}: ${p.stderr}`);
	return p.stdout.trim();
}

await main(async () => {
	// FY2026-Q4 (2026-10-01 … 2026-12-31), planned on 2026-10-05; check-ins on three Wednesdays.
	// Company goal #1: KR 0 → 100 %; Core goal #2 aligned to it: KR 0 → 10 pts.
	const srv = await Server.start({
		setup: (s) => {
			company(s);
			s.okra(["person", "add", "dee", "--name", "Dee Ray", "--joined", "2025-01-01"]);
			s.okra(["user", "passwd", "dee"], { stdin: DEMO_PW + "\n" });
			s.okra(["team", "add", "core", "--name", "Core", "--member", "dee"]);
			at(s, "2026-10-05", ["objective", "add", "--cycle", "FY2026-Q4", "--dri", "alex", "--title", "Company goal"]);
			at(s, "2026-10-05", ["kr", "add", "1", "--title", "Adoption", "--dri", "alex", "--unit", "%", "--start", "0", "--target", "100"]);
			at(s, "2026-10-05", ["objective", "add", "--cycle", "FY2026-Q4", "--team", "core", "--parent", "1",
				"--dri", "dee", "--title", "Core goal"]);
			at(s, "2026-10-05", ["kr", "add", "2", "--title", "Points", "--dri", "dee", "--unit", "pts", "--start", "0", "--target", "10"]);
			at(s, "2026-10-07", ["checkin", "1", "--value", "20", "--health", "on_track"]);
			at(s, "2026-10-07", ["checkin", "2", "--value", "5", "--health", "on_track"], "dee");
			at(s, "2026-10-14", ["checkin", "1", "--value", "40", "--health", "needs_attention"]);
			at(s, "2026-11-18", ["checkin", "1", "--value", "70", "--health", "on_track"]);
			at(s, "2026-11-18", ["checkin", "2", "--value", "8", "--health", "on_track"], "dee");
		},
	});
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv);
	const dee = await newPage(browser);
	await login(dee, srv, "dee");

	await get(dee, "tree now", "/?cycle=FY2026-Q4");
	check("now: Company goal at (70 + 80) / 2 = 75%", await cardPct(dee, 1) === "75%", await cardPct(dee, 1));
	check("now: no as-of notice", !(await mainText(dee)).includes("As it stood on"));

	await get(dee, "tree as of 2026-10-10", "/?as_of=2026-10-10");
	check("as of 2026-10-10: Company goal at (20 + 50) / 2 = 35%", await cardPct(dee, 1) === "35%", await cardPct(dee, 1));
	check("as of 2026-10-10: Core goal at 50%", await cardPct(dee, 2) === "50%", await cardPct(dee, 2));
	let text = await mainText(dee);
	check("as of 2026-10-10: the KR shows 20 → 100 %", text.includes("Adoption — 20% (20 → 100 %)"), text);
	check("the page says which day it shows", text.includes("As it stood on 2026-10-10 (at the end of the day)"), text);
	check("the quarter is the one containing the day", text.includes("FY2026-Q4"), text);
	check("the As of field holds the day", await dee.inputValue("#as_of") === "2026-10-10");
	check("the As of field is labelled", await dee.locator("label[for=as_of]").innerText() === "As of");
	check("the team link keeps as_of", await dee.locator('a[href="/teams/core?as_of=2026-10-10"]').count() === 1);
	check("the notice links to the tree of now", await dee.locator('.notice a[href="/cycles/FY2026-Q4"]').count() === 1);
	check("nothing is marked due on an old tree", await dee.locator(".tag.due").count() === 0);

	// The form: pick another day and Show.
	await dee.fill("#as_of", "2026-10-14");
	await submit(dee, "tree as of 2026-10-14 (from the form)", "form.filters button[type=submit]", 200);
	check("the form sends as_of", new URL(dee.url()).searchParams.get("as_of") === "2026-10-14", dee.url());
	check("as of 2026-10-14: Company goal at (40 + 50) / 2 = 45%", await cardPct(dee, 1) === "45%", await cardPct(dee, 1));
	await dee.fill("#as_of", "");
	await submit(dee, "tree now (the form, as_of cleared)", "form.filters button[type=submit]", 200);
	check("an empty As of shows now: 75%", await cardPct(dee, 1) === "75%", await cardPct(dee, 1));

	await get(dee, "cycle as of 2026-10-10", "/cycles/FY2026-Q4?as_of=2026-10-10");
	check("/cycles as of 2026-10-10: 35%", await cardPct(dee, 1) === "35%", await cardPct(dee, 1));
	await get(dee, "team as of 2026-10-10", "/teams/core?as_of=2026-10-10");
	check("/teams as of 2026-10-10: Core goal at 50%", await cardPct(dee, 2) === "50%", await cardPct(dee, 2));
	text = await mainText(dee);
	check("/teams says which day it shows", text.includes("As it stood on 2026-10-10"), text);
	check("/teams' notice links to the team now", await dee.locator('.notice a[href="/teams/core?cycle=FY2026-Q4"]').count() === 1);
	await get(dee, "tree as of 2026-10-06 (before any check-in)", "/?cycle=FY2026-Q4&as_of=2026-10-06");
	check("as of 2026-10-06: Company goal at 0%", await cardPct(dee, 1) === "0%", await cardPct(dee, 1));
	await get(dee, "tree as of 2026-10-04 (before anything was planned)", "/?cycle=FY2026-Q4&as_of=2026-10-04");
	check("as of 2026-10-04: no objectives yet", (await mainText(dee)).includes("No objectives in this cycle yet."));

	await get(dee, "as_of not a date", "/?as_of=2026-13-01", 400);
	await get(dee, "as_of in the future", "/?as_of=2026-11-24", 422);
	check("the future is refused with the reason", (await mainText(dee)).includes("is in the future"));
	await get(dee, "as_of before the cycle", "/cycles/FY2026-Q4?as_of=2026-09-30", 422);

	check("no page problems (CSP, script errors, failed assets)", dee.problems.length === 0, dee.problems);
	vnu();
});
