// t20-pages: every page exists and is reachable from the tree: sign in, the tree and its
// selectors, cycles, teams, objectives, people, /checkin, sign out, the friendly 403 and 404
// pages; a member's post on a company objective is refused, says why, and changes nothing.
import { Server, launch, newPage, login, check, main, mainText, cardPct, forcePost } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const page = await newPage(browser);

	// Signed out, every page sends the browser to /login.
	for (const p of ["/", "/checkin", "/objectives/4", "/people/pat", "/teams/platform", "/cycles/FY2026-Q4"]) {
		await page.goto(srv.url(p));
		check(`signed out, ${p} goes to /login`, new URL(page.url()).pathname === "/login", page.url());
	}
	check("/login: a labelled handle and password", await page.isVisible("label[for=handle]") &&
		await page.isVisible("input#password[type=password]"));

	// A wrong password: the form again, with the reason and the handle kept.
	await page.fill("#handle", "pat");
	await page.fill("#password", "not the password");
	const bad = await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
	check("a wrong password: 403 and the form again", bad[0].status() === 403 && await page.isVisible("#password"),
		bad[0].status());
	check("a wrong password: the page says so", (await mainText(page)).includes("Wrong handle or password"));
	check("a wrong password: the handle is kept", await page.inputValue("#handle") === "pat");

	await login(page, srv, "pat");
	check("signing in ends on the tree", new URL(page.url()).pathname === "/", page.url());
	let text = await mainText(page);
	check("the tree: the quarter's heading", (await page.innerText("h1")).trim() === "FY2026-Q4", await page.innerText("h1"));
	check("the tree: the cycle's pace", text.includes("59% of the cycle gone"), text.slice(0, 300));
	check("the tree: the company objective #3 at 43%", await cardPct(page, 3) === "43%");
	check("the tree: the platform objective #4 at 43%", await cardPct(page, 4) === "43%");
	check("the tree: the saas objective #5 at 52%", await cardPct(page, 5) === "52%");
	check("the tree: #4 is nested under #3",
		await page.locator('.card:has(> .title a[href="/objectives/3"]) ~ ul a[href="/objectives/4"]').count() === 1);
	check("the tree: the annual objective #2 heads the quarter", await page.locator('ul.tree > li > .card a[href="/objectives/2"]').count() === 1);
	check("the tree: #4 is marked update due", await page.locator('.card:has(> .title a[href="/objectives/4"]) .tag.due').count() === 1);
	check("the tree: KR percentages listed", text.includes("Achieve 99.99% uptime for all hosting services — 56%"));
	check("the tree: the nav marks OKRs current", await page.getAttribute('nav a[aria-current="page"]', "href") === "/");
	for (const href of ["/objectives/4", "/teams/platform", "/people/pat", "/checkin", "/people/sam"])
		check(`the tree links to ${href}`, await page.locator(`a[href="${href}"]`).count() > 0);

	// The cycle selector: another quarter, and the year.
	await page.selectOption("#cycle", "FY2026-Q3");
	await Promise.all([page.waitForURL(/cycle=FY2026-Q3/), page.click("form.filters button")]);
	check("the cycle selector shows FY2026-Q3", (await page.innerText("h1")).trim() === "FY2026-Q3");
	check("the cycle selector keeps its choice", await page.inputValue("#cycle") === "FY2026-Q3");
	await page.selectOption("#cycle", "FY2026");
	await Promise.all([page.waitForURL(/cycle=FY2026(&|$)/), page.click("form.filters button")]);
	check("the cycle selector shows the year with #2", (await page.innerText("h1")).trim() === "FY2026" &&
		await page.locator('a[href="/objectives/2"]').count() > 0);

	// The team selector: only platform's objectives.
	await page.goto(srv.url("/"));
	await page.selectOption("#team", "platform");
	await Promise.all([page.waitForURL(/team=platform/), page.click("form.filters button")]);
	check("the team selector: platform's #4", await page.locator('a[href="/objectives/4"]').count() === 1);
	check("the team selector: not saas's #5", await page.locator('a[href="/objectives/5"]').count() === 0);
	check("the team selector keeps its choice", await page.inputValue("#team") === "platform");

	// /cycles/{name}
	let r = await page.goto(srv.url("/cycles/FY2026-Q4"));
	check("/cycles/FY2026-Q4: 200 and the tree", r.status() === 200 && await page.locator('a[href="/objectives/5"]').count() === 1);
	r = await page.goto(srv.url("/cycles/FY2026-Q1"));
	check("/cycles/FY2026-Q1: an empty quarter says so", r.status() === 200 &&
		(await mainText(page)).includes("No objectives in this cycle yet"));
	r = await page.goto(srv.url("/cycles/FY1999"));
	check("/cycles/FY1999: a friendly 404", r.status() === 404 && (await page.innerText("h1")).includes("No such cycle"));

	// /teams/{slug}, reached from the tree.
	await page.goto(srv.url("/"));
	await Promise.all([page.waitForURL(/\/teams\/platform$/), page.click('.card a[href="/teams/platform"] >> nth=0')]);
	text = await mainText(page);
	check("/teams/platform: its name", (await page.innerText("h1")).trim() === "Platform");
	check("/teams/platform: its members", text.includes("members:") && await page.locator('main a[href="/people/rio"]').count() > 0);
	check("/teams/platform: its objective #4 at 43%", await cardPct(page, 4) === "43%");
	check("/teams/platform: not saas's #5", await page.locator('a[href="/objectives/5"]').count() === 0);
	r = await page.goto(srv.url("/teams/nope"));
	check("/teams/nope: a friendly 404", r.status() === 404 && (await page.innerText("h1")).includes("No such team"));

	// /objectives/{id}, reached from the tree.
	await page.goto(srv.url("/"));
	await Promise.all([page.waitForURL(/\/objectives\/4$/), page.click('.title a[href="/objectives/4"]')]);
	text = await mainText(page);
	check("/objectives/4: its title", (await page.innerText("h1")).includes("Enhance the reliability"));
	check("/objectives/4: its description", await page.isVisible(".description"));
	check("/objectives/4: three KR sections", await page.locator("section[id^=kr-]").count() === 3);
	check("/objectives/4: a chart per KR and one for the objective", await page.locator("figure.chart").count() === 4);
	check("/objectives/4: the status, retro and close forms", await page.locator("form#status, form#retro, form#close").count() === 3);
	check("/objectives/4: the history", text.includes("History"));
	check("/objectives/4 links to its cycle", await page.locator('a[href="/cycles/FY2026-Q4"]').count() > 0);
	check("/objectives/4 links to its parent #3", await page.locator('a[href="/objectives/3"]').count() > 0);
	for (const p of ["/objectives/999", "/objectives/abc", "/objectives/0"]) {
		r = await page.goto(srv.url(p));
		check(`${p}: a friendly 404`, r.status() === 404 && (await page.innerText("h1")).includes("No such objective") &&
			await page.locator('main a[href="/"]').count() === 1, r.status());
	}
	r = await page.goto(srv.url("/no/such/page"));
	check("an unknown path in a browser: a friendly 404 page", r.status() === 404 &&
		r.headers()["content-type"].startsWith("text/html") && (await page.innerText("h1")).includes("Not found") &&
		await page.locator('main a[href="/"]').count() === 1, r.status());

	// /people/{handle}, reached from the top bar.
	await page.goto(srv.url("/"));
	await Promise.all([page.waitForURL(/\/people\/pat$/), page.click('header .who a[href="/people/pat"]')]);
	text = await mainText(page);
	check("/people/pat: the name", (await page.innerText("h1")).trim() === "Pat Lee");
	check("/people/pat: team platform", await page.locator('main a[href="/teams/platform"]').count() === 1);
	check("/people/pat: objective DRI of #4", await page.locator('.card:has(a[href="/objectives/4"]) .tag').innerText() === "Objective DRI");
	check("/people/pat: KR 10 of theirs", text.includes("Increase customer satisfaction score related to reliability"));
	await page.goto(srv.url("/people/noor"));
	check("/people/noor: onboarding (R4)", (await mainText(page)).includes("Onboarding"));
	r = await page.goto(srv.url("/people/nobody"));
	check("/people/nobody: a friendly 404", r.status() === 404 && (await page.innerText("h1")).includes("No such person"));

	// /checkin, reached from the nav.
	await page.goto(srv.url("/"));
	await Promise.all([page.waitForURL(/\/checkin$/), page.click('nav a[href="/checkin"]')]);
	// R15: on Monday 11-23 Wednesday 11-25's window is open: pat owes KR 10's check-in and #4's status.
	check("/checkin: pat owes #4's status", (await page.locator("fieldset legend").allInnerTexts()).includes(
		"Enhance the reliability and performance of our web hosting platform"));
	check("/checkin: a line per KR of #4", await page.locator("input[name^=obj-4-line-]").count() === 3);
	check("/checkin: the nav marks My update current", await page.getAttribute('nav a[aria-current="page"]', "href") === "/checkin");

	// R14: pat (a member, not its DRI) is shown no update form on the company objective #3.
	const before = srv.okra(["--json", "objective", "show", "3"]);
	const krs3 = JSON.parse(before).key_results.map((k) => k.id);
	await page.goto(srv.url("/objectives/3"));
	check("R14 a member sees no status, retro or close form on a company objective",
		await page.locator("form#status, form#retro, form#close").count() === 0);
	check("R14 a member sees no check-in form on a KR they are not DRI of",
		await page.locator("section[id^=kr-] form").count() === 0);

	// The friendly 403: a status posted anyway comes back to the page, the reason by the form.
	const lines = {};
	for (const k of krs3)
		lines[`line-${k}`] = "pat was here";
	const resp = [await forcePost(page, "/objectives/3/status", { health: "at_risk", ...lines })];
	text = await mainText(page);
	check("a member's status on a company objective: 403", resp[0].status() === 403, resp[0].status());
	check("the 403 page is the objective with the reason by the form",
		(await page.innerText("h1")).includes("Customers feel our platform") &&
		await page.locator("form#status .error[role=alert]").count() === 1, text.slice(0, 400));
	const why = await page.locator("form#status .error").innerText().catch(() => "");
	if (process.env.VERBOSE) console.log("403 says: " + why);
	check("the reason names who may: its DRI, or a leader or admin", /DRI/.test(why) && /leader or admin/i.test(why), why);
	check("the reason has no rule code", !/\(R\d+\)/.test(why), why);
	check("the typed lines are kept", await page.inputValue("form#status input[type=text] >> nth=0") === "pat was here");
	check("nothing changed on #3", srv.okra(["--json", "objective", "show", "3"]) === before);
	await page.goto(srv.url("/objectives/3"));
	check("the history has no status by pat", !(await mainText(page)).includes("pat was here"));

	// A member checks in on a company KR they are not DRI of: refused too, and #3 unchanged.
	await page.goto(srv.url("/objectives/3"));
	const resp2 = [await forcePost(page, "/key-results/7/checkin", { value: "90", health: "on_track" })];
	const why2 = await page.locator("#kr-7 form .error").innerText().catch(() => "");
	check("a member's check-in on a company KR: 403 and why", resp2[0].status() === 403 && /DRI/.test(why2), `${resp2[0].status()} ${why2}`);
	check("the typed value is kept", await page.inputValue("#v7") === "90");
	check("nothing changed on #3 after the check-in", srv.okra(["--json", "objective", "show", "3"]) === before);

	check("no page problems (CSP, script errors, failed assets)", page.problems.length === 0, page.problems);

	// Sign out: back to /login, and the pages are closed again.
	await page.goto(srv.url("/"));
	await Promise.all([page.waitForURL(/\/login$/), page.click("header button:has-text('Sign out')")]);
	check("signing out ends on /login", new URL(page.url()).pathname === "/login");
	await page.goto(srv.url("/objectives/4"));
	check("signed out, /objectives/4 goes to /login again", new URL(page.url()).pathname === "/login");
	const cookies = await page.context().cookies();
	check("signing out leaves no session cookie", cookies.every((c) => !c.value), cookies);
});
