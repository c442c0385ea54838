// t49-teams: /teams and /teams/{slug}/manage. Everyone sees the teams and their members; an
// admin creates a team (a refused one comes back with the message and what was typed), renames
// it, adds members and takes one out, and the team's own page shows its members. Members and
// viewers see no form, the manage page is 403 to them, and a forced POST is refused (403).
// axe and vnu on every page at desktop and 390 px; the forms work with JavaScript off.
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
		await get(alex, `teams (${label})`, "/teams");
		const text = await mainText(alex);
		check(`${label}: every team with its members`, /Platform · Manage platform kim, noor, pat, rio/.test(text) &&
			/SaaS Platforms · Manage saas dana, lou/.test(text), text);
		check(`${label}: the nav has Teams, current`,
			await alex.getAttribute("nav a[href='/teams']", "aria-current") === "page");
		check(`${label}: no sideways scroll of the page`,
			await alex.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
		await get(alex, `team manage (${label})`, "/teams/platform/manage");
		for (const f of ["rename", "add-member", "remove-pat"])
			check(`${label}: the admin sees the ${f} form`, await alex.locator(`form#${f}`).count() === 1);
	}

	const alex = await newPage(browser);
	await login(alex, srv, "alex");
	await alex.goto(srv.url("/teams"));
	await alex.fill("#slug", "Data Team");
	await alex.fill("#name", "Data");
	await submit(alex, "422 create a team, a bad slug", "form#create button[type=submit]", 422);
	check("the message stands beside the slug", (await alex.innerText("#slug-error")).includes("slug"));
	check("what was typed is kept", await alex.inputValue("#slug") === "Data Team" && await alex.inputValue("#name") === "Data");
	await alex.fill("#slug", "data");
	await submit(alex, "create a team, saved: its manage page", "form#create button[type=submit]", 200);
	check("on data's manage page", alex.url().endsWith("/teams/data/manage"));
	await alex.fill("#team-name", "");
	await alex.locator("form#rename").evaluate((f) => f.setAttribute("novalidate", ""));
	await submit(alex, "422 rename to nothing", "form#rename button[type=submit]", 422);
	check("the message stands beside the name", (await alex.innerText("#team-name-error")).length > 0);
	await alex.fill("#team-name", "Data & Insights");
	await submit(alex, "rename, saved", "form#rename button[type=submit]", 200);
	check("the new name", (await alex.innerText("h1")).trim() === "Data & Insights");
	for (const h of ["kim", "lou"]) {
		await alex.selectOption("#member-handle", h);
		await submit(alex, `add ${h}, saved`, "form#add-member button[type=submit]", 200);
	}
	await submit(alex, "take kim out, saved", "form#remove-kim button[type=submit]", 200);
	check("lou is the one member", await alex.locator("form[id^=remove-]").count() === 1 &&
		await alex.locator("form#remove-lou").count() === 1);
	await get(alex, "the team's own page", "/teams/data");
	check("the team's page names it and its member", /Data & Insights/.test(await mainText(alex)) &&
		/members: lou/.test(await mainText(alex)), await mainText(alex));

	for (const h of ["kim", "vic", "sam"]) {
		const p = await newPage(browser);
		await login(p, srv, h);
		await get(p, `teams as ${h}`, "/teams");
		check(`${h} sees no create form and no Manage link`, await p.locator("form#create").count() === 0 &&
			await p.locator("a[href$='/manage']").count() === 0);
		await get(p, `team manage as ${h}`, "/teams/data/manage", 403);
		check(`${h} sees no form there`, await p.locator("main form").count() === 0);
		await p.goto(srv.url("/teams"));
		for (const [what, fields] of [["rename", { name: "Mine" }], ["members", { handle: "kim" }],
			["members/lou/remove", {}]])
			await audit(p, `403 ${what} forced by ${h}`, await forcePost(p, `/teams/data/${what}`, fields), 403);
		await p.goto(srv.url("/teams"));
		await audit(p, `403 create forced by ${h}`, await forcePost(p, "/teams", { slug: "evil", name: "Evil" }), 403);
	}
	const data = JSON.parse(srv.okra(["team", "list", "--json"])).find((t) => t.slug === "data");
	check("the refused posts changed nothing", data.name === "Data & Insights" && data.members.join() === "lou", data);
	check("no team evil", !srv.okra(["team", "list"]).includes("evil"));

	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "alex");
	await nojs.goto(srv.url("/teams"));
	await nojs.fill("#slug", "ops");
	await nojs.fill("#name", "Ops");
	await Promise.all([nojs.waitForURL(/\/teams\/ops\/manage$/), nojs.click("form#create button[type=submit]")]);
	await nojs.selectOption("#member-handle", "rio");
	await Promise.all([nojs.waitForURL(/#add-member$/), nojs.click("form#add-member button[type=submit]")]);
	check("no JS: ops created with rio", await nojs.locator("form#remove-rio").count() === 1);

	vnu();
});
