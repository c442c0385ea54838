// t57-settings: /settings as an admin runs it. Every setting of `okra setting list` is on the page
// with its sentence, grouped; a group's form saves what changed in one step (audited), a refused
// value comes back with the CLI's own words beside the field and what was typed kept; a secret
// is set, replaced and cleared but never drawn again (only "set on DATE"). Leaders, members and
// viewers get a 403 page with no form, and a forced POST is 403 with nothing changed. axe and
// vnu at desktop and 390 px; the forms work with JavaScript off.
import http from "node:http";
import { Server, launch, newPage, login, check, main, auditor, forcePost, mainText, NOW } from "./lib.mjs";

const SECRET = "gh-Secret-never-shown-42";

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const { get, submit, audit, vnu } = await auditor(srv);
	const names = srv.okra(["setting", "list"]).split("\n").map((l) => l.split(/\s+/)[0]).filter(Boolean);

	for (const [label, opts] of [["desktop", {}], ["390px", { viewport: { width: 390, height: 844 } }]]) {
		const alex = await newPage(browser, opts);
		await login(alex, srv, "alex");
		await get(alex, `settings (${label})`, "/settings");
		const text = await mainText(alex);
		for (const n of names)
			check(`${label}: ${n} is on the page with its sentence`, text.includes(`${n} is `), n);
		for (const g of ["process", "reminders", "integrations", "sign-in", "other"])
			check(`${label}: the ${g} group is a form`, await alex.locator(`form#${g}`).count() === 1);
		check(`${label}: the update day is in the process group`,
			await alex.locator("form#process #update_weekday").count() === 1);
		check(`${label}: the nav has Settings, current`,
			await alex.getAttribute("nav a[href='/settings']", "aria-current") === "page");
		check(`${label}: no sideways scroll of the page`,
			await alex.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
	}

	const alex = await newPage(browser);
	await login(alex, srv, "alex");
	await alex.goto(srv.url("/settings"));
	// Refused: the CLI's wording beside the field, the typed values kept, nothing saved.
	await alex.selectOption("#update_weekday", "Friday");
	await alex.fill("#fiscal_year_first_month", "13");
	await submit(alex, "422 settings, a month 13", "form#process button[type=submit]", 422);
	const cli = (() => { try { srv.okra(["setting", "set", "fiscal_year_first_month", "13"]); } catch (e) { return e.message; } })();
	check("the message beside the month is the CLI's", cli.includes("fiscal_year_first_month is the fiscal year's first month, 1 … 12") &&
		(await alex.innerText("#fiscal_year_first_month-error")).includes("fiscal_year_first_month is the fiscal year's first month, 1 … 12"),
		await alex.innerText("form#process"));
	check("what was typed is kept", await alex.inputValue("#fiscal_year_first_month") === "13" &&
		await alex.inputValue("#update_weekday") === "Friday");
	check("nothing was saved (one transaction)", srv.okra(["setting", "get", "update_weekday"]) === "Wednesday");
	// Saved: both, and both audited.
	await alex.fill("#fiscal_year_first_month", "4");
	await submit(alex, "settings, the process saved", "form#process button[type=submit]", 200);
	check("saved, and said so", (await alex.innerText("form#process")).includes("Saved."));
	check("the update day and fiscal year are saved", srv.okra(["setting", "get", "update_weekday"]) === "Friday" &&
		srv.okra(["setting", "get", "fiscal_year_first_month"]) === "4");
	// Both thresholds of pace raised in one save: the pair is judged as saved together.
	await alex.fill("#pace_attention", "0.3");
	await alex.fill("#pace_risk", "0.5");
	await submit(alex, "settings, both pace thresholds", "form#process button[type=submit]", 200);
	check("pace 0.3 and 0.5", srv.okra(["setting", "get", "pace_attention"]) === "0.3" &&
		srv.okra(["setting", "get", "pace_risk"]) === "0.5");
	const trailOf = async (p) => (await p.request.get(srv.url("/api/v1/audit?entity=setting&limit=100"))).json();
	const trail = await trailOf(alex);
	const set = trail.map((a) => a.after && a.after.name);
	check("each change is audited, and only those", ["update_weekday", "fiscal_year_first_month", "pace_attention", "pace_risk"]
		.every((n) => set.filter((x) => x === n).length === 1) && set.length === 4, JSON.stringify(set));

	// A secret: set, never drawn again, replaced, cleared.
	await alex.goto(srv.url("/settings"));
	await alex.fill("#github_webhook_secret", SECRET);
	await submit(alex, "settings, a secret set", "form#integrations button[type=submit]", 200);
	const html = await alex.content();
	check("the secret is nowhere on the page", !html.includes(SECRET));
	check("the page says when it was set", (await alex.innerText("form#integrations")).includes(`Set on ${NOW}`),
		await alex.innerText("form#integrations"));
	check("the audit trail does not hold it", !JSON.stringify(await trailOf(alex)).includes(SECRET));
	await submit(alex, "settings, the secret left as it is", "form#integrations button[type=submit]", 200);
	check("an empty field keeps the secret", srv.okra(["setting", "get", "github_webhook_secret"]) === "(secret set)",
		srv.okra(["setting", "get", "github_webhook_secret"]));
	await alex.fill("#github_webhook_secret", "short");
	await submit(alex, "422 a secret too short", "form#integrations button[type=submit]", 422);
	check("the refusal never repeats the value", (await alex.innerText("#github_webhook_secret-error")).includes("8 to 256") &&
		!(await alex.content()).includes("value=\"short\""));
	await alex.goto(srv.url("/settings"));
	await alex.check("#clear-github_webhook_secret");
	await submit(alex, "settings, the secret cleared", "form#integrations button[type=submit]", 200);
	check("cleared: not set", (await alex.innerText("form#integrations")).includes("Not set"));

	// Who is not an admin: a 403 page without a form; a forced POST changes nothing.
	for (const h of ["sam", "pat"]) {
		const p = await newPage(browser);
		await login(p, srv, h);
		const r = await p.goto(srv.url("/settings"));
		await audit(p, `403 settings as ${h}`, r, 403);
		check(`${h} sees no form`, await p.locator("main form").count() === 0);
		check(`${h} has no Settings in the nav`, await p.locator("nav a[href='/settings']").count() === 0);
		await p.goto(srv.url("/"));
		await audit(p, `403 settings forced by ${h}`,
			await forcePost(p, "/settings", { group: "process", update_weekday: "Monday" }), 403);
	}
	check("the refused posts changed nothing", srv.okra(["setting", "get", "update_weekday"]) === "Friday");

	// "Send a test message": a real HTTP receiver on 127.0.0.1 answers; the page shows what it said.
	const posts = [];
	const hook = http.createServer((req, res) => {
		let body = "";
		req.on("data", (d) => { body += d; });
		req.on("end", () => { posts.push(body); res.writeHead(202, { "Content-Type": "text/plain" }); res.end("accepted here\nsecond line"); });
	});
	await new Promise((r) => hook.listen(0, "127.0.0.1", r));
	await alex.goto(srv.url("/settings"));
	await submit(alex, "409 a test message, no webhook set", "form#test-chat button[type=submit]", 409);
	check("the refusal says to set it first", (await alex.innerText("form#test-chat")).includes("chat_webhook is not set"));
	srv.okra(["setting", "set", "chat_webhook", `http://127.0.0.1:${hook.address().port}/hooks/secret-path`]);
	await alex.goto(srv.url("/settings"));
	await submit(alex, "a test message sent", "form#test-chat button[type=submit]", 200);
	check("the page shows the receiver's answer", (await alex.innerText("#test-chat-answer")) ===
		"The chat webhook answered HTTP 202: accepted here (delivered).", await alex.innerText("form#test-chat"));
	check("the receiver got the test message", posts.length === 1 && JSON.parse(posts[0]).text.includes("test message"), posts);
	check("the webhook's path is not on the page", !(await alex.content()).includes("secret-path"));
	hook.close();
	await submit(alex, "a test message, the receiver gone", "form#test-chat button[type=submit]", 200);
	check("the page says it did not answer", (await alex.innerText("#test-chat-answer")).includes("did not answer"));
	srv.okra(["setting", "set", "smtp_url", "smtp://127.0.0.1:1"]);
	await alex.goto(srv.url("/settings"));
	await alex.fill("#test-to", "not an address");
	await submit(alex, "422 a test mail, a bad address", "form#test-email button[type=submit]", 422);
	check("kept, with the message beside it", await alex.inputValue("#test-to") === "not an address");

	// Without JavaScript.
	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "alex");
	await nojs.goto(srv.url("/settings"));
	await nojs.fill("#remind_at", "08:30");
	await Promise.all([nojs.waitForURL(/saved=reminders/), nojs.click("form#reminders button[type=submit]")]);
	check("no JS: the reminder time saved", srv.okra(["setting", "get", "remind_at"]) === "08:30");

	vnu();
});
