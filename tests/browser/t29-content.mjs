// t29-content: what the pages say is true — the team page nests each objective under its own
// parent, a person page lists the year's objectives and KRs beside the quarter's, a criteria KR
// never forecasts more than all of it, the 404 page keeps the signed-in header, and /login while
// signed in says who is signed in instead of showing the form again; linked epics and issues
// link to their forge with their state, and an objective without any has no such section. On the
// demo company.
import { Server, launch, newPage, login, check, main, mainText } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const page = await newPage(browser);
	await login(page, srv, "pat");

	// The team page: #4 (platform) aligns to the company quarter's #3, which aligns to the year's #2.
	await page.goto(srv.url("/teams/platform"));
	const parentOf = async (id) => page.evaluate((id) => {
		const a = document.querySelector(`main .tree .card > .title a[href="/objectives/${id}"]`);
		const li = a && a.closest("li");
		const up = li && li.parentElement.closest("li");
		const t = up && up.querySelector(":scope > .card > .title a");
		return t ? t.getAttribute("href") : null;
	}, id);
	check("the team page draws #4 under its parent #3", await parentOf(4) === "/objectives/3",
		await parentOf(4));
	check("the team page draws #3 under the year's #2", await parentOf(3) === "/objectives/2",
		await parentOf(3));
	check("the team page still shows the team's own KRs, not the context's",
		(await page.locator("main .card:has(> .title a[href='/objectives/4']) .krs li").count()) === 3);

	// Person pages: the year's objectives and KRs count too.
	await page.goto(srv.url("/people/alex"));
	let text = await mainText(page);
	check("alex's page lists the annual objective #2 he is DRI of",
		await page.locator("main a[href='/objectives/2']").count() >= 1, text);
	check("alex's page does not say there are no objectives", !/No objectives/.test(text), text);
	await page.goto(srv.url("/people/sam"));
	text = await mainText(page);
	for (const kr of ["Raise average customer satisfaction (CSAT)", "Cut support tickets per customer",
		"Raise the reliability survey response rate"])
		check(`sam's page lists the KR "${kr}"`, text.includes(kr), text);

	// A criteria KR (#12, 3 criteria) is never forecast past 100% on any day.
	for (const day of ["2026-10-21", "2026-10-28", "2026-11-04", "2026-11-11", ""]) {
		await page.goto(srv.url("/?cycle=FY2026-Q4" + (day ? "&as_of=" + day : "")));
		const card = page.locator("main .card:has(> .title a[href='/objectives/5']) .krs li").first();
		const t = await card.innerText();
		const m = /Forecast (\d+)%/.exec(t);
		check(`the criteria KR's forecast as of ${day || "now"} is at most 100%`, m && +m[1] <= 100, t);
	}
	await page.goto(srv.url("/objectives/5"));
	text = (await page.locator("#kr-12").innerText()).replace(/\s+/g, " ");
	const f12 = /Forecast (\d+)%/.exec(text);
	check("the objective page forecasts the criteria KR at most 100%", f12 && +f12[1] <= 100, text);

	// Linked epics and issues: links to the forge with their state; no empty section.
	await page.goto(srv.url("/objectives/4"));
	check("an objective without links has no \"Linked Epics and Issues\" section",
		!(await mainText(page)).includes("Linked Epics and Issues"), await mainText(page));
	await page.goto(srv.url("/objectives/5"));
	const links = page.locator("main .description ol.links li");
	check("#5's two links are listed", await links.count() === 2, await mainText(page));
	check("with no forge configured a short ref stays text, its state beside it",
		await links.locator("a").count() === 0 && /saas\/provisioning#98 Open/.test(await links.nth(1).innerText()),
		await links.nth(1).innerText());
	srv.okra(["setting", "set", "forge_url", "https://gitlab.example.com/"]);
	srv.okra(["link", "add", "4", "--ref", "https://GitHub.com/acme/web/issues/5", "--title", "Status page"], { as: "pat" });
	srv.okra(["link", "add", "4", "--ref", "https://docs.example.com/plan?q=1#top"], { as: "pat" });
	srv.okra(["link", "close", "acme/web#5"]);
	await page.goto(srv.url("/objectives/5"));
	check("with a forge configured, an issue links to it", await page.locator(
		"main .description ol.links a[href='https://gitlab.example.com/saas/provisioning/-/issues/98']").count() === 1);
	check("with a forge configured, an epic links to the group's epic", await page.locator(
		"main .description ol.links a[href='https://gitlab.example.com/groups/saas/provisioning/-/epics/7']").count() === 1);
	check("a criterion's issue links too", await page.locator(
		"main table a[href='https://gitlab.example.com/saas/provisioning/-/issues/101']").count() === 1);
	check("an initiative's epic links too", await page.locator(
		"main #kr-12 p a[href='https://gitlab.example.com/groups/saas/provisioning/-/epics/7']").count() === 1);
	await page.goto(srv.url("/objectives/4"));
	const l4 = page.locator("main .description ol.links li");
	check("a GitHub issue given as a URL links back to GitHub, not to the configured forge",
		await l4.locator("a[href='https://github.com/acme/web/issues/5']").count() === 1, await page.content());
	check("a closed link says so", /Status page Closed/.test(await l4.nth(0).innerText()), await l4.nth(0).innerText());
	check("any other URL is kept as given", await l4.locator("a[href='https://docs.example.com/plan?q=1#top']").count() === 1,
		await l4.nth(1).innerHTML());

	// The 404 page keeps the header of the person signed in.
	const r404 = await page.goto(srv.url("/no/such/page"));
	check("an unknown address is a 404 page", r404.status() === 404, r404.status());
	check("the 404 page shows who is signed in", await page.locator("header .who a[href='/people/pat']").count() === 1,
		await page.content());
	check("the 404 page has the sign-out button", await page.locator("header form[action='/logout'] button").count() === 1);

	// /login while signed in: says so, with a way to sign out, not the form again.
	const rl = await page.goto(srv.url("/login"));
	text = await mainText(page);
	check("/login while signed in answers", rl.status() === 200, rl.status());
	check("/login while signed in does not show the sign-in form",
		await page.locator("main #password").count() === 0, text);
	check("/login while signed in names who is signed in", /signed in as Pat Lee/i.test(text), text);
	check("/login while signed in offers to sign out", await page.locator("main form[action='/logout'] button").count() === 1, text);
	await Promise.all([page.waitForURL((u) => u.pathname === "/login"), page.click("main form[action='/logout'] button")]);
	check("signing out there shows the form", await page.locator("main #password").count() === 1);

	// Signed out, the 404 page has no person in its header.
	await page.goto(srv.url("/no/such/page"));
	check("signed out, the 404 page names nobody", await page.locator("header .who a[href^='/people/']").count() === 0);
});
