// t63-audit: /audit, the audit trail, as admins and leaders read it. Newest first, 50 a page, an
// "Older changes" link (by id) that keeps the filters; filtered by person, kind of thing and
// which one (an id, or a person's handle), an objective and its key results, and dates; each row
// links to the page of what it changed. A filter that is not one comes back with the message
// beside its field and what was typed kept (422). An objective's page shows its latest changes
// and links to /audit filtered on it. Members and viewers: no Audit in the header, /audit a 403
// page with no data, no Changes on an objective's page. axe and vnu on every page at desktop and
// 390 px; the filters work with JavaScript off.
import { Server, launch, newPage, login, check, main, auditor, mainText, DEMO_PW } from "./lib.mjs";

// Every row of the table on the page: its id, when, who, did, to (text and href), what changed.
async function rows(page) {
	return page.locator("table.audit tbody tr").evaluateAll((trs) => trs.map((tr) => {
		const td = tr.querySelectorAll("td");
		const a = td[3].querySelector("a");
		return {
			id: +tr.id.replace("audit-", ""), at: td[0].innerText.trim(), who: td[1].innerText.trim(),
			did: td[2].innerText.trim(), to: td[3].innerText.trim(), href: a ? a.getAttribute("href") : null,
			change: td[4].innerText.trim(),
		};
	}));
}

await main(async () => {
	const srv = await Server.start({
		demo: true,
		setup: (s) => {
			s.okra(["person", "add", "vic", "--name", "Vic Viewer", "--role", "viewer", "--joined", "2020-01-01"]);
			s.okra(["user", "passwd", "vic"], { stdin: DEMO_PW + "\n" });
		},
	});
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv);

	for (const [label, opts] of [["desktop", {}], ["390px", { viewport: { width: 390, height: 844 } }]]) {
		const alex = await newPage(browser, opts);
		await login(alex, srv, "alex");
		await get(alex, `audit (${label})`, "/audit");
		const v = await rows(alex);
		check(`${label}: a page of 50 rows, newest first`, v.length === 50 &&
			v.every((r, i) => i === 0 || r.id < v[i - 1].id), v.map((r) => r.id));
		check(`${label}: the nav has Audit, current`,
			await alex.getAttribute("nav a[href='/audit']", "aria-current") === "page");
		check(`${label}: no sideways scroll of the page`,
			await alex.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth));
		await get(alex, `objective 1 with its changes (${label})`, "/objectives/1");
		check(`${label}: the objective's page shows its changes`,
			await alex.locator("#changes table.audit tbody tr").count() > 0, await mainText(alex));
	}

	const alex = await newPage(browser);
	await login(alex, srv, "alex");
	await alex.goto(srv.url("/audit"));
	const first = await rows(alex);
	// Older: the next page starts below the last row shown.
	await Promise.all([alex.waitForNavigation(), alex.click("text=Older changes")]);
	const older = await rows(alex);
	check("Older changes: the rows below the last one shown", older.length > 0 &&
		older[0].id < first[first.length - 1].id, older.map((r) => r.id));

	// By whom and what kind, with the GET form.
	await alex.goto(srv.url("/audit"));
	await alex.selectOption("#actor", "dana");
	await alex.selectOption("#entity", "key_result");
	await submit(alex, "audit, dana's changes to key results", "form#filters button[type=submit]", 200);
	let v = await rows(alex);
	check("only dana's, only key results", v.length > 0 && v.every((r) => r.who === "dana" && r.to.startsWith("key result")),
		v.slice(0, 5));
	check("a key result's row links to it on its objective's page",
		v.every((r) => /^\/objectives\/\d+#kr-\d+$/.test(r.href)), v.slice(0, 3));
	check("the filters are kept in the URL and the form", alex.url().includes("actor=dana") &&
		await alex.inputValue("#actor") === "dana" && await alex.inputValue("#entity") === "key_result");
	check("what changed says old → new", v.some((r) => / → /.test(r.change)), v.slice(0, 5));
	if (await alex.locator("text=Older changes").count()) {
		const href = await alex.getAttribute("text=Older changes", "href");
		check("Older changes keeps the filters", href.includes("actor=dana") && href.includes("entity=key_result"), href);
	}

	// One person, by handle; their row links to their page.
	await get(alex, "audit, person pat", "/audit?entity=person&id=pat");
	v = await rows(alex);
	check("person pat's rows, linking to pat's page", v.length > 0 &&
		v.every((r) => r.to === "person pat" && r.href === "/people/pat"), v);

	// Dates: from and to, both days included.
	await get(alex, "audit, one day", "/audit?from=2026-11-18&to=2026-11-18");
	v = await rows(alex);
	check("only that day's rows", v.length > 0 && v.every((r) => r.at.startsWith("2026-11-18")), v.map((r) => r.at));

	// Refused: the message beside the field, what was typed kept.
	await get(alex, "422 audit, an objective id that is not a number", "/audit?entity=objective&id=abc", 422);
	check("the message stands beside Which", (await alex.innerText("#id-error")).includes("number"),
		await mainText(alex));
	check("what was typed is kept", await alex.inputValue("#id") === "abc" &&
		await alex.inputValue("#entity") === "objective");
	check("no rows shown for a refused filter", await alex.locator("table.audit").count() === 0);

	// The objective's page links to its changes: the objective and its key results only.
	await alex.goto(srv.url("/objectives/5"));
	await Promise.all([alex.waitForNavigation(), alex.click("#changes a[href='/audit?objective=5']")]);
	v = await rows(alex);
	check("/audit?objective=5: objective 5 and its key results", v.length > 0 && v.every((r) =>
		r.href === "/objectives/5" && r.to === "objective 5" || /^\/objectives\/5#kr-\d+$/.test(r.href)), v.slice(0, 6));
	check("…both kinds", v.some((r) => r.to === "objective 5") && v.some((r) => r.to.startsWith("key result")));

	// A leader reads it too.
	const sam = await newPage(browser);
	await login(sam, srv, "sam");
	await get(sam, "audit as a leader", "/audit");
	check("a leader sees the rows", (await rows(sam)).length === 50);

	// Members and viewers: nothing.
	for (const who of ["pat", "vic"]) {
		const p = await newPage(browser);
		await login(p, srv, who);
		check(`${who}: no Audit in the header`, await p.locator("nav a[href='/audit']").count() === 0);
		await get(p, `403 audit as ${who}`, "/audit", 403);
		check(`${who}: a 403 page with no data`, await p.locator("table, form#filters").count() === 0 &&
			!(await mainText(p)).includes("dana"), await mainText(p));
		await get(p, `403 audit as ${who}, filtered`, "/audit?actor=dana", 403);
		await get(p, `objective 5 as ${who}`, "/objectives/5");
		check(`${who}: no Changes on an objective's page`, await p.locator("#changes").count() === 0);
	}

	// JavaScript off: the GET form filters all the same.
	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "alex");
	await nojs.goto(srv.url("/audit"));
	await nojs.selectOption("#actor", "rio");
	await nojs.fill("#from", "2026-11-01");
	// (axe runs in the page: with JavaScript off the answer is checked by its status)
	const [resp] = await Promise.all([nojs.waitForNavigation(), nojs.click("form#filters button[type=submit]")]);
	check("JavaScript off: the filters answer 200", resp.status() === 200, resp.status());
	v = await rows(nojs);
	check("JavaScript off: rio's changes since 2026-11-01", v.length > 0 &&
		v.every((r) => r.who === "rio" && r.at >= "2026-11-01"), v.slice(0, 5));
	vnu();
});
