// t48-people: /people and a person's page, as an admin runs them. The list shows role, teams,
// join date and onboarding, and finds by name; an admin adds a person (a refused one comes back
// with the message beside the field and what was typed), changes a role and join date, hands
// what someone owns over to another in one step, deactivates them (their open session ends, the
// sign-in form refuses them, their page and history stay) and reactivates them. Members and
// viewers see no admin form and a forced POST is refused (403). axe and vnu on every page at
// desktop and 390 px; the forms work with JavaScript off.
import { Server, launch, newPage, login, check, main, auditor, forcePost, mainText, DEMO_PW } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({
		demo: true,
		setup: (s) => {
			s.okra(["person", "add", "vic", "--name", "Vic Viewer", "--role", "viewer", "--joined", "2020-01-01"]);
			s.okra(["user", "passwd", "vic"], { stdin: DEMO_PW + "\n" });
		},
	});
	const browser = await launch();
	const { get, submit, audit, vnu } = await auditor(srv);

	for (const [label, opts] of [["desktop", {}], ["390px", { viewport: { width: 390, height: 844 } }]]) {
		const alex = await newPage(browser, opts);
		await login(alex, srv, "alex");
		await get(alex, `people (${label})`, "/people");
		const text = await mainText(alex);
		check(`${label}: the list shows role, teams, join date and onboarding`,
			/Pat Lee pat member Platform 2024-09-23 Active/.test(text) &&
			/Noor Haddad noor member Platform 2026-10-23 Onboarding until 2027-01-23/.test(text), text);
		check(`${label}: the nav has People, current`,
			await alex.getAttribute("nav a[href='/people']", "aria-current") === "page");
		check(`${label}: no sideways scroll of the page`,
			await alex.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
		await get(alex, `people, searched (${label})`, "/people?q=TANA");
		check(`${label}: the search finds Rio by part of the name, any case`,
			await alex.locator("tbody tr").count() === 1 && (await mainText(alex)).includes("Rio Tanaka"));
		await get(alex, `people, nobody found (${label})`, "/people?q=zzz");
		check(`${label}: nobody found says so`, (await mainText(alex)).includes("Nobody matches."));
		await get(alex, `person, admin (${label})`, "/people/pat");
		for (const f of ["edit", "handover", "deactivate"])
			check(`${label}: the admin sees the ${f} form`, await alex.locator(`form#${f}`).count() === 1);
	}

	// The admin adds a person: refused first (a handle with a space), then saved.
	const alex = await newPage(browser);
	alex.on("dialog", (d) => d.accept());
	await login(alex, srv, "alex");
	await alex.goto(srv.url("/people"));
	await alex.fill("#handle", "Zoe Z");
	await alex.fill("#name", "Zoe Zimmer");
	await alex.fill("#joined", "2026-11-02");
	await submit(alex, "422 add a person, a bad handle", "form#add button[type=submit]", 422);
	check("the message stands beside the handle", (await alex.innerText("#handle-error")).includes("handle"),
		await alex.innerText("form#add"));
	check("what was typed is kept", await alex.inputValue("#handle") === "Zoe Z" &&
		await alex.inputValue("#name") === "Zoe Zimmer" && await alex.inputValue("#joined") === "2026-11-02");
	await alex.fill("#handle", "zoe");
	await submit(alex, "add a person, saved: their page", "form#add button[type=submit]", 200);
	check("zoe's page, onboarding (R4)", alex.url().endsWith("/people/zoe") &&
		(await mainText(alex)).includes("Onboarding"), await mainText(alex));

	// Role and join date.
	await alex.goto(srv.url("/people/zoe"));
	await alex.selectOption("#edit-role", "leader");
	await alex.fill("#edit-joined", "2020-05-01");
	await submit(alex, "change role and join date, saved", "form#edit button[type=submit]", 200);
	check("zoe is a leader who joined 2020-05-01",
		(await alex.innerText("p.sub")).includes("leader · joined 2020-05-01"), await alex.innerText("p.sub"));
	await alex.goto(srv.url("/people/alex"));
	await alex.selectOption("#edit-role", "member");
	await submit(alex, "409 the only admin's role", "form#edit button[type=submit]", 409);
	check("the refusal says why, on the form", (await alex.innerText("form#edit")).includes("only active admin"));

	// pat signs in (a session to end), then alex hands pat's OKRs to rio and deactivates pat.
	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	await alex.goto(srv.url("/people/pat"));
	const owned = await alex.locator("form#handover").evaluate((f) => f.previousElementSibling.innerText);
	check("pat's page lists what pat owns", /Objective/.test(owned), owned);
	await alex.selectOption("#handover-to", "rio");
	await submit(alex, "hand over, saved", "form#handover button[type=submit]", 200);
	check("pat owns nothing now", (await mainText(alex)).includes("Nothing to hand over"));
	await get(alex, "objective 4 after the hand-over", "/objectives/4");
	check("objective 4 is rio's", (await mainText(alex)).includes("Rio Tanaka") ||
		(await alex.locator("a[href='/people/rio']").count()) > 0);
	await alex.goto(srv.url("/people/pat"));
	await submit(alex, "deactivate, saved", "form#deactivate button[type=submit]", 200);
	check("pat's page says deactivated and offers reactivation",
		(await mainText(alex)).includes("Deactivated") && await alex.locator("form#reactivate").count() === 1);
	const r = await pat.goto(srv.url("/checkin"));
	check("pat's open session is over: sent to /login", new URL(pat.url()).pathname === "/login", r && r.status());
	await pat.fill("#handle", "pat");
	await pat.fill("#password", DEMO_PW);
	await submit(pat, "403 sign-in of a deactivated person", "button[type=submit]", 403);
	await get(alex, "people, with someone deactivated", "/people?q=pat");
	check("the list says deactivated", (await mainText(alex)).includes("Deactivated"));
	await get(alex, "person, deactivated", "/people/pat");
	await alex.goto(srv.url("/people/pat"));
	await submit(alex, "reactivate, saved", "form#reactivate button[type=submit]", 200);
	await login(pat, srv, "pat");
	check("pat signs in again", new URL(pat.url()).pathname === "/");

	// Members and viewers: no form, and a forced POST is 403 with nothing changed.
	for (const h of ["kim", "vic", "sam"]) {
		const p = await newPage(browser);
		await login(p, srv, h);
		await get(p, `people as ${h}`, "/people");
		check(`${h} sees no add form`, await p.locator("form#add").count() === 0);
		await get(p, `person rio as ${h}`, "/people/rio");
		check(`${h} sees no admin form`, await p.locator("form#edit, form#handover, form#deactivate").count() === 0);
		for (const [what, fields] of [["deactivate", {}], ["edit", { role: "admin" }], ["handover", { to: "kim" }]])
			await audit(p, `403 ${what} forced by ${h}`, await forcePost(p, `/people/rio/${what}`, fields), 403);
		await p.goto(srv.url("/people"));
		await audit(p, `403 add forced by ${h}`, await forcePost(p, "/people", { handle: "eve", name: "Eve" }), 403);
	}
	const rio = srv.okra(["person", "show", "rio", "--json"]);
	check("rio is unchanged by the refused posts", JSON.parse(rio).role === "member" && JSON.parse(rio).active === true, rio);
	check("nobody named eve was added", !srv.okra(["person", "list"]).includes("eve"));

	// Without JavaScript: add a person and deactivate them (no confirm without a script).
	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "alex");
	await nojs.goto(srv.url("/people"));
	await nojs.fill("#handle", "yan");
	await nojs.fill("#name", "Yan Nojs");
	await Promise.all([nojs.waitForURL(/\/people\/yan$/), nojs.click("form#add button[type=submit]")]);
	check("no JS: yan added, their page shown", (await mainText(nojs)).includes("Yan Nojs"));
	await Promise.all([nojs.waitForURL(/#deactivate$/), nojs.click("form#deactivate button[type=submit]")]);
	check("no JS: yan is deactivated", (await mainText(nojs)).includes("Deactivated"), await mainText(nojs));

	vnu();
});
