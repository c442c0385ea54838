// t62-comments: the conversation on the objective page (issue 19), with JavaScript on and off. A
// member who is not the DRI comments with an @mention; the DRI answers in the thread; a comment on
// a key result sits in that KR's thread; a refused comment (empty, too long) comes back with the
// message beside the field and the text kept (422); the author edits (the earlier text kept) and
// removes (shown as removed); an admin removes another's; a viewer sees no form; /me says what is
// new since the last visit. axe and vnu on every page at desktop and 390 px.
import { Server, launch, newPage, login, check, main, auditor, mainText, DEMO_PW } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({
		demo: true,
		setup: async (s) => {
			s.okra(["person", "add", "vic", "--name", "Vic Viewer", "--role", "viewer", "--joined", "2020-01-01"]);
			s.okra(["user", "passwd", "vic"], { stdin: DEMO_PW + "\n" });
		},
	});
	const browser = await launch();
	const audited = await auditor(srv, { widths: [null, 390] });
	const { vnu } = audited;
	let js = true;
	// With JavaScript off axe cannot run in the page: the status is checked, the HTML kept for vnu
	// by the JS pass (the same pages).
	const get = async (page, label, p, status = 200) => {
		if (js)
			return audited.get(page, label, p, status);
		const resp = await page.goto(srv.url(p));
		check(`${label}: status ${status}`, resp.status() === status, resp.status());
	};
	const submit = async (page, label, selector, status) => {
		if (js)
			return audited.submit(page, label, selector, status);
		const [resp] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
		check(`${label}: status ${status}`, resp.status() === status, resp.status());
	};

	for (js of [true, false]) {
		const tag = js ? "JS" : "no JS";
		const rio = await newPage(browser, { javaScriptEnabled: js });
		rio.on("dialog", (d) => d.accept());
		await login(rio, srv, "rio");
		await get(rio, `${tag}: objective 4 before`, "/objectives/4");
		check(`${tag}: the conversation section is there`, await rio.locator("section.conversation h2#comments").count() === 1);

		// A comment naming pat.
		await rio.fill("#comments-new", `Why is **latency** flat, @pat? (${tag})`);
		await submit(rio, `${tag}: rio comments`, "form:has(#comments-new) button[type=submit]", 200);
		const url = new URL(rio.url());
		check(`${tag}: back on the objective, at the comment`, url.pathname === "/objectives/4" && /^#comment-\d+$/.test(url.hash), rio.url());
		const cid = url.hash.slice("#comment-".length);
		const art = rio.locator(`#comment-${cid}`);
		check(`${tag}: the comment is rendered from Markdown`, await art.locator("strong", { hasText: "latency" }).count() === 1);
		check(`${tag}: it names its author`, (await art.locator(".meta").innerText()).includes("@rio"));

		// Refused: empty, then too long — 422, the message beside the field, the text kept.
		await rio.fill("#comments-new", "   ");
		await submit(rio, `${tag}: an empty comment is refused`, "form:has(#comments-new) button[type=submit]", 422);
		check(`${tag}: empty: said beside the field`, (await rio.innerText("#comments-new-error")).includes("empty"));
		const long = "x".repeat(20001);
		await rio.fill("#comments-new", long);
		await submit(rio, `${tag}: a comment too long is refused`, "form:has(#comments-new) button[type=submit]", 422);
		check(`${tag}: too long: said beside the field`, (await rio.innerText("#comments-new-error")).includes("at most"));
		check(`${tag}: too long: the text typed is kept`, (await rio.inputValue("#comments-new")).length === 20001);
		check(`${tag}: the field is marked invalid`,
			await rio.locator("#comments-new[aria-invalid=true][aria-describedby~='comments-new-error']").count() === 1);

		// pat answers in the thread.
		const pat = await newPage(browser, { javaScriptEnabled: js });
		await login(pat, srv, "pat");
		await get(pat, `${tag}: pat's /me`, "/me");
		check(`${tag}: pat's /me says rio mentioned him, new`,
			(await pat.locator("ul.notices li", { hasText: "rio mentioned you on" }).first().innerText()).startsWith("new"),
			await mainText(pat));
		await get(pat, `${tag}: pat's /me again`, "/me");
		check(`${tag}: seen: nothing new on the next visit`, (await mainText(pat)).includes("0 new since your last visit"));
		await pat.goto(srv.url(`/objectives/4#comment-${cid}`));
		if (!js)
			await pat.click(`#comment-${cid} details:has(#comment-${cid}-reply) summary`);
		else
			await pat.click(`#comment-${cid} details:has(#comment-${cid}-reply) summary`);
		await pat.fill(`#comment-${cid}-reply`, "A deploy froze it.");
		await submit(pat, `${tag}: pat answers`, `form:has(#comment-${cid}-reply) button[type=submit]`, 200);
		const rid = new URL(pat.url()).hash.slice("#comment-".length);
		check(`${tag}: the answer is under the comment`,
			await pat.locator(`#comment-${cid} + .replies #comment-${rid}`).count() === 1);

		// A comment on a key result: in that KR's thread.
		await pat.fill("#comments-kr-9-new", "KR note");
		await submit(pat, `${tag}: pat comments on KR 9`, "form:has(#comments-kr-9-new) button[type=submit]", 200);
		const kid = new URL(pat.url()).hash.slice("#comment-".length);
		check(`${tag}: in the KR's thread`, await pat.locator(`#comments-kr-9 ~ #comment-${kid}`).count() === 1);

		// rio edits, then removes; the earlier text is kept (the API shows the history).
		await rio.goto(srv.url(`/objectives/4#comment-${cid}`));
		await rio.click(`#comment-${cid} details:has(#comment-${cid}-edit) summary`);
		await rio.fill(`#comment-${cid}-edit`, "Why flat?");
		await submit(rio, `${tag}: rio edits`, `form:has(#comment-${cid}-edit) button[type=submit]`, 200);
		check(`${tag}: edited, and says so`, (await rio.locator(`#comment-${cid}`).innerText()).includes("edited") &&
			(await rio.locator(`#comment-${cid} .comment-body`).innerText()).includes("Why flat?"));
		check(`${tag}: rio may not edit pat's answer`, await rio.locator(`#comment-${rid}-edit`).count() === 0);
		await submit(rio, `${tag}: rio removes his`, `#comment-${cid} form[action$='/remove'] button`, 200);
		check(`${tag}: shown as removed`, (await rio.locator(`#comment-${cid}`).innerText()).includes("Comment removed by rio") &&
			!(await rio.locator(`#comment-${cid}`).innerText()).includes("Why flat"));

		// an admin removes pat's KR note.
		const alex = await newPage(browser, { javaScriptEnabled: js });
		alex.on("dialog", (d) => d.accept());
		await login(alex, srv, "alex");
		await alex.goto(srv.url(`/objectives/4`));
		await submit(alex, `${tag}: the admin removes pat's note`, `#comment-${kid} form[action$='/remove'] button`, 200);
		check(`${tag}: removed by alex`, (await alex.locator(`#comment-${kid}`).innerText()).includes("Comment removed by alex"));
	}

	// A viewer reads, and is given no form.
	js = true;
	const vic = await newPage(browser);
	await login(vic, srv, "vic");
	await get(vic, "viewer: objective 4", "/objectives/4");
	check("viewer: the conversation is shown", (await mainText(vic)).includes("A deploy froze it."));
	check("viewer: no comment form", await vic.locator("section.conversation form").count() === 0);
	vnu();
});
