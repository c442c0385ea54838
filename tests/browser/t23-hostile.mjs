// t23-hostile: hostile text in every field that takes text (objective title and context, KR
// title and unit, criterion and initiative titles, check-in notes, status lines, retro
// bullets, person and team names, a typed handle) shows as text on every page: no dialog
// opens, no element is injected, no javascript: link exists, and the text is there to read.
// The context (and the description built from it) is Markdown: raw HTML in it is never
// rendered but shown as the text it is. Comments are Markdown too: on the objective page, in
// /me's mentions and in /search's excerpts.
import { Server, launch, newPage, login, check, main, company, DEMO_PW } from "./lib.mjs";

const LS = "\u2028";
const EVIL = `<script>alert(1)</script> "'><img src=x onerror=alert(1)> [x](javascript:alert(1)) a${LS}b`;
const H = (tag) => `${tag} ${EVIL}`;
const VISIBLE = `<script>alert(1)</script> "'><img src=x onerror=alert(1)> [x](javascript:alert(1)) a`;
const UNIT = `"><img src=x onerror=alert(1)>`; // units are at most 32 bytes
const CONTEXT = `${H("CONTEXT")}\n\n<img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\n` +
	`[click me](javascript:alert(1)) and <a href="javascript:alert(1)">raw</a>`;

await main(async () => {
	const srv = await Server.start({
		setup: (s) => {
			company(s);
			s.okra(["person", "add", "hx", "--name", H("PERSON"), "--joined", "2025-01-01"]);
			s.okra(["user", "passwd", "hx"], { stdin: DEMO_PW + "\n" });
			s.okra(["team", "add", "hteam", "--name", H("TEAM"), "--member", "hx"]);
			s.okra(["objective", "add", "--cycle", "FY2026-Q4", "--team", "hteam", "--dri", "hx",
				"--title", H("OBJECTIVE"), "--context", CONTEXT]);
			s.okra(["kr", "add", "1", "--title", H("KRMETRIC"), "--dri", "hx", "--unit", UNIT, "--start", "0", "--target", "10"]);
			s.okra(["kr", "add", "1", "--title", H("KRCRIT"), "--dri", "hx", "--criteria"]);
			s.okra(["criterion", "add", "2", "--ref", "g/p#1", "--contribution", "50", "--title", H("CRITERION")]);
			s.okra(["initiative", "add", "1", "--title", H("INITIATIVE"), "--ref", "g/p&2"]);
			// The conversation: comments are Markdown, as the context is.
			s.okra(["comment", "add", "--objective", "1", "--body", CONTEXT.replace("CONTEXT", "COMMENT")], { as: "hx" });
			s.okra(["comment", "add", "--kr", "1", "--body", `${H("KRCOMMENT")} @hx`], { as: "hx" });
			// A mention of hx by another, for hx's /me.
			s.okra(["comment", "add", "--objective", "1", "--body", `${H("MENTION")} @hx`], { as: "alex" });
		},
	});
	const browser = await launch();
	const page = await newPage(browser);
	const dialogs = [];
	page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });

	// No injected element, no inline script, no javascript: URL, no dialog; each tag's text readable.
	async function inspect(label, tags, values = {}) {
		const dom = await page.evaluate(() => ({
			imgs: document.querySelectorAll('img[src="x"], img, [onerror], [onclick], [onload]').length,
			scripts: [...document.scripts].filter((s) => !s.src.endsWith("/static/okra.js") || s.text.trim()).length,
			js: [...document.querySelectorAll("[href], [src], [action]")].filter((e) =>
				/^\s*javascript:/i.test(e.getAttribute("href") || e.getAttribute("src") || e.getAttribute("action") || "")).length,
			text: document.body.innerText,
			content: document.body.textContent,
		}));
		check(`${label}: no injected element`, dom.imgs === 0, dom.imgs);
		check(`${label}: no script but okra.js`, dom.scripts === 0, dom.scripts);
		check(`${label}: no javascript: URL`, dom.js === 0, dom.js);
		check(`${label}: no dialog`, dialogs.length === 0, dialogs);
		for (const t of tags) {
			check(`${label}: ${t} shows as text`, dom.text.includes(`${t} ${VISIBLE}`),
				dom.text.slice(0, 3000));
			check(`${label}: ${t} keeps U+2028`, dom.content.includes(`${t} ${EVIL}`) ||
				dom.content.includes(`${t} ${VISIBLE}${LS}b`));
		}
		for (const [sel, v] of Object.entries(values))
			check(`${label}: ${sel} holds the text exactly`, await page.inputValue(sel) === v,
				await page.inputValue(sel).catch((e) => String(e)));
	}

	// The sign-in page keeps a hostile handle, as text.
	await page.goto(srv.url("/login"));
	await page.fill("#handle", H("HANDLE"));
	await page.fill("#password", "wrong");
	await Promise.all([page.waitForNavigation(), page.click("button[type=submit]")]);
	await inspect("/login, wrong password", [], { "#handle": H("HANDLE") });

	await login(page, srv, "hx");
	await page.goto(srv.url("/checkin"));
	await inspect("/checkin", ["PERSON", "OBJECTIVE", "KRMETRIC", "KRCRIT"]);
	check("/checkin: the unit shows as text", (await page.innerText("label[for=kr-1-value]")).includes(UNIT));

	// The whole update, hostile notes and lines, in one submission (each health chosen: nothing
	// is chosen for a KR never updated).
	await page.fill("#kr-1-value", "5");
	await page.selectOption("#kr-1-health", "on_track");
	await page.selectOption("#kr-2-health", "on_track");
	await page.selectOption("#obj-1-health", "on_track");
	await page.fill("#kr-1-note", H("NOTE1"));
	await page.fill("#kr-2-note", H("NOTE2"));
	await page.fill("#obj-1-line-1", H("LINE1"));
	await page.fill("#obj-1-line-2", H("LINE2"));
	await Promise.all([page.waitForURL(/saved=1/), page.click("main form button[type=submit]")]);
	check("the hostile update is saved", (await page.innerText("main")).includes("Saved."));

	// The retro, hostile bullets, from the objective page's form.
	await page.goto(srv.url("/objectives/1"));
	await page.fill("#retro-good", `${H("GOOD1")}\n${H("GOOD2")}`);
	await page.fill("#retro-bad", `${H("BAD1")}\n${H("BAD2")}`);
	await page.fill("#retro-try", `${H("TRY1")}\n${H("TRY2")}`);
	await page.check("#retro-final");
	await Promise.all([page.waitForURL(/#retro$/), page.click("form#retro button[type=submit]")]);

	await page.goto(srv.url("/objectives/1"));
	await inspect("/objectives/1", ["PERSON", "OBJECTIVE", "KRMETRIC", "KRCRIT", "CRITERION",
		"INITIATIVE", "NOTE1", "NOTE2", "LINE1", "LINE2"], {
		"#retro-good": `${H("GOOD1")}\n${H("GOOD2")}\n`,
		"#retro-bad": `${H("BAD1")}\n${H("BAD2")}\n`,
		"#retro-try": `${H("TRY1")}\n${H("TRY2")}\n`,
	});
	check("/objectives/1: the unit shows as text", (await page.innerText("#kr-1 .meta")).includes(UNIT));
	// The context is Markdown; raw HTML in it is never rendered (DESIGN §5) but shown as text.
	const desc = await page.locator(".description").evaluate((e) => ({ text: e.innerText, content: e.textContent }));
	check("/objectives/1: the Markdown context shows its tags as text",
		desc.text.includes("CONTEXT <script>alert(1)</script>") &&
		desc.text.includes("<img src=x onerror=alert(1)>") &&
		desc.text.includes('<a href="javascript:alert(1)">raw</a>'), desc.text);
	check("/objectives/1: nothing in the description became an element",
		await page.locator(".description img, .description script, .description a[href^='javascript']").count() === 0);
	check("/objectives/1: the Markdown context keeps U+2028", desc.content.includes(`a${LS}b`));
	check("/objectives/1: the Markdown link to javascript: is no link",
		await page.locator('.description a:has-text("click me")[href]:not([href=""])').count() === 0);

	// Comments: Markdown, raw HTML shown as text, never an element or a javascript: link.
	const conv = await page.locator("section.conversation").evaluate((e) => ({ text: e.innerText, content: e.textContent }));
	check("/objectives/1: a comment shows its tags as text",
		conv.text.includes("COMMENT <script>alert(1)</script>") && conv.text.includes("<img src=x onerror=alert(1)>") &&
		conv.text.includes('<a href="javascript:alert(1)">raw</a>') && conv.text.includes(`KRCOMMENT <script>alert(1)</script>`),
		conv.text);
	check("/objectives/1: nothing in a comment became an element",
		await page.locator("section.conversation .comment-body :is(img, script, a[href^='javascript'], iframe)").count() === 0);
	check("/objectives/1: a comment keeps U+2028", conv.content.includes(`a${LS}b`));
	check("/objectives/1: a comment's author's hostile name shows as text", conv.text.includes(`PERSON ${VISIBLE}`));
	// A refused comment (too long) comes back with the hostile text as typed.
	const typed = `${H("TYPEDCOMMENT")} ${"x".repeat(20000)}`;
	await page.fill("#comments-new", typed);
	const [cr] = await Promise.all([page.waitForNavigation(), page.click("form:has(#comments-new) button[type=submit]")]);
	check("a refused comment: 422", cr.status() === 422, cr.status());
	await inspect("/objectives/1, refused comment", ["OBJECTIVE"], { "#comments-new": typed });
	await page.goto(srv.url("/objectives/1"));

	// Every other page that shows a comment: /me (a mention, on the hostile objective) and /search
	// (a comment's excerpt, its matches marked).
	await page.goto(srv.url("/me"));
	await inspect("/me, a mention", ["OBJECTIVE"]);
	check("/me: alex's mention is there", (await page.innerText("ul.notices")).includes("alex mentioned you"));
	await page.goto(srv.url("/search?q=comment"));
	await inspect("/search, a comment found", []);
	const hits = await page.locator("ol.hits").evaluate((e) => ({ text: e.innerText, marks: e.querySelectorAll("mark").length }));
	check("/search: the comment's excerpt shows its tags as text",
		hits.marks > 0 && hits.text.includes("COMMENT") && hits.text.includes("alert(1)"), hits.text);
	check("/search: nothing in an excerpt became an element",
		await page.locator("ol.hits :is(img, script, iframe, a[href^='javascript'])").count() === 0);
	await page.goto(srv.url("/objectives/1"));

	// A refused check-in comes back with the hostile note as typed.
	await page.fill("#v1", "not a number");
	await page.fill("#n1", H("TYPED"));
	const [resp] = await Promise.all([page.waitForNavigation(), page.click("#kr-1 form[action='/key-results/1/checkin'] button[type=submit]")]);
	check("a refused check-in: 422", resp.status() === 422, resp.status());
	await inspect("/objectives/1, refused check-in", ["OBJECTIVE", "KRMETRIC"], { "#n1": H("TYPED"), "#v1": "not a number" });

	for (const p of ["/", "/cycles/FY2026-Q4", "/?team=hteam", "/?person=hx&health=on_track&team=hteam"]) {
		await page.goto(srv.url(p));
		await inspect(p, ["PERSON", "OBJECTIVE", "KRMETRIC", "KRCRIT", "TEAM"]);
		check(`${p}: the unit shows as text`, (await page.innerText("main")).includes(UNIT));
	}
	// The view downloaded: the hostile titles are in the CSV and the Markdown as the text they are.
	await page.goto(srv.url("/?person=hx&team=hteam"));
	const files = await page.evaluate(async () => Promise.all([...document.querySelectorAll("p.export a")].map(
		async (a) => [a.getAttribute("href"), (await fetch(a.getAttribute("href"))).text()]).map(async (x) => {
		const [href, text] = await x;
		return [href, await text];
	})));
	const csv = files.find(([h]) => h.endsWith("format=csv"))[1];
	const md = files.find(([h]) => h.endsWith("format=md"))[1];
	check("export: the CSV holds the hostile title in one quoted cell, quotes doubled",
		csv.includes(`"OBJECTIVE ${EVIL.replaceAll('"', '""')}"`), csv.slice(0, 600));
	check("export: the Markdown is okra export's for the objective",
		md === srv.okra(["export", "--format", "md", "--cycle", "FY2026-Q4"]) + "\n", md.slice(0, 600));
	await page.goto(srv.url("/teams/hteam"));
	await inspect("/teams/hteam", ["PERSON", "TEAM", "OBJECTIVE", "KRMETRIC"]);
	check("/teams/hteam: the team name is the heading", (await page.innerText("h1")).startsWith(`TEAM ${VISIBLE}`));
	await page.goto(srv.url("/people/hx"));
	await inspect("/people/hx", ["PERSON", "TEAM", "OBJECTIVE", "KRMETRIC", "KRCRIT"]);
	check("/people/hx: the name is the heading", (await page.innerText("h1")).startsWith(`PERSON ${VISIBLE}`));
	check("/people/hx: the title is the name", (await page.title()).startsWith(`PERSON ${VISIBLE.slice(0, 20)}`),
		await page.title());

	check("no page problems (CSP, script errors, failed assets)", page.problems.length === 0, page.problems);
});
