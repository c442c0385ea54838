// t67-sources: a metric KR's source on the objective page (issue 21 item 9): its DRI sets the
// seeds' uptime KR to read a JSON URL (served here by a real HTTP server on 127.0.0.1), reads it
// now (a check-in of source integration, the health kept), sees a failing read's error (422,
// nothing recorded) and a refused form again with the typed value kept and the message beside
// the field; the same with JavaScript off; axe at desktop and 390 px, vnu on every page.
import http from "node:http";
import { Server, launch, newPage, login, check, main, auditor, mainText, PHONE } from "./lib.mjs";

const KR = 9; // "Achieve 99.99% uptime for all hosting services", DRI rio, objective 4
const OBJ = 4;

await main(async () => {
	const web = http.createServer((q, a) => {
		if (q.url.startsWith("/status.json")) {
			a.writeHead(200, { "Content-Type": "application/json" });
			a.end(JSON.stringify({ uptime: { ratio: "99.97" } }));
		} else {
			a.writeHead(503, { "Content-Type": "text/plain" });
			a.end("down");
		}
	});
	await new Promise((res) => web.listen(0, "127.0.0.1", res));
	const WEB = `http://127.0.0.1:${web.address().port}`;
	const srv = await Server.start({ demo: true });
	const { get, submit, vnu } = await auditor(srv, { widths: [null, PHONE] });
	const browser = await launch();
	const integration = () => JSON.parse(srv.okra(["kr", "show", String(KR), "--json"]))
		.checkins.filter((c) => c.source === "integration");

	const page = await newPage(browser);
	await login(page, srv, "rio");
	await get(page, "objective page, a KR without a source", `/objectives/${OBJ}`);
	check("its DRI is offered the source form",
		await page.locator(`#source-${KR}`).count() === 1);

	// Refused: an ftp URL comes back with the typed values and the message beside the field.
	await page.locator(`details:has(#source-${KR}) summary`).click();
	await page.selectOption(`#source-${KR}-kind`, "json");
	await page.fill(`#source-${KR}-url`, "ftp://example.com/x");
	await page.fill(`#source-${KR}-query`, "/uptime/ratio");
	await submit(page, "source form refused", `#source-${KR} button[type=submit]`, 422);
	check("the typed URL is kept", await page.inputValue(`#source-${KR}-url`) === "ftp://example.com/x");
	check("the message is beside the URL",
		(await page.locator(`#source-${KR}-url-error`).innerText()).includes("http:// or https://"));

	// Saved, then read now.
	await page.fill(`#source-${KR}-url`, `${WEB}/status.json?key=s3cret`);
	await submit(page, "source saved", `#source-${KR} button[type=submit]`, 200);
	const text = await mainText(page);
	check("the KR says what it reads", text.includes("Reads itself from json"), text);
	check("the URL's secret is never drawn", !(await page.content()).includes("s3cret"));
	const before = integration().length;
	await submit(page, "read now", `#source-read-${KR} button[type=submit]`, 200);
	const made = integration();
	check("Read now: a check-in of source integration", made.length === before + 1, made);
	check("…of the JSON page's value, the DRI's health kept",
		made.length && made[made.length - 1].value === 99.97 && made[made.length - 1].health === "on_track",
		made[made.length - 1]);
	check("the page shows the last reading", (await mainText(page)).includes("Last reading 99.97"));

	// A source that fails: 422, its error shown, nothing recorded.
	await page.locator(`details:has(#source-${KR}) summary`).click();
	await page.fill(`#source-${KR}-url`, `${WEB}/down`);
	await submit(page, "source changed to a failing one", `#source-${KR} button[type=submit]`, 200);
	await submit(page, "a failing read", `#source-read-${KR} button[type=submit]`, 422);
	check("the failure says why", (await mainText(page)).includes("answered HTTP 503"));
	check("nothing recorded", integration().length === before + 1);
	await get(page, "the objective page with the last error", `/objectives/${OBJ}`);
	check("the last error is shown with when", (await mainText(page)).includes("Last read failed at"));

	// Someone else's KR: no form (sam is not rio and not the objective's DRI).
	const viewer = await newPage(browser);
	await login(viewer, srv, "alex");
	await get(viewer, "objective page as an admin", `/objectives/${OBJ}`);
	check("an admin may set it too", await viewer.locator(`#source-${KR}`).count() === 1);

	// JavaScript off: set, read and stop reading, each a plain POST and redirect.
	const nojs = await newPage(browser, { javaScriptEnabled: false });
	await login(nojs, srv, "rio");
	await nojs.goto(srv.url(`/objectives/${OBJ}`));
	await nojs.locator(`details:has(#source-${KR}) summary`).click();
	await nojs.fill(`#source-${KR}-url`, `${WEB}/status.json`);
	await Promise.all([nojs.waitForNavigation(), nojs.click(`#source-${KR} button[type=submit]`)]);
	await Promise.all([nojs.waitForNavigation(), nojs.click(`#source-read-${KR} button[type=submit]`)]);
	check("no JS: Read now records a reading", integration().length === before + 2);
	await Promise.all([nojs.waitForNavigation(), nojs.click(`#source-clear-${KR} button[type=submit]`)]);
	check("no JS: Stop reading clears it", !(await mainText(nojs)).includes("Reads itself from"));

	await browser.close();
	vnu();
	await srv.stop();
	web.close();
});
