// t57-cycles: /cycles. Everyone signed in sees the cycles running now, coming and past with their
// dates; a leader or admin plans a year there: FY2027 and its four quarters, dated from the
// fiscal year's first month (a setting), seen afterwards by `okra --json cycle list`. A year
// planned twice, or one that would overlap another, or a year that is not one comes back with the
// message beside the field and what was typed (409, 422). Members and viewers see no form and a
// forced POST is refused (403). axe and vnu on every page at desktop and 390 px; the form works
// with JavaScript off.
import { Server, launch, newPage, login, check, main, auditor, forcePost, mainText, DEMO_PW, PHONE } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({
		demo: true,
		setup: (s) => {
			s.okra(["person", "add", "vic", "--name", "Vic Viewer", "--role", "viewer", "--joined", "2020-01-01"]);
			s.okra(["user", "passwd", "vic"], { stdin: DEMO_PW + "\n" });
		},
	});
	const browser = await launch();
	const { get, submit, audit, vnu } = await auditor(srv, { strict: true, widths: [1280, PHONE] });
	const cycles = () => JSON.parse(srv.okra(["--json", "cycle", "list"]));

	// sam, a leader: the demo's cycles (today is 2026-11-23), the nav, the form offering FY2027.
	const sam = await newPage(browser);
	await login(sam, srv, "sam");
	await get(sam, "cycles, leader", "/cycles");
	const text = await mainText(sam);
	check("now: the year and its fourth quarter", /Now[\s\S]*FY2026 · Planning · Review\s+year\s+2026-01-01\s+2026-12-31/.test(text) &&
		/FY2026-Q4 · Planning · Review\s+quarter of FY2026\s+2026-10-01\s+2026-12-31/.test(text), text);
	check("past: the three quarters before, the latest first",
		/Past[\s\S]*FY2026-Q3[\s\S]*FY2026-Q2[\s\S]*FY2026-Q1/.test(text), text);
	check("nothing coming yet", !/Coming/.test(text), text);
	check("the nav has Cycles, current", await sam.getAttribute("nav a[href='/cycles']", "aria-current") === "page");
	check("each cycle links to its tree and its planning view",
		await sam.locator("a[href='/cycles/FY2026-Q4']").count() === 1 &&
		await sam.locator("a[href='/cycles/FY2026-Q4/plan']").count() === 1);
	check("the form offers FY2027 with its dates", await sam.inputValue("#year") === "2027" &&
		/FY2027 runs from 2027-01-01 to 2027-12-31/.test(await sam.innerText("form#plan-year")));
	check("no sideways scroll of the page at desktop",
		await sam.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));

	// Refusals: not a year (422), FY2026 again (409), each beside the field with the typed value.
	await sam.fill("#year", "next year");
	await submit(sam, "422 plan a year, not a year", "form#plan-year button[type=submit]", 422);
	check("422: the message stands beside the year", /fiscal year like 2027/.test(await sam.innerText("#year-error")));
	check("422: what was typed is kept", await sam.inputValue("#year") === "next year", await sam.inputValue("#year"));
	await sam.fill("#year", "FY2026");
	await submit(sam, "409 plan a year planned already", "form#plan-year button[type=submit]", 409);
	check("409: the message names the year and its dates",
		/a cycle named FY2026 already exists \(2026-01-01 to 2026-12-31\)/.test(await sam.innerText("#year-error")));
	check("409: what was typed is kept", await sam.inputValue("#year") === "FY2026");

	// Planned: FY2027 and its quarters, coming; the CLI sees them.
	await sam.fill("#year", "2027");
	await submit(sam, "plan FY2027, saved", "form#plan-year button[type=submit]", 200);
	check("back on /cycles at FY2027", new URL(sam.url()).pathname === "/cycles" && sam.url().endsWith("#cycle-FY2027"));
	check("FY2027 is coming", /Coming[\s\S]*FY2027 · Planning · Review\s+year\s+2027-01-01\s+2027-12-31/.test(await mainText(sam)));
	const by = Object.fromEntries(cycles().map((c) => [c.name, c]));
	check("okra cycle list: FY2027 and its four quarters", by.FY2027 && by.FY2027.kind === "year" &&
		by.FY2027.starts_on === "2027-01-01" && by.FY2027.ends_on === "2027-12-31" &&
		["Q1", "Q2", "Q3", "Q4"].every((q) => by["FY2027-" + q] && by["FY2027-" + q].parent === by.FY2027.id) &&
		by["FY2027-Q3"].starts_on === "2027-07-01" && by["FY2027-Q3"].ends_on === "2027-09-30", by);
	check("the form now offers FY2028", await sam.inputValue("#year") === "2028");

	// The fiscal year's first month, changed: FY2029 starts the February before, and would
	// overlap a year planned over it.
	srv.okra(["setting", "set", "fiscal_year_first_month", "2"]);
	srv.okra(["cycle", "add", "X2028", "--kind", "year", "--start", "2028-03-01", "--end", "2028-12-31"]);
	await sam.goto(srv.url("/cycles"));
	await sam.fill("#year", "2029");
	await submit(sam, "409 a year overlapping another", "form#plan-year button[type=submit]", 409);
	check("409: it names the one it would overlap",
		/FY2029 would overlap the year X2028 \(2028-03-01 to 2028-12-31\)/.test(await sam.innerText("#year-error")));
	await sam.fill("#year", "2030");
	await submit(sam, "plan FY2030 from February", "form#plan-year button[type=submit]", 200);
	const fy30 = cycles().find((c) => c.name === "FY2030");
	check("FY2030 runs 2029-02-01 to 2030-01-31", fy30 && fy30.starts_on === "2029-02-01" && fy30.ends_on === "2030-01-31", fy30);

	// alex, an admin, at 390 px: the page fits and has the form.
	const phone = await newPage(browser, { viewport: { width: 390, height: 844 } });
	await login(phone, srv, "alex");
	await get(phone, "cycles, admin, 390 px", "/cycles");
	check("390 px: the admin sees the form", await phone.locator("form#plan-year").count() === 1);
	check("390 px: no sideways scroll of the page",
		await phone.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));

	// Members and viewers: the list, no form; a forced POST is 403 and changes nothing.
	const before = cycles().length;
	for (const h of ["pat", "vic"]) {
		const p = await newPage(browser);
		await login(p, srv, h);
		await get(p, `cycles as ${h}`, "/cycles");
		check(`${h} sees the cycles`, /FY2026-Q4/.test(await mainText(p)));
		check(`${h} sees no form`, await p.locator("main form").count() === 0);
		await audit(p, `403 plan a year forced by ${h}`, await forcePost(p, "/cycles/years", { year: "2031" }), 403);
	}
	check("the refused posts planned nothing", cycles().length === before && !cycles().some((c) => c.name === "FY2031"));

	// JavaScript off: the form still plans a year.
	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "alex");
	await nojs.goto(srv.url("/cycles"));
	await nojs.fill("#year", "2032");
	await Promise.all([nojs.waitForURL(/#cycle-FY2032$/), nojs.click("form#plan-year button[type=submit]")]);
	check("no JS: FY2032 planned", cycles().some((c) => c.name === "FY2032-Q4"));

	for (const p of [sam, phone, nojs])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
