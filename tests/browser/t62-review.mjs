// t62-review: /cycles/{name}/review on the demo company. Every objective of the quarter is shown
// with its final score beside its progress and its retro (Good, Bad, Try rendered, hostile
// Markdown as text); what blocks closing the cycle names exactly the objectives without a final
// retro or a score; the calibration is `okra report calibration`'s; the lessons are the Try
// bullets of the same teams' earlier retros, filtered by ?q=, and work without JavaScript.
import { Server, launch, newPage, login, check, main, auditor } from "./lib.mjs";

const HOSTILE = `<img src=x onerror="window.pwned=1"> [click](javascript:alert(1)) **Smaller** epics`;

await main(async () => {
	const srv = await Server.start({
		demo: true,
		// dana's #5: a final retro (one Try bullet hostile) and closed with a score; pat's #4 a draft retro.
		setup: (s) => {
			s.okra(["retro", "5", "--good", "Provisioning API shipped", "--good", "Median time halved",
				"--bad", "Dashboard slipped", "--bad", "Tickets stayed high", "--try", HOSTILE,
				"--try", "Pair on the dashboard", "--final"], { as: "dana" });
			s.okra(["objective", "close", "5", "--score", "0.7", "--reason", "API and flow done"], { as: "dana" });
			s.okra(["retro", "4", "--good", "Uptime held"], { as: "pat" });
			s.okra(["cycle", "year", "FY2027", "--start", "2027-01-01"]);
			s.okra(["objective", "add", "--cycle", "FY2027-Q1", "--team", "saas", "--dri", "dana", "--title",
				"Provisioning for every team"]);
		},
	});
	const browser = await launch();
	const { get, vnu } = await auditor(srv);
	const sam = await newPage(browser);
	await login(sam, srv, "sam");
	await get(sam, "review", "/cycles/FY2026-Q4/review");

	const tree = JSON.parse(srv.okra(["--json", "tree", "--cycle", "FY2026-Q4"]));
	const all = [];
	const walk = (o) => { all.push(o); (o.children || []).forEach(walk); };
	tree.objectives.forEach(walk);
	const mine = all.filter((o) => o.cycle === "FY2026-Q4" && o.state !== "draft");
	const shown = await sam.$$eval("section.review", (s) => s.map((x) => Number(x.id.replace("review-", ""))));
	check("review: every objective of the quarter is shown", mine.length === 3 &&
		mine.every((o) => shown.includes(o.id)) && shown.length === mine.length, [mine.map((o) => o.id), shown]);

	const five = await sam.innerText("#review-5");
	check("review: #5's final score beside its progress", /Progress[\s\S]*\d+%[\s\S]*Final score 70%: API and flow done/.test(five), five);
	const heads = await sam.$$eval("#review-5 .retro h4", (h) => h.map((x) => x.textContent));
	check("review: #5's retro rendered, Good, Bad and Try", heads.join() === "Good,Bad,Try", heads);
	check("review: #5's retro bullets are there", ["Provisioning API shipped", "Tickets stayed high", "Pair on the dashboard"]
		.every((t) => five.includes(t)), five);
	check("review: hostile Markdown in a retro shows as text",
		five.includes('<img src=x onerror="window.pwned=1">') &&
		(await sam.locator("#review-5 .retro img").count()) === 0 &&
		(await sam.locator('#review-5 .retro a[href^="javascript"]').count()) === 0 &&
		!(await sam.evaluate(() => window.pwned)), five);
	const four = await sam.innerText("#review-4");
	check("review: #4's draft retro is shown as a draft, with no score yet",
		four.includes("Draft retro") && four.includes("Uptime held") && four.includes("No final score yet"), four);
	check("review: #3 has no retro yet", (await sam.innerText("#review-3")).includes("No retro yet"));

	const blocked = await sam.$$eval("#blockers li", (li) => li.map((x) => [Number(x.dataset.objective),
		[...x.querySelectorAll("[data-missing]")].map((s) => s.dataset.missing).join("+")]));
	check("review: what blocks closing is #3 and #4 (no final retro, no score), not the closed #5",
		JSON.stringify(blocked) === JSON.stringify([[3, "retro+score"], [4, "retro+score"]]), blocked);

	const cal = JSON.parse(srv.okra(["--json", "report", "calibration", "--cycle", "FY2026-Q4"]));
	const rows = await sam.$$eval("#calibration-dris tbody tr", (tr) => tr.map((x) => [x.querySelector("th").textContent,
		x.querySelector("td:last-child").textContent]));
	check("review: the calibration is okra report calibration's, DRI by DRI", cal.dris.length > 0 &&
		JSON.stringify(rows) === JSON.stringify(cal.dris.map((d) => [d.dri, d.sentence])), [rows, cal.dris]);
	check("review: and team by team", (await sam.locator("#calibration-teams tbody tr").count()) === cal.teams.length);

	const lessons = await sam.innerText("#lessons");
	check("review: the lessons are platform's FY2026-Q3 Try bullets", lessons.includes("Write runbooks as part of each migration issue") &&
		lessons.includes("FY2026-Q3"), lessons);
	await get(sam, "review, lessons searched", "/cycles/FY2026-Q4/review?q=RUNBOOKS");
	const found = await sam.$$eval("#lessons li", (li) => li.map((x) => x.textContent));
	check("review: a search keeps the matching lessons only (case aside)", found.length === 1 &&
		found[0].startsWith("Write runbooks"), found);
	check("review: the search box keeps what was typed", (await sam.inputValue("#q")) === "RUNBOOKS");
	await get(sam, "review, lessons searched, none", "/cycles/FY2026-Q4/review?q=zzzz");
	check("review: no lesson matches says so", (await sam.locator("#no-lessons").count()) === 1 &&
		(await sam.locator("#lessons").count()) === 0);

	// The next quarter's review reads this quarter's lessons: #5's hostile Try bullet as text.
	await get(sam, "review, the next year's first quarter", "/cycles/FY2027-Q1/review");
	const next = await sam.$$eval("#lessons li", (li) => li.map((x) => x.textContent));
	check("review: the next quarter's lessons are saas's, #5's hostile bullet as text",
		next.some((t) => t.startsWith(HOSTILE) && t.includes("FY2026-Q4")) &&
		(await sam.locator("#lessons img").count()) === 0 && !(await sam.evaluate(() => window.pwned)), next);
	await get(sam, "review, an unknown cycle", "/cycles/nope/review", 404);

	// Without JavaScript the search is a plain GET form.
	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "pat");
	await nojs.goto(srv.url("/cycles/FY2026-Q4/review"));
	await nojs.fill("#q", "vendor");
	await Promise.all([nojs.waitForURL(/q=vendor/), nojs.click("main form[role=search] button[type=submit]")]);
	const nl = await nojs.$$eval("#lessons li", (li) => li.map((x) => x.textContent));
	check("no JS: the lessons' search works", nl.length === 1 && nl[0].startsWith("Agree vendor renewals"), nl);

	await sam.goto(srv.url("/cycles"));
	check("the cycles page links to the review", (await sam.locator('a[href="/cycles/FY2026-Q4/review"]').count()) === 1);
	vnu();
	check("no page problems (CSP, script errors, failed assets)", sam.problems.length === 0, sam.problems);
});
