// t58-first-run: from `okra init` with nobody in it, `okra serve` prints a one-time setup link on
// its listen address; its page sets the company's calendar (fiscal year from February, updates on
// Thursday), plans the fiscal year holding today and its quarters, makes the first admin and
// lands them signed in on the tree. A refused field comes back beside the field with what was
// typed (never the password) and the link still works; once used, the link is refused (404), as
// is a wrong one, and a restarted server prints none. The demo prints none. axe and vnu on every
// page at desktop and 390 px; the form works with JavaScript off (at 390 px too).
import fs from "node:fs";
import { Server, launch, newPage, login, check, main, auditor, mainText, PHONE } from "./lib.mjs";

const LINK = /set up the company at (http:\/\/127\.0\.0\.1:(\d+))(\/setup\/[0-9a-f]{64}) /g;
const links = (srv) => [...fs.readFileSync(srv.errpath, "utf8").matchAll(LINK)];

await main(async () => {
	const srv = await Server.start({ setup: (s) => s.okra(["init"]) });
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv, { strict: true, widths: [1280, PHONE] });

	const printed = links(srv);
	check("okra serve printed one setup link", printed.length === 1, fs.readFileSync(srv.errpath, "utf8"));
	const [, origin, port, path] = printed[0];
	check("the link is on the listen address", origin === srv.base && +port === srv.port, origin);

	const page = await newPage(browser);
	await get(page, "setup page", path);
	check("the page says what it does", /Nobody can sign in yet/.test(await mainText(page)));
	check("no nav: nobody is signed in", await page.locator("nav a").count() === 0);

	// Refused: a password too short. The message stands beside it; the rest is kept.
	await page.selectOption("#fiscal_year_first_month", "2");
	await page.selectOption("#update_weekday", "Thursday");
	await page.fill("#handle", "ada");
	await page.fill("#name", "Ada Admin");
	await page.fill("#email", "ada@example.com");
	await page.fill("#password", "short");
	await submit(page, "422 setup, a password too short", "form#setup button[type=submit]", 422);
	check("422: the message stands beside the password", /at least 10/.test(await page.innerText("#password-error")));
	check("422: what was typed is kept, the password not",
		await page.inputValue("#handle") === "ada" && await page.inputValue("#name") === "Ada Admin" &&
		await page.inputValue("#email") === "ada@example.com" && await page.inputValue("#password") === "" &&
		await page.inputValue("#fiscal_year_first_month") === "2" &&
		await page.inputValue("#update_weekday") === "Thursday");
	check("nobody was made", JSON.parse(srv.okra(["--json", "person", "list"])).length === 0);

	// Saved: signed in on the tree of the quarter holding today (2026-11-23: FY2027-Q4).
	await page.fill("#password", "ada's long password");
	await submit(page, "setup, saved: the tree", "form#setup button[type=submit]", 200);
	check("landed on /", new URL(page.url()).pathname === "/", page.url());
	check("signed in as Ada Admin", (await page.innerText("header .who")).includes("Ada Admin"));
	check("the tree of FY2027-Q4", (await page.innerText("h1")).includes("FY2027-Q4"), await page.innerText("h1"));
	const people = JSON.parse(srv.okra(["--json", "person", "list"]));
	check("ada is the one admin", people.length === 1 && people[0].handle === "ada" && people[0].role === "admin" &&
		people[0].email === "ada@example.com", people);
	const by = Object.fromEntries(JSON.parse(srv.okra(["--json", "cycle", "list"])).map((c) => [c.name, c]));
	check("FY2027 from February and its quarters", by.FY2027 && by.FY2027.starts_on === "2026-02-01" &&
		by.FY2027.ends_on === "2027-01-31" && by["FY2027-Q4"] && by["FY2027-Q4"].starts_on === "2026-11-01" &&
		Object.keys(by).length === 5, by);
	check("the settings", srv.okra(["setting", "get", "update_weekday"]) === "Thursday" &&
		srv.okra(["setting", "get", "fiscal_year_first_month"]) === "2");

	// The link is used: a second visit is refused with a page that says so, as is a wrong link.
	const anon = await newPage(browser);
	await get(anon, "setup link used", path, 404);
	check("the used link's page says why", /wrong, used already or expired/.test(await mainText(anon)) &&
		await anon.locator("main form").count() === 0);
	await get(anon, "setup link wrong", "/setup/" + "0".repeat(64), 404);
	await get(anon, "setup link not even a secret", "/setup/nothing", 404);
	const forced = await anon.request.post(srv.url(path), { form: { handle: "eve", name: "Eve", email: "e@x.io",
		password: "eve's long password", fiscal_year_first_month: "1", update_weekday: "Monday" },
		headers: { Origin: srv.base }, maxRedirects: 0 });
	check("a post to the used link is refused (404), nobody added", forced.status() === 404 &&
		JSON.parse(srv.okra(["--json", "person", "list"])).length === 1, forced.status());
	await login(anon, srv, "ada", "ada's long password");
	check("ada signs in with her password", new URL(anon.url()).pathname === "/");

	// Restarted with someone who can sign in: no link.
	await srv.stop();
	await srv.serve();
	check("a restarted server prints no link", links(srv).length === 1);

	// The demo (make run) has people: no link.
	const demo = await Server.start({ demo: true });
	check("the demo prints no setup link", links(demo).length === 0 &&
		/serving http/.test(fs.readFileSync(demo.errpath, "utf8")));

	// JavaScript off, at 390 px: the same from another empty company.
	const other = await Server.start({ setup: (s) => s.okra(["init"]) });
	const nojs = await newPage(browser, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
	await nojs.goto(other.url(links(other)[0][3]));
	check("390 px: no sideways scroll",
		await nojs.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
	await nojs.fill("#handle", "bo");
	await nojs.fill("#name", "Bo Boss");
	await nojs.fill("#email", "bo@example.com");
	await nojs.fill("#password", "bo's long password");
	await Promise.all([nojs.waitForURL(other.url("/")), nojs.click("form#setup button[type=submit]")]);
	check("no JS: bo is signed in", (await nojs.innerText("header .who")).includes("Bo Boss"));
	const ob = JSON.parse(other.okra(["--json", "cycle", "list"])).map((c) => c.name).sort().join();
	check("no JS: the calendar year FY2026 and its quarters (January, the default)",
		ob === "FY2026,FY2026-Q1,FY2026-Q2,FY2026-Q3,FY2026-Q4", ob);

	for (const p of [page, anon, nojs])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
