// t30-reopen-remove: two corrections on the objective page, each drawn only for who may use it,
// refused when posted anyway, audited, the objective following. Reopen a closed objective (a
// leader or admin, saying why): the form on the demo's last-quarter objective #1 for alex and sam,
// not for pat (its DRI, a member) or a viewer. Remove an initiative added by mistake (whoever may
// edit the objective): the button on #5's KR 12 for its DRI dana, her teammate lou and a leader,
// not for pat (another team) or a viewer. Every page it answers with passes axe and vnu.
import { Server, launch, newPage, login, check, main, auditor, forcePost, mainText, DEMO_PW, PHONE } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({
		demo: true,
		setup: (s) => {
			s.okra(["person", "add", "val", "--name", "Val Viewer", "--role", "viewer", "--joined", "2020-01-01"]);
			s.okra(["user", "passwd", "val"], { stdin: DEMO_PW + "\n" });
		},
	});
	const browser = await launch();
	const { get, submit, audit, vnu } = await auditor(srv, { strict: true, widths: [1280, PHONE] });
	const who = {};
	for (const h of ["alex", "sam", "pat", "val", "dana", "lou"]) {
		who[h] = await newPage(browser);
		await login(who[h], srv, h);
	}
	const json = (args) => JSON.parse(srv.okra(["--json", ...args]));
	const audited = async (page, entity, id, action) => {
		const r = await page.context().request.get(srv.url(`/api/v1/audit?entity=${entity}&id=${id}`));
		const rows = r.ok() ? (await r.json()).items || (await r.json()) : [];
		return rows.filter((e) => e.action === action);
	};

	// --- reopen -----------------------------------------------------------------------------
	check("setup: #1 is closed with a final score", json(["objective", "show", "1"]).state === "closed");
	for (const [h, shown] of [["alex", true], ["sam", true], ["pat", false], ["val", false]]) {
		await get(who[h], `closed objective as ${h}`, "/objectives/1");
		check(`${h}: the reopen form is ${shown ? "" : "not "}drawn`,
			(await who[h].locator("form#reopen").count()) === (shown ? 1 : 0));
	}
	for (const h of ["pat", "val"]) {
		await who[h].goto(srv.url("/objectives/1"));
		const resp = await forcePost(who[h], "/objectives/1/reopen", { reason: "I want it open" });
		await audit(who[h], `reopen forced by ${h}`, resp, 403);
		const err = await who[h].locator("form#reopen .error").innerText().catch(() => "");
		check(`${h}: the refusal stands beside the reopen form and says who may`, /leaders and admins/.test(err), err);
		check(`${h}: the reason typed is kept`, await who[h].inputValue("#reopen-reason").catch(() => "") === "I want it open");
	}
	check("refused reopens change nothing", json(["objective", "show", "1"]).state === "closed");

	const alex = who.alex;
	await alex.goto(srv.url("/objectives/1"));
	await alex.fill("#reopen-reason", "x".repeat(501));
	await submit(alex, "reopen, a reason too long", "form#reopen button[type=submit]", 422);
	check("a reason too long: the message is beside the field",
		(await alex.locator("form#reopen .error").count()) > 0);
	check("a reason too long: the typed reason is kept", (await alex.inputValue("#reopen-reason")).length === 501);
	await alex.fill("#reopen-reason", "");
	await alex.locator("form#reopen").evaluate((f) => f.setAttribute("novalidate", ""));
	await submit(alex, "reopen, no reason", "form#reopen button[type=submit]", 422);
	check("no reason: refused, it says a reason is needed",
		/reason/i.test(await alex.locator("form#reopen").innerText()));

	const sam = who.sam;
	await sam.goto(srv.url("/objectives/1"));
	await sam.fill("#reopen-reason", "Closed a week early by mistake");
	const [resp] = await Promise.all([sam.waitForNavigation(), sam.click("form#reopen button[type=submit]")]);
	await audit(sam, "reopened", resp, 200);
	check("reopened: back on the objective's page", new URL(sam.url()).pathname === "/objectives/1", sam.url());
	const text = await mainText(sam);
	check("reopened: no longer closed and read-only", !text.includes("closed and read-only"), text.slice(0, 300));
	check("reopened: no reopen form any more", (await sam.locator("form#reopen").count()) === 0);
	const o = json(["objective", "show", "1"]);
	check("reopened: the objective is active, its final score cleared", o.state === "active" &&
		(o.final_score === undefined || o.final_score === null), JSON.stringify(o).slice(0, 400));
	const rows = await audited(alex, "objective", 1, "reopen");
	check("reopened: audited with the reason", rows.length === 1 &&
		JSON.stringify(rows[0]).includes("Closed a week early by mistake"), rows);

	// --- remove an initiative ---------------------------------------------------------------
	const button = "button:has-text('Remove the initiative Provisioning API epic')";
	for (const [h, shown] of [["dana", true], ["lou", true], ["sam", true], ["pat", false], ["val", false]]) {
		await get(who[h], `objective with an initiative as ${h}`, "/objectives/5");
		check(`${h}: the initiative's remove button is ${shown ? "" : "not "}drawn`,
			(await who[h].locator(button).count()) === (shown ? 1 : 0));
	}
	const ini = json(["kr", "show", "12"]).initiatives[0];
	for (const h of ["pat", "val"]) {
		await who[h].goto(srv.url("/objectives/5"));
		const r = await forcePost(who[h], `/initiatives/${ini.id}/remove`, { objective: "5" });
		await audit(who[h], `initiative remove forced by ${h}`, r, 403);
		const err = await who[h].locator(`form#remove-initiatives-${ini.id} .error`).innerText().catch(() => "");
		check(`${h}: the refusal stands beside the button`, err.length > 0, err);
	}
	check("refused removals change nothing", json(["kr", "show", "12"]).initiatives.length === 1);

	const dana = who.dana;
	await dana.goto(srv.url("/objectives/5"));
	const asked = [];
	dana.once("dialog", (d) => { asked.push(d.message()); d.accept(); });
	const [r2] = await Promise.all([dana.waitForNavigation(), dana.click(button)]);
	await audit(dana, "initiative removed", r2, 200);
	check("remove: it asks first", asked.length === 1, asked);
	check("removed: back on #5 without it", new URL(dana.url()).pathname === "/objectives/5" &&
		!(await mainText(dana)).includes("Provisioning API epic"));
	check("removed: KR 12 has no initiative", json(["kr", "show", "12"]).initiatives.length === 0);
	const gone = await audited(alex, "initiative", ini.id, "delete");
	check("removed: audited", gone.length === 1, gone);

	for (const p of Object.values(who))
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
	vnu();
});
