// t24-nojs: everything works with JavaScript off: sign in, the whole Wednesday update as one
// submission of /checkin (and a refused item coming back with its typed value), the retro and
// Close, the weekly report, this week, the review's lessons, search, the conversation (a comment,
// an answer, an edit, a refusal), planning (a new objective, KRs added, moved up and to another
// objective, a team's quarter carried over, a draft published or deleted, the pickers plain
// lists), sign out.
import { Server, launch, newPage, login, check, main, mainText, cardPct, wednesdayCompany, fillUpdate,
	retroAndClose } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({ setup: wednesdayCompany });
	const browser = await launch();
	const page = await newPage(browser, { javaScriptEnabled: false });
	const posts = [];
	page.on("request", (q) => { if (q.method() === "POST") posts.push(new URL(q.url()).pathname); });

	await login(page, srv, "dee");
	check("no JS: signing in ends on the tree", new URL(page.url()).pathname === "/" &&
		await cardPct(page, 2) === "0%" && await cardPct(page, 1) === "17%");

	// The cycle selector is a plain GET form.
	await page.selectOption("#cycle", "FY2026-Q3");
	await Promise.all([page.waitForURL(/cycle=FY2026-Q3/), page.click("form.filters button")]);
	check("no JS: the cycle selector works", (await page.innerText("h1")).trim() === "FY2026-Q3");

	// dee's whole update in one submission.
	await page.goto(srv.url("/checkin"));
	check("no JS: /checkin has three check-ins and the status", await page.locator("main form fieldset").count() === 4);
	await fillUpdate(page, 2, [2, 3, 4], ["40", "15", "130"], "at_risk");
	check("no JS: no preview without okra.js", (await page.innerText("#kr-2-value-preview")) === "");
	posts.length = 0;
	await Promise.all([page.waitForURL(/\/checkin\?saved=1$/), page.click("main form button[type=submit]")]);
	check("no JS: the whole update is ONE form submission", posts.length === 1 && posts[0] === "/checkin", posts);
	check("no JS: thanks, and nothing left to do", (await mainText(page)).includes("Nothing is due from you"));
	await page.goto(srv.url("/"));
	check("no JS: dee's #2 rolls up to 53%", await cardPct(page, 2) === "53%", await cardPct(page, 2));
	check("no JS: the company goal #1 rolls up to 34%", await cardPct(page, 1) === "34%", await cardPct(page, 1));
	check("no JS: #2 at risk, from the status",
		await page.locator('.card:has(> .title a[href="/objectives/2"]) .health.at_risk').count() === 1);
	// The tree's filters are a plain GET form: at risk keeps #2, its parent #1 shown for context.
	await page.check("#health-at_risk");
	await Promise.all([page.waitForURL(/health=at_risk/), page.click("form.filters button[type=submit]")]);
	const cards = await page.$$eval(".card[data-objective]", (cs) => cs.map((c) =>
		`${c.dataset.objective}${c.classList.contains("context") ? "c" : ""}`));
	check("no JS: the filter form works, its value kept, the match and its context shown",
		cards.join() === "1c,2" && await page.isChecked("#health-at_risk"), cards);

	// eli: KR C refused (a value that is not a number), everything else saved, then fixed.
	const eli = await newPage(browser, { javaScriptEnabled: false });
	await login(eli, srv, "eli");
	await eli.goto(srv.url("/checkin"));
	await fillUpdate(eli, 3, [5, 6, 7], ["40", "15", "1e999"], "on_track");
	const [resp] = await Promise.all([eli.waitForNavigation(), eli.click("main form button[type=submit]")]);
	check("no JS: a refused item: 422", resp.status() === 422, resp.status());
	check("no JS: the typed value is kept", await eli.inputValue("#kr-7-value") === "1e999");
	check("no JS: the error is beside it", (await eli.locator("#kr-7-value-error").innerText().catch(() => "")).length > 0);
	check("no JS: the rest says Saved.", await eli.locator("fieldset:has(.notice:text-is('Saved.'))").count() === 3);
	await eli.fill("#kr-7-value", "130");
	await Promise.all([eli.waitForURL(/saved=1/), eli.click("main form button[type=submit]")]);
	await eli.goto(srv.url("/"));
	check("no JS: after eli, #3 at 53% and #1 at 52%", await cardPct(eli, 3) === "53%" && await cardPct(eli, 1) === "52%",
		`${await cardPct(eli, 3)} ${await cardPct(eli, 1)}`);

	// The end of dee's quarter: retro and Close, no confirm without JS.
	await retroAndClose(page, srv, 2, false);

	// A check-in from the objective page's own form.
	await eli.goto(srv.url("/objectives/3"));
	await eli.fill("#v5", "60");
	await Promise.all([eli.waitForURL(/#kr-5$/), eli.click("#kr-5 form[action$=\"/checkin\"] button[type=submit]")]);
	check("no JS: a check-in from the objective page", (await eli.innerText("#kr-5 .meta")).includes("→ 60 →"));

	// The weekly report: the day is a plain GET form, the Markdown is there to select, no copy button.
	await eli.goto(srv.url("/report/weekly"));
	await eli.fill("#date", "2026-11-11");
	await Promise.all([eli.waitForURL(/date=2026-11-11/), eli.click("main form button[type=submit]")]);
	check("no JS: the report's day form works, the Markdown is shown",
		(await eli.inputValue("#report-md")).length > 0 && (await eli.inputValue("#date")) === "2026-11-11");
	check("no JS: the copy button stays hidden", !(await eli.isVisible("button[data-copy]")));

	// This week: the day is a plain GET form; every count is a plain link to the list it counts.
	await eli.goto(srv.url("/week"));
	await eli.fill("#date", "2026-11-09");
	await Promise.all([eli.waitForURL(/\/week\?date=2026-11-09/), eli.click("main form button[type=submit]")]);
	const count = eli.locator("#compliance td a").first();
	const href = await count.getAttribute("href");
	await count.click();
	check("no JS: /week's day form works and a count leads to its list",
		(await eli.inputValue("#date")) === "2026-11-09" && new URL(eli.url()).hash === href &&
		(await eli.locator(href).count()) === 1, [eli.url(), href]);

	// The quarter's review: the lessons' search is a plain GET form.
	await eli.goto(srv.url("/cycles/FY2026-Q4/review"));
	await eli.fill("#q", "zzzz");
	await Promise.all([eli.waitForURL(/review\?q=zzzz/), eli.click("main form[role=search] button[type=submit]")]);
	check("no JS: the review's lessons search works", (await eli.locator("#no-lessons").count()) === 1 &&
		(await eli.inputValue("#q")) === "zzzz");

	// The search box in the header is a plain GET form; the results link to the objective.
	await eli.fill("header form.search input[name=q]", "eli objective");
	await Promise.all([eli.waitForURL(/\/search\?q=eli\+objective$/), eli.click("header form.search button")]);
	check("no JS: the search box finds the objective, its words marked",
		await eli.locator('ol.hits a[href="/objectives/3"]').count() === 1 &&
		await eli.locator("ol.hits mark").count() >= 2 && (await eli.inputValue("#q")) === "eli objective");
	await eli.fill("#q", "x".repeat(201));
	const [refusedSearch] = await Promise.all([eli.waitForNavigation(), eli.click("main form button[type=submit]")]);
	check("no JS: a refused search: 422, the text kept, the reason beside it", refusedSearch.status() === 422 &&
		(await eli.inputValue("#q")).length === 201 && (await eli.innerText("#q-error")).includes("at most 200"));

	// The conversation (issue 19): a comment, an answer, an edit and a refusal, plain form posts.
	const post = async (selector) => (await Promise.all([eli.waitForNavigation(), eli.click(selector)]))[0];
	await eli.goto(srv.url("/objectives/3"));
	await eli.fill("#comments-new", "Is **this** on track, @dee?");
	const posted = await post("form:has(#comments-new) button[type=submit]");
	const cid = new URL(eli.url()).hash.slice("#comment-".length);
	check("no JS: a comment posted, its Markdown rendered", posted.status() === 200 && /^\d+$/.test(cid) &&
		await eli.locator(`#comment-${cid} .comment-body strong`).count() === 1, eli.url());
	await eli.click(`#comment-${cid} details:has(#comment-${cid}-reply) summary`);
	await eli.fill(`#comment-${cid}-reply`, "It is.");
	await post(`form:has(#comment-${cid}-reply) button[type=submit]`);
	const rid = new URL(eli.url()).hash.slice("#comment-".length);
	check("no JS: the answer is under the comment", rid !== cid &&
		await eli.locator(`#comment-${cid} + .replies #comment-${rid}`).count() === 1, eli.url());
	await eli.click(`#comment-${cid} details:has(#comment-${cid}-edit) summary`);
	await eli.fill(`#comment-${cid}-edit`, "Is this on track?");
	await post(`form:has(#comment-${cid}-edit) button[type=submit]`);
	check("no JS: the comment edited, and says so", (await eli.locator(`#comment-${cid}`).innerText()).includes("edited") &&
		(await eli.locator(`#comment-${cid} .comment-body`).innerText()).includes("Is this on track?"));
	await eli.fill("#comments-new", "   ");
	const refusedComment = await post("form:has(#comments-new) button[type=submit]");
	check("no JS: an empty comment is refused, the reason beside the field", refusedComment.status() === 422 &&
		(await eli.innerText("#comments-new-error")).includes("empty"));

	// Planning (issue 17), every step a plain form post and redirect.
	const step = async (label, selector, re) => {
		const [r] = await Promise.all([eli.waitForNavigation(), eli.click(selector)]);
		check(`no JS: ${label}`, r.status() === 200 && re.test(eli.url()), `${r.status()} ${eli.url()}`);
	};
	await eli.goto(srv.url("/objectives/new?cycle=FY2026-Q4&team=core"));
	check("no JS: the pickers are plain lists", await eli.locator("#dri-filter, #parent-filter").count() === 0);
	await eli.fill("#title", "Eli's second");
	await eli.selectOption("#parent", "1");
	await eli.selectOption("#dri", "eli");
	await step("an objective planned", "form#plan button[type=submit]", /\/objectives\/4$/);
	for (const [t, n] of [["First", 8], ["Second", 9]]) {
		await eli.fill("#kr-title", t);
		await eli.selectOption("#kr-dri", "eli");
		await eli.fill("#kr-unit", "x");
		await eli.fill("#kr-start", "0");
		await eli.fill("#kr-target", "10");
		await step(`KR ${t} added with a full POST`, "form#add-kr button[type=submit]", new RegExp(`/objectives/4#kr-${n}$`));
	}
	await step("Move up", "form#kmove-up-9 button", /\/objectives\/4#kr-9$/);
	check("no JS: Second is first now", (await eli.$$eval("section.card[id^=kr-] h3", (hs) => hs.map((h) => h.textContent))).join(",") ===
		"Second,First");
	await eli.click("#kr-9 details > summary");
	await eli.selectOption("#kmove-to-9-objective", "3");
	await step("a KR moved to another objective", "form#kmove-to-9 button[type=submit]", /\/objectives\/3#kr-9$/);
	srv.okra(["cycle", "year", "FY2027", "--start", "2027-01-01"]);
	await eli.goto(srv.url("/cycles/FY2026-Q4/plan"));
	await eli.selectOption("#team-copy-cycle", "FY2027-Q1");
	await step("a team's quarter carried over", "form#team-copy button[type=submit]", /\/cycles\/FY2027-Q1\/plan$/);
	const copies = await eli.$$eval("ul.tree li.card .title a", (as) => as.map((a) => a.getAttribute("href")));
	check("no JS: the team's objectives are drafts there", copies.length === 3 &&
		(await eli.locator("ul.tree li.card .tag:text-is('Draft')").count()) === 3, copies);
	await eli.goto(srv.url(copies[2]));
	await step("a draft published", "form#publish button[type=submit]", /\/objectives\/\d+$/);
	await eli.goto(srv.url(copies[1]));
	await step("a draft deleted", "form#delete-draft button[type=submit]", /\/cycles\/FY2027-Q1\/plan$/);
	check("no JS: two left, one a draft", (await eli.locator("ul.tree li.card").count()) === 2 &&
		(await eli.locator("ul.tree li.card .tag:text-is('Draft')").count()) === 1);

	// Sign out.
	await Promise.all([page.waitForURL(/\/login$/), page.click("header button:has-text('Sign out')")]);
	await page.goto(srv.url("/checkin"));
	check("no JS: signed out, /checkin goes to /login", new URL(page.url()).pathname === "/login");

	check("no page problems", page.problems.length + eli.problems.length === 0, page.problems.concat(eli.problems));
});
