// t21-update: a DRI's whole Wednesday update (three KR check-ins and the objective's status) is
// one submission of /checkin, and the tree's roll-up moves to the exact percentages (R8, R10);
// a refused item keeps its typed value with the error beside it while the rest is saved; then
// a final retro and Close. With JavaScript on (t24 does the same with it off).
import { Server, launch, newPage, login, check, main, mainText, cardPct, wednesdayCompany, fillUpdate,
	retroAndClose } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({ setup: wednesdayCompany });
	const browser = await launch();
	const page = await newPage(browser);
	const posts = [];
	page.on("request", (q) => { if (q.method() === "POST") posts.push(new URL(q.url()).pathname); });

	await login(page, srv, "dee");
	let text = await mainText(page);
	check("before: company goal #1 at 17%", await cardPct(page, 1) === "17%", await cardPct(page, 1));
	check("before: dee's #2 at 0%", await cardPct(page, 2) === "0%");
	check("before: eli's #3 at 0%", await cardPct(page, 3) === "0%");
	check("no percentage shows as -0%", !text.includes("-0%"), text);

	await page.goto(srv.url("/checkin"));
	check("/checkin: three KR check-ins and one status", await page.locator("main form fieldset").count() === 4);
	check("/checkin: KR check-ins first, the status last",
		(await page.locator("fieldset legend").allInnerTexts()).join("|") === "dee KR A|dee KR B|dee KR C|Dee objective",
		await page.locator("fieldset legend").allInnerTexts());
	check("/checkin: one form, one submit button", await page.locator("main form").count() === 1 &&
		await page.locator("main form button[type=submit]").count() === 1);
	check("/checkin: the value fields start at the current values",
		await page.inputValue("#kr-2-value") === "0" && await page.inputValue("#kr-3-value") === "10" &&
		await page.inputValue("#kr-4-value") === "200");
	check("/checkin: each value says its range", (await mainText(page)).includes("from 200 to 100"));

	await fillUpdate(page, 2, [2, 3, 4], ["40", "15", "130"], "on_track");
	// okra.js: the progress a typed value makes, as you type.
	check("JS: the preview of KR A says → 40%", (await page.innerText("#kr-2-value-preview")) === "→ 40%");
	check("JS: the preview of KR B says → 50%", (await page.innerText("#kr-3-value-preview")) === "→ 50%");
	check("JS: the preview of KR C (downwards) says → 70%", (await page.innerText("#kr-4-value-preview")) === "→ 70%");

	posts.length = 0;
	await Promise.all([page.waitForURL(/\/checkin\?saved=1$/), page.click("main form button[type=submit]")]);
	check("the whole update is ONE form submission", posts.length === 1 && posts[0] === "/checkin", posts);
	text = await mainText(page);
	check("after: thanks, and nothing left to do", text.includes("Saved. Thank you!") && text.includes("Nothing is due from you"), text);

	await page.goto(srv.url("/"));
	text = await mainText(page);
	check("after: dee's #2 rolls up to 53%", await cardPct(page, 2) === "53%", await cardPct(page, 2));
	check("after: the company goal #1 rolls up to 34%", await cardPct(page, 1) === "34%", await cardPct(page, 1));
	check("after: eli's #3 still 0%", await cardPct(page, 3) === "0%");
	check("after: the KRs at 40%, 50%, 70%", text.includes("dee KR A — 40%") && text.includes("dee KR B — 50%") &&
		text.includes("dee KR C — 70%"), text);
	check("after: #2's health is the status's", await page.locator('.card:has(> .title a[href="/objectives/2"]) .health.on_track').count() === 1);
	check("after: #2 no longer marked due", await page.locator('.card:has(> .title a[href="/objectives/2"]) .tag.due').count() === 0);
	check("after: #3 still marked due", await page.locator('.card:has(> .title a[href="/objectives/3"]) .tag.due').count() === 1);

	await page.goto(srv.url("/objectives/2"));
	text = await mainText(page);
	check("/objectives/2: the status lines in the history", text.includes("line on KR 2") && text.includes("line on KR 4"));
	check("/objectives/2: the notes in the check-ins table", text.includes("note 1 for 2") && text.includes("note 3 for 4"));
	check("/objectives/2: KR C reads 200 → 130 → 100 ms", text.includes("200 → 130 → 100 ms"), text.slice(0, 800));

	// eli: one value is not a number; the rest is saved, that one comes back with its error.
	const eli = await newPage(browser);
	eli.on("request", (q) => { if (q.method() === "POST") posts.push(new URL(q.url()).pathname); });
	await login(eli, srv, "eli");
	await eli.goto(srv.url("/checkin"));
	await fillUpdate(eli, 3, [5, 6, 7], ["40", "fifteen", "130"], "needs_attention");
	posts.length = 0;
	let r = await Promise.all([eli.waitForNavigation(), eli.click("main form button[type=submit]")]);
	text = await mainText(eli);
	check("a refused item: 422 and the page again", r[0].status() === 422, r[0].status());
	check("a refused item: one submission", posts.length === 1, posts);
	check("a refused item: the page says the rest was saved", text.includes("Some items were not saved"));
	check("a refused item: the others say Saved.", await eli.locator("fieldset:has(.notice:text-is('Saved.'))").count() === 3);
	check("a refused item: the typed value is kept", await eli.inputValue("#kr-6-value") === "fifteen");
	check("a refused item: the typed note is kept", await eli.inputValue("#kr-6-note") === "note 2 for 6");
	check("a refused item: its error is beside the field",
		await eli.locator("#kr-6-value[aria-invalid=true][aria-describedby='kr-6-value-error']").count() === 1 &&
		await eli.locator("#kr-6-value ~ #kr-6-value-error.error").count() === 1);
	await eli.fill("#kr-6-value", "15");
	await Promise.all([eli.waitForURL(/saved=1/), eli.click("main form button[type=submit]")]);
	check("fixed: saved, nothing left", (await mainText(eli)).includes("Nothing is due from you"));
	await eli.goto(srv.url("/"));
	check("after eli: #3 rolls up to 53%", await cardPct(eli, 3) === "53%", await cardPct(eli, 3));
	check("after eli: the company goal #1 rolls up to 52%", await cardPct(eli, 1) === "52%", await cardPct(eli, 1));
	check("after eli: #3 needs attention", await eli.locator('.card:has(> .title a[href="/objectives/3"]) .health.needs_attention').count() === 1);

	// The end of eli's quarter: a final retro, then Close (okra.js asks first).
	await retroAndClose(eli, srv, 3, true);

	check("no page problems (CSP, script errors, failed assets)", page.problems.length + eli.problems.length === 0,
		page.problems.concat(eli.problems));
});
