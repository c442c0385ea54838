// t25-a11y-forms: the pages the forms answer with (the 403, 409 and 422 pages with their errors
// and typed values — updates, corrections, reopen, the admin pages, plan a year, planning: a new
// or edited objective, a KR added, edited, moved or deleted, criteria, a team's quarter carried
// over —, a saved update, nothing due, an admin's view, the planning pages filled and focused
// with their pickers filtered; search, the review's lessons, this week and the weekly report
// with their forms filled and refused; each comment form filled, focused and refused) have 0 axe-core violations (every rule, target size included, at
// 1280 and 390 px) and 0 Nu HTML Checker errors.
import { Server, launch, newPage, login, check, main, auditor, forcePost, PHONE } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const { get, submit, audit, vnu } = await auditor(srv, { strict: true, widths: [1280, PHONE] });

	// pat, a member: a status on the company objective #3 (403), a check-in that is not a
	// number (422), a final retro too short (422), the update with its lines missing (422).
	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	// R14: the page draws no status form for pat on #3, so the status is posted anyway.
	await pat.goto(srv.url("/objectives/3"));
	await audit(pat, "403 status on a company objective", await forcePost(pat, "/objectives/3/status",
		{ health: "on_track", "line-7": "a line", "line-8": "a line" }), 403);
	await pat.goto(srv.url("/objectives/4"));
	await pat.fill("#v10", "lots");
	await submit(pat, "422 check-in on the objective page", "#kr-10 form[action$=\"/checkin\"] button[type=submit]", 422);
	await pat.goto(srv.url("/objectives/4"));
	await pat.fill("#retro-good", "Only one good point");
	await pat.check("#retro-final");
	await submit(pat, "422 final retro too short", "form#retro button[type=submit]", 422);
	await pat.goto(srv.url("/objectives/4"));
	await pat.selectOption("#status-health", "on_track");
	await pat.fill("#line-9", "");
	await pat.locator("form#status").evaluate((f) => f.setAttribute("novalidate", ""));
	await submit(pat, "422 status with a line missing", "form#status button[type=submit]", 422);
	await pat.goto(srv.url("/checkin"));
	// A decision (a health other than the one drawn): the status, its lines missing.
	const drawn = await pat.inputValue("#obj-4-health");
	await pat.selectOption("#obj-4-health", drawn === "at_risk" ? "needs_attention" : "at_risk");
	await submit(pat, "422 checkin, status lines missing", "main form button[type=submit]", 422);

	// kim owes KR 11: a value that is not a number, then the update saved, then nothing due.
	const kim = await newPage(browser);
	await login(kim, srv, "kim");
	await kim.goto(srv.url("/checkin"));
	await kim.fill("#kr-11-value", "many");
	await submit(kim, "422 checkin, a value not a number", "main form button[type=submit]", 422);
	await kim.fill("#kr-11-value", "30");
	await Promise.all([kim.waitForURL(/saved=1/), kim.click("main form button[type=submit]")]);
	await get(kim, "checkin, saved", "/checkin?saved=1");
	await get(kim, "objective after a check-in", "/objectives/4");

	// pat amends his own check-in on KR 10 with a value that is not a number.
	await pat.goto(srv.url("/objectives/4"));
	const amend = pat.locator("details:has(form[id^=amend-])").first();
	await amend.locator("summary").click();
	await amend.locator("input[name=value]").fill("lots");
	await submit(pat, "422 amend a check-in", "details[open] form[id^=amend-] button[type=submit]", 422);

	// alex, an admin, on the company objective; sam (a leader) owes nothing.
	const alex = await newPage(browser);
	alex.on("dialog", (d) => d.accept());
	await login(alex, srv, "alex");
	await get(alex, "objective, company, as admin", "/objectives/3");
	await get(alex, "checkin, nothing due", "/checkin");
	// The admin pages' refusals: a person, a team, a team's name, the only admin's role.
	await alex.goto(srv.url("/people"));
	await alex.fill("#handle", "Zoe Z");
	await alex.fill("#name", "Zoe Zimmer");
	await submit(alex, "422 add a person, a bad handle", "form#add button[type=submit]", 422);
	await alex.goto(srv.url("/people/alex"));
	await alex.selectOption("#edit-role", "member");
	await submit(alex, "409 the only admin's role", "form#edit button[type=submit]", 409);
	await alex.goto(srv.url("/teams"));
	await alex.fill("#slug", "Data Team");
	await alex.fill("#name", "Data");
	await submit(alex, "422 create a team, a bad slug", "form#create button[type=submit]", 422);
	await alex.goto(srv.url("/teams/platform/manage"));
	await alex.fill("#team-name", "");
	await alex.locator("form#rename").evaluate((f) => f.setAttribute("novalidate", ""));
	await submit(alex, "422 rename a team to nothing", "form#rename button[type=submit]", 422);
	await alex.goto(srv.url("/cycles"));
	await alex.fill("#year", "someday");
	await submit(alex, "422 plan a year, not a year", "form#plan-year button[type=submit]", 422);
	await alex.fill("#year", "2026");
	await submit(alex, "409 plan a year planned already", "form#plan-year button[type=submit]", 409);
	// A setting refused: the month 13, and a secret too short (never drawn again).
	await alex.goto(srv.url("/settings"));
	await alex.fill("#fiscal_year_first_month", "13");
	await submit(alex, "422 settings, a month 13", "form#process button[type=submit]", 422);
	await alex.fill("#gitlab_webhook_secret", "short");
	await submit(alex, "422 settings, a secret too short", "form#integrations button[type=submit]", 422);
	// The audit trail's filters refused: a name where an objective's id goes.
	await alex.goto(srv.url("/audit"));
	await alex.selectOption("#entity", "objective");
	await alex.fill("#id", "launch");
	await submit(alex, "422 audit, an objective by name", "form#filters button[type=submit]", 422);
	// Reopen a closed objective (last quarter's #1) without a reason.
	await alex.goto(srv.url("/objectives/1"));
	await alex.locator("form#reopen").evaluate((f) => f.setAttribute("novalidate", ""));
	await submit(alex, "422 reopen without a reason", "form#reopen button[type=submit]", 422);

	// Planning (issue 17): pat plans platform's quarter; each page filled, focused and refused.
	const here = (page) => ({ status: () => 200, text: () => page.content() });
	srv.okra(["cycle", "year", "FY2027", "--start", "2027-01-01"], { as: "alex" });
	await get(pat, "new objective, workstream", "/objectives/new?cycle=FY2026-Q4&team=platform");
	await pat.fill("#title", "Make on-call humane");
	await pat.fill("#dri-filter", "ki");
	await pat.focus("#dri-filter");
	await audit(pat, "new objective, filled, DRI picker filtered", here(pat));
	await pat.fill("#title", "");
	await pat.locator("form#plan").evaluate((f) => f.setAttribute("novalidate", ""));
	await submit(pat, "422 new objective without a title", "form#plan button[type=submit]", 422);
	await get(pat, "edit objective", "/objectives/4/edit");
	await pat.fill("#weight", "heavy");
	await submit(pat, "422 edit objective, a weight not a number", "form#plan button[type=submit]", 422);
	await get(pat, "objective with planning forms", "/objectives/4");
	await pat.fill("#kr-title", "Latency");
	await pat.fill("#kr-unit", "ms");
	await pat.fill("#kr-start", "800");
	await pat.fill("#kr-target", "800");
	await pat.focus("#kr-target");
	await audit(pat, "add a KR, filled, the preview saying no change", here(pat));
	await pat.click("form#add-kr button[type=submit]");
	await pat.waitForFunction(() => (document.getElementById("krs-status") || {}).textContent === "The key result was not added.");
	await audit(pat, "add a KR refused in place (JS)", here(pat));
	await pat.goto(srv.url("/objectives/4"));
	await audit(pat, "422 add a KR, target = start", await forcePost(pat, "/objectives/4/key-results",
		{ title: "Latency", dri: "pat", kind: "metric", unit: "ms", start: "800", target: "800" }), 422);
	await pat.goto(srv.url("/objectives/4"));
	await pat.click("#kr-10 details > summary");
	await pat.fill("#kredit-10-weight", "-1");
	await submit(pat, "422 edit a KR, a weight below 0", "form#kredit-10 button[type=submit]", 422);
	await pat.goto(srv.url("/objectives/4"));
	await audit(pat, "409 move the first KR up", await forcePost(pat, "/key-results/9/move", { direction: "up" }), 409);
	await pat.goto(srv.url("/objectives/4"));
	await audit(pat, "422 move a KR to another team's objective", await forcePost(pat, "/key-results/9/move",
		{ objective: "5" }), 422);
	await pat.goto(srv.url("/objectives/4"));
	await audit(pat, "409 delete a published objective", await forcePost(pat, "/objectives/4/delete", {}), 409);
	await pat.goto(srv.url("/objectives/4"));
	await audit(pat, "409 delete a KR of a published objective", await forcePost(pat, "/key-results/10/delete", {}), 409);
	await get(pat, "planning view, a later year planned", "/cycles/FY2026-Q4/plan");
	await pat.selectOption("#team-copy-cycle", "FY2027-Q1");
	await submit(pat, "planning view after a team's quarter carried over", "form#team-copy button[type=submit]", 200);
	const draft = await pat.getAttribute("ul.tree li.card .title a", "href");
	await get(pat, "a carried-over draft, with publish and delete", draft);
	await get(pat, "planning view of the next quarter", "/cycles/FY2027-Q1/plan");
	await pat.goto(srv.url("/cycles/FY2026-Q4/plan"));
	await pat.selectOption("#team-copy-cycle", "FY2027-Q1");
	await submit(pat, "409 a team's quarter carried over again", "form#team-copy button[type=submit]", 409);
	// alex on saas' criteria KR 12: a criterion above what is left to 100.
	await alex.goto(srv.url("/objectives/5"));
	if (!(await alex.locator("#kr-12 details[open]").count()))
		await alex.click("#kr-12 details > summary");
	await alex.fill("#crit-12-ref", "acme/more#1");
	await alex.fill("#crit-12-pct", "101");
	await alex.focus("#crit-12-pct");
	await audit(alex, "add a criterion, filled", here(alex));
	await submit(alex, "422 a criterion above 100", "form#crit-12 button[type=submit]", 422);

	// The leaders' views and the conversation (issue 19): the search box filled and focused, its
	// results and its refusal, the review's lessons search, the day forms of this week and the
	// weekly report and their refusals, and each comment form filled, focused and refused.
	await pat.goto(srv.url("/"));
	await pat.fill("header form.search input[name=q]", "latency");
	await pat.focus("header form.search input[name=q]");
	await audit(pat, "search box, filled", here(pat));
	await submit(pat, "search, its results", "header form.search button", 200);
	await get(pat, "422 search, too long", "/search?q=" + "x".repeat(201), 422);
	await get(pat, "review", "/cycles/FY2026-Q4/review");
	await pat.fill("#q", "zzzz");
	await pat.focus("#q");
	await audit(pat, "review, lessons search filled", here(pat));
	await get(pat, "review, lessons searched", "/cycles/FY2026-Q4/review?q=zzzz");
	await get(pat, "this week", "/week");
	await pat.fill("#date", "2026-11-09");
	await pat.focus("#date");
	await audit(pat, "this week, a day filled", here(pat));
	await get(pat, "400 this week, a bad day", "/week?date=nope", 400);
	await get(pat, "weekly report", "/report/weekly");
	await get(pat, "400 weekly report, a bad day", "/report/weekly?date=nope", 400);
	await pat.goto(srv.url("/objectives/4"));
	await pat.fill("#comments-new", "Why is **latency** flat, @kim?");
	await pat.focus("#comments-new");
	await audit(pat, "a comment, filled", here(pat));
	await submit(pat, "a comment posted", "form:has(#comments-new) button[type=submit]", 200);
	const cid = new URL(pat.url()).hash.slice("#comment-".length);
	await pat.fill("#comments-new", "   ");
	await submit(pat, "422 an empty comment", "form:has(#comments-new) button[type=submit]", 422);
	await pat.goto(srv.url("/objectives/4"));
	await pat.fill("#comments-kr-9-new", "A note on the KR");
	await pat.focus("#comments-kr-9-new");
	await audit(pat, "a comment on a KR, filled", here(pat));
	await pat.click(`#comment-${cid} details:has(#comment-${cid}-reply) summary`);
	await pat.fill(`#comment-${cid}-reply`, "x".repeat(20001));
	await pat.focus(`#comment-${cid}-reply`);
	await audit(pat, "an answer, filled", here(pat));
	await submit(pat, "422 an answer too long", `form:has(#comment-${cid}-reply) button[type=submit]`, 422);
	await pat.goto(srv.url("/objectives/4"));
	await pat.click(`#comment-${cid} details:has(#comment-${cid}-edit) summary`);
	await pat.fill(`#comment-${cid}-edit`, "");
	await pat.locator(`form:has(#comment-${cid}-edit)`).evaluate((f) => f.setAttribute("novalidate", ""));
	await submit(pat, "422 a comment edited to nothing", `form:has(#comment-${cid}-edit) button[type=submit]`, 422);
	await pat.goto(srv.url("/objectives/4"));
	await pat.click(`#comment-${cid} details:has(#comment-${cid}-edit) summary`);
	await pat.fill(`#comment-${cid}-edit`, "Why is latency flat?");
	await submit(pat, "a comment edited", `form:has(#comment-${cid}-edit) button[type=submit]`, 200);

	// The fetched 422 of the KR refused in place is the form again: the one 4xx expected.
	pat.problems = pat.problems.filter((x) => !/^422 .*\/objectives\/4\/key-results$/.test(x));
	for (const p of [pat, kim, alex])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
