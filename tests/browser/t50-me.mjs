// t50-me: /me, a person's own account. The password changes only with the current one (a wrong
// one is 403 and a short new one 422, each said beside its field), the browser stays signed in
// and the old password no longer works; "Sign out everywhere else" ends another browser's
// session and keeps this one; an API token is made with a name, shown once, works, and is
// revoked. axe and vnu on every page at desktop and 390 px; the forms work with JavaScript off.
import { Server, launch, newPage, login, check, main, auditor, mainText, DEMO_PW } from "./lib.mjs";

async function api(srv, path, token) {
	const r = await fetch(srv.url(path), { headers: { Authorization: "Bearer " + token } });
	return r.status;
}

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv);

	for (const [label, opts] of [["desktop", {}], ["390px", { viewport: { width: 390, height: 844 } }]]) {
		const p = await newPage(browser, opts);
		await login(p, srv, "kim");
		await get(p, `me (${label})`, "/me");
		check(`${label}: the nav has Account, current`,
			await p.getAttribute("nav a[href='/me']", "aria-current") === "page");
		check(`${label}: this session is listed`, (await mainText(p)).includes("This one"));
		check(`${label}: no sideways scroll of the page`,
			await p.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
	}

	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	const other = await newPage(browser);
	await login(other, srv, "pat");
	await pat.goto(srv.url("/me"));
	await pat.fill("#current-password", "not my password");
	await pat.fill("#new-password", "a brand new password");
	await submit(pat, "403 password, wrong current one", "form#password button[type=submit]", 403);
	check("said beside the current password", (await pat.innerText("#current-password-error")).includes("not your current password"));
	await pat.fill("#current-password", DEMO_PW);
	await pat.fill("#new-password", "short");
	await submit(pat, "422 password, too short", "form#password button[type=submit]", 422);
	check("said beside the new password", (await pat.innerText("#new-password-error")).includes("10"),
		await pat.innerText("form#password"));
	await pat.fill("#current-password", DEMO_PW);
	await pat.fill("#new-password", "a brand new password");
	await submit(pat, "password changed", "form#password button[type=submit]", 200);
	check("still signed in, on /me", new URL(pat.url()).pathname === "/me" && (await mainText(pat)).includes("This one"));
	const r = await fetch(srv.url("/api/v1/session"), { method: "POST", headers: { "Content-Type": "application/json",
		Origin: srv.url("").replace(/\/$/, "") }, body: JSON.stringify({ handle: "pat", password: DEMO_PW }) });
	check("the old password no longer signs in", r.status === 403, r.status);
	await other.goto(srv.url("/checkin"));
	check("the change ended the other browser's session", new URL(other.url()).pathname === "/login");

	// Another browser again, then sign out everywhere else.
	await login(other, srv, "pat", "a brand new password");
	await pat.goto(srv.url("/me"));
	check("two sessions listed", await pat.locator("main tbody tr").first().count() === 1 &&
		(await pat.locator("form#sessions").count()) === 1);
	await submit(pat, "signed out everywhere else", "form#sessions button[type=submit]", 200);
	await other.goto(srv.url("/checkin"));
	check("the other browser is signed out", new URL(other.url()).pathname === "/login");
	await pat.goto(srv.url("/checkin"));
	check("this one is not", new URL(pat.url()).pathname === "/checkin");

	// A token: made, shown once, works, revoked.
	await pat.goto(srv.url("/me"));
	await pat.fill("#token-name", "ci script");
	await submit(pat, "token made", "form#token button[type=submit]", 201);
	const token = (await pat.innerText("#new-token")).trim();
	check("the token is shown", /^[0-9a-f]{64}$/.test(token), token);
	check("it works", await api(srv, "/api/v1/session", token) === 200);
	await get(pat, "me, tokens listed", "/me");
	check("shown once: not on the page again", !(await pat.content()).includes(token));
	check("listed by name", (await mainText(pat)).includes("ci script"));
	await submit(pat, "token revoked", "button:has-text('Revoke ci script')", 200);
	check("listed as revoked", (await mainText(pat)).includes("Revoked"));
	check("it no longer works", await api(srv, "/api/v1/session", token) === 401);

	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "rio");
	await nojs.goto(srv.url("/me"));
	await nojs.fill("#token-name", "no js");
	const [resp] = await Promise.all([nojs.waitForNavigation(), nojs.click("form#token button[type=submit]")]);
	check("no JS: the token is made and shown", resp.status() === 201 && /^[0-9a-f]{64}$/.test((await nojs.innerText("#new-token")).trim()));

	vnu();
});
