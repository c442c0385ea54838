// t60-oidc: single sign-on in a real browser through a real OpenID Provider (npm oidc-provider,
// tests/oidc/provider.mjs). The sign-in page shows "Sign in with Test IdP" above the password
// form; pat clicks it, signs in at the provider and lands on the OKRs signed in: the first
// sign-in linked pat by e-mail and the groups claim put pat in the SaaS team. Signing out ends
// okra's session and goes through the provider's end-session page back to /login; a second
// sign-in reuses the link. A cancelled sign-in and a token with the wrong audience each show
// their page (400, 403) with the way back to /login. All of it with JavaScript off too; axe and
// vnu on okra's pages at desktop and 390 px.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { ROOT, Server, launch, newPage, check, main, auditor, mainText, PHONE } from "./lib.mjs";

async function startProvider(srv) {
	const proc = spawn("node", [path.join(ROOT, "tests/oidc/provider.mjs"), srv.url("/login/oidc/callback"),
		srv.url("/login")], { stdio: ["pipe", "pipe", "ignore"] });
	const lines = readline.createInterface({ input: proc.stdout });
	for await (const line of lines)
		if (line.startsWith("{"))
			return { proc, ...JSON.parse(line) };
	throw new Error("the test provider did not start");
}

async function control(prov, p, body) {
	await fetch(prov.issuer + p, { method: "POST", headers: { "Content-Type": "application/json" },
		body: JSON.stringify(body) });
}

// Click "Sign in with …", sign in at the provider as login (or cancel there); ends back at okra.
async function ssoSignIn(page, srv, login, { cancel = false } = {}) {
	await page.goto(srv.url("/login"));
	await Promise.all([page.waitForURL((u) => u.pathname.startsWith("/interaction/")),
		page.click("text=Sign in with Test IdP")]);
	if (cancel)
		return Promise.all([page.waitForNavigation({ url: (u) => u.href.startsWith(srv.base) }),
			page.click("text=Cancel")]).then(([r]) => r);
	await page.fill("#login", login);
	const [resp] = await Promise.all([page.waitForNavigation({ url: (u) => u.href.startsWith(srv.base) }),
		page.click("text=Continue")]);
	return resp;
}

function links(srv) {
	const rows = JSON.parse(srv.okra(["export", "--format", "json"])).tables.oidc_links || [];
	return rows.map((r) => `${r.sub}->${r.person}`);
}

await main(async () => {
	const srv = await Server.start({ demo: true });
	const prov = await startProvider(srv);
	for (const [k, v] of [["base_url", srv.base], ["oidc_issuer", prov.issuer], ["oidc_client_id", prov.client_id],
		["oidc_client_secret", prov.client_secret], ["oidc_provider_name", "Test IdP"],
		["oidc_scopes", "openid profile email groups"], ["oidc_groups_claim", "groups"],
		["oidc_group_teams", "platform-eng=saas"]])
		srv.okra(["setting", "set", k, v]);
	const patEmail = JSON.parse(srv.okra(["person", "show", "pat", "--json"])).email;
	await control(prov, "/test/account", { id: "pat", claims: { email: patEmail.toUpperCase(), email_verified: true,
		name: "Pat Lee", preferred_username: "pat", groups: ["platform-eng"] } });
	const browser = await launch();
	const auditing = await auditor(srv, { widths: [null, PHONE] });

	for (const js of [true, false]) {
		const label = js ? "" : " (no JS)";
		const page = await newPage(browser, { javaScriptEnabled: js });
		// axe runs in the page: with JavaScript off only the statuses are checked.
		const audit = js ? auditing.audit : async (p, what, resp, status) =>
			check(`${what}: status ${status}`, resp && resp.status() === status, resp && resp.status());
		await audit(page, `sign-in page with single sign-on${label}`, await page.goto(srv.url("/login")), 200);
		const text = await mainText(page);
		check(`${label}the button is above the password form`,
			text.includes("Sign in with Test IdP") && text.indexOf("Sign in with Test IdP") < text.indexOf("Password"), text);
		const resp = await ssoSignIn(page, srv, "pat");
		check(`${label}pat signs in through the provider and lands on the OKRs`,
			new URL(page.url()).pathname === "/" && resp.status() === 200, page.url());
		check(`${label}the top bar names Pat Lee`, (await page.innerText("header")).includes("Pat Lee"));
		check(`${label}one link, pat's subject`, links(srv).length === 1 && links(srv)[0].startsWith("sub-pat->"),
			links(srv));
		check(`${label}the groups claim put pat in the SaaS team`,
			srv.okra(["team", "list"]).split("\n").some((l) => l.startsWith("saas") && /\bpat\b/.test(l)));

		// Sign out: okra's session ends, the provider's end-session page, back to /login.
		await Promise.all([page.waitForURL((u) => u.href.startsWith(prov.issuer)), page.click("text=Sign out")]);
		// (okra's "You are signed out" page sends the browser on with a Refresh.)
		check(`${label}signing out goes to the provider's end-session endpoint`, page.url().startsWith(prov.issuer));
		await Promise.all([page.waitForURL((u) => u.href.startsWith(srv.base)), page.click("button[autofocus], button[type=submit]")]);
		check(`${label}…and back to okra's sign-in page`, new URL(page.url()).pathname === "/login", page.url());
		await page.goto(srv.url("/checkin"));
		check(`${label}okra's session is over`, new URL(page.url()).pathname === "/login");

		// A second sign-in reuses the link.
		await ssoSignIn(page, srv, "pat");
		check(`${label}a second sign-in: pat again, the same one link`,
			new URL(page.url()).pathname === "/" && links(srv).length === 1);
		await page.context().clearCookies();

		// A cancelled sign-in; a token for another audience.
		const cancelled = await ssoSignIn(page, srv, "pat", { cancel: true });
		await audit(page, `sign-in cancelled${label}`, cancelled, 400);
		check(`${label}the cancelled page says so and leads back`, (await mainText(page)).includes("Sign-in cancelled") &&
			await page.locator("main a[href='/login']").count() === 1);
		await control(prov, "/test/mode", { mode: "wrong_aud" });
		const refused = await ssoSignIn(page, srv, "pat");
		await audit(page, `token for another audience${label}`, refused, 403);
		check(`${label}the refused page says it could not be trusted`,
			(await mainText(page)).includes("could not be trusted"));
		await page.goto(srv.url("/checkin"));
		check(`${label}nobody is signed in after the refusal`, new URL(page.url()).pathname === "/login");
		await page.context().close();
	}
	auditing.vnu();
	prov.proc.stdin.end();
	prov.proc.kill("SIGTERM");
});
