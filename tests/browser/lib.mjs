// lib.mjs: what every browser test shares: a real `okra serve` on a fresh database, a headless
// Chromium driven by playwright-core, check() and finish() (the last line is "N passed, N failed").
//
//   const srv = await Server.start({demo: true});   // okra demo, serve on 127.0.0.1:0
//   const browser = await launch();
//   const page = await browser.newPage();
//   await login(page, srv, "pat");                  // through the /login form
//   check("the tree shows #4", await page.isVisible("text=Enhance the reliability"));
//   await finish();                                  // closes the browsers, SIGTERMs the servers
//
// The binary is $OKRA (default build/release/okra); OKRA_NOW (default 2026-11-23, a Monday;
// the update day is Wednesday 2026-11-18) is set for the CLI and the server.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OKRA = path.resolve(ROOT, process.env.OKRA || "build/release/okra");
export const NOW = process.env.OKRA_NOW || "2026-11-23";
export const DEMO_PW = "okra-demo-password";
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync"];

let passed = 0, failed = 0;
const servers = [], browsers = [], dirs = [], dbs = [];

// OKRA_TEST_PG (a server's base URI, started by tests/pg) runs everything on PostgreSQL:
// each server gets a fresh database there instead of a SQLite file.
const PG_BASE = process.env.OKRA_TEST_PG || "";
const PG_TOOL = path.join(ROOT, "tests", "pg");

function newDb(dir) {
	if (!PG_BASE)
		return path.join(dir, "okra.db");
	const r = spawnSync(PG_TOOL, ["newdb", PG_BASE], { encoding: "utf8" });
	if (r.status !== 0)
		throw new Error("tests/pg newdb: " + r.stderr);
	const uri = r.stdout.trim();
	dbs.push(uri);
	return uri;
}

function short(x, n = 1500) {
	const s = typeof x === "string" ? x : (() => { try { return JSON.stringify(x, null, 1); } catch { return String(x); } })();
	return s && s.length > n ? s.slice(0, n) + "…" : s;
}

// Count one check; on failure print its name and what was seen.
export function check(name, cond, detail) {
	if (cond) {
		passed++;
		if (process.env.VERBOSE) console.log("ok: " + name);
	} else {
		failed++;
		console.log("FAIL: " + name);
		if (detail !== undefined)
			for (const line of String(short(detail)).split("\n")) console.log("  " + line);
	}
	return !!cond;
}

export function failures() { return failed; }

// Close the browsers, stop the servers (checking their exit and stderr); remove the temp
// directories unless something failed.
export async function cleanup() {
	for (const b of browsers.splice(0)) await b.close().catch(() => {});
	for (const s of servers.slice()) await s.stop();
	for (const d of dirs.splice(0)) {
		if (failed) console.log("kept for a look: " + d);
		else fs.rmSync(d, { recursive: true, force: true });
	}
	for (const uri of dbs.splice(0))
		spawnSync(PG_TOOL, ["dropdb", uri]);
}

// cleanup(), then print the count (the last line) and exit 1 on any failure.
export async function finish() {
	await cleanup();
	console.log(`${passed} passed, ${failed} failed`);
	process.exit(failed ? 1 : 0);
}

// Run body; an exception is one failure (with its stack), and finish() still runs.
export async function main(body) {
	try {
		await body();
	} catch (e) {
		check("the test ran to its end without an exception", false, e && e.stack || String(e));
	}
	await finish();
}

export class Server {
	constructor(dir) {
		this.dir = dir;
		this.db = newDb(dir);
		this.proc = null;
		this.port = 0;
	}

	// A fresh temp database; demo: load the demo company (everyone's password DEMO_PW).
	static async start({ demo = false, setup = null } = {}) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), "okra-browser-"));
		dirs.push(dir);
		const s = new Server(dir);
		if (demo)
			s.okra(["demo", "--password", DEMO_PW]);
		if (setup)
			await setup(s);
		await s.serve();
		return s;
	}

	// The CLI on this database; throws on a non-zero exit. Returns stdout, trimmed.
	okra(args, { stdin = "", as = null } = {}) {
		const argv = ["--db", this.db].concat(as ? ["--as", as] : [], args);
		const p = spawnSync(OKRA, argv, { input: stdin, encoding: "utf8", timeout: 60000,
			env: { ...process.env, OKRA_NOW: NOW } });
		if (p.status !== 0)
			throw new Error(`okra ${args.join(" ")}: exit ${p.status}: ${p.stderr}`);
		return p.stdout.trim();
	}

	async serve() {
		const ready = path.join(this.dir, "port");
		fs.rmSync(ready, { force: true });
		this.errpath = path.join(this.dir, "stderr");
		const err = fs.openSync(this.errpath, "a");
		this.proc = spawn(OKRA, ["--db", this.db, "serve", "--listen", "127.0.0.1:0", "--ready-file",
			ready, "--quiet"], { stdio: ["ignore", "ignore", err], env: { ...process.env, OKRA_NOW: NOW } });
		fs.closeSync(err);
		this.exited = new Promise((res) => this.proc.on("exit", (code, sig) => res({ code, sig })));
		servers.push(this);
		const deadline = Date.now() + 20000;
		while (Date.now() < deadline) {
			if (fs.existsSync(ready)) {
				const t = fs.readFileSync(ready, "utf8").trim();
				if (/^\d+$/.test(t)) {
					this.port = +t;
					this.base = `http://127.0.0.1:${this.port}`;
					return;
				}
			}
			if (this.proc.exitCode !== null) break;
			await new Promise((r) => setTimeout(r, 20));
		}
		throw new Error("okra serve did not start: " + fs.readFileSync(this.errpath, "utf8").slice(-2000));
	}

	url(p) { return this.base + p; }

	// SIGTERM: the server must exit 0 with no sanitizer report on stderr.
	async stop() {
		if (!this.proc) return;
		const proc = this.proc;
		this.proc = null;
		servers.splice(servers.indexOf(this), 1);
		proc.kill("SIGTERM");
		const t = setTimeout(() => proc.kill("SIGKILL"), 30000);
		const { code, sig } = await this.exited;
		clearTimeout(t);
		const err = fs.readFileSync(this.errpath, "utf8");
		check("SIGTERM: the server finishes and exits 0", code === 0, `exit ${code} ${sig || ""}; ${err.slice(-2000)}`);
		const bad = ["ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"].filter((m) => err.includes(m));
		check("no sanitizer report in the server's stderr", bad.length === 0, err.slice(-4000));
	}
}

export async function launch() {
	const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
	browsers.push(b);
	return b;
}

// A context of its own (cookies are per context); opts go to browser.newContext.
export async function newPage(browser, opts = {}) {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
	const page = await ctx.newPage();
	// Problems the page itself reports: a CSP refusal, a script error, a failed load.
	page.problems = [];
	page.on("console", (m) => {
		/* A 4xx page is itself "a resource that failed to load": subresources are checked below. */
		if (m.type() === "error" && !/^Failed to load resource/.test(m.text()))
			page.problems.push(m.text());
	});
	page.on("response", (r) => {
		if (r.status() >= 400 && r.request().resourceType() !== "document" && !/favicon/.test(r.url()))
			page.problems.push(`${r.status()} ${r.url()}`);
	});
	page.on("pageerror", (e) => page.problems.push(String(e)));
	return page;
}

// Sign in through the /login form, as a person would; ends on the tree.
export async function login(page, srv, handle, password = DEMO_PW) {
	await page.goto(srv.url("/login"));
	await page.fill("#handle", handle);
	await page.fill("#password", password);
	await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("button[type=submit]")]);
}

// The visible text of the main content, whitespace squeezed.
export async function mainText(page) {
	return (await page.innerText("main")).replace(/\s+/g, " ");
}

// A due percentage as the tree shows it on an objective card: "42%" for objective id.
export async function cardPct(page, id) {
	const card = page.locator(`.card:has(> .title a[href="/objectives/${id}"])`).first();
	return (await card.locator(".meta .pct").first().innerText()).trim();
}

// Set up an empty company with the CLI: admin alex (password pw), the year FY2026 and its quarters.
export function company(srv, pw = DEMO_PW) {
	srv.okra(["init"]);
	srv.okra(["person", "add", "alex", "--name", "Alex Admin", "--role", "admin", "--joined", "2020-01-01"]);
	srv.okra(["user", "passwd", "alex"], { stdin: pw + "\n" });
	srv.okra(["cycle", "year", "FY2026", "--start", "2026-01-01"]);
}

// The Wednesday company: sam's company objective #1 (one KR, checked in at 50%) and, aligned
// to it, two team objectives with three metric KRs each, every KR and status due this week:
// #2 of dee (KRs 2, 3, 4) and #3 of eli (KRs 5, 6, 7). Each KR: A 0 → 100 %, B 10 → 20 pts,
// C 200 → 100 ms (a target below the start). Everyone's password is DEMO_PW.
export function wednesdayCompany(srv) {
	company(srv);
	srv.okra(["person", "add", "sam", "--name", "Sam Lead", "--role", "leader", "--joined", "2020-01-01"]);
	srv.okra(["person", "add", "dee", "--name", "Dee Ray", "--joined", "2025-01-01"]);
	srv.okra(["person", "add", "eli", "--name", "Eli Stone", "--joined", "2025-01-01"]);
	for (const h of ["sam", "dee", "eli"])
		srv.okra(["user", "passwd", h], { stdin: DEMO_PW + "\n" });
	srv.okra(["team", "add", "core", "--name", "Core", "--member", "dee", "--member", "eli"]);
	srv.okra(["objective", "add", "--cycle", "FY2026-Q4", "--dri", "sam", "--title", "Company goal"]);
	srv.okra(["kr", "add", "1", "--title", "Company KR", "--dri", "sam", "--unit", "x", "--start", "0", "--target", "10"]);
	srv.okra(["checkin", "1", "--value", "5", "--health", "on_track"], { as: "sam" });
	for (const [dri, title] of [["dee", "Dee objective"], ["eli", "Eli objective"]]) {
		const id = srv.okra(["objective", "add", "--cycle", "FY2026-Q4", "--team", "core", "--parent", "1",
			"--dri", dri, "--title", title]);
		srv.okra(["kr", "add", id, "--title", `${dri} KR A`, "--dri", dri, "--unit", "%", "--start", "0", "--target", "100"]);
		srv.okra(["kr", "add", id, "--title", `${dri} KR B`, "--dri", dri, "--unit", "pts", "--start", "10", "--target", "20"]);
		srv.okra(["kr", "add", id, "--title", `${dri} KR C`, "--dri", dri, "--unit", "ms", "--start", "200", "--target", "100"]);
	}
}

// Fill a DRI's /checkin: KR values (A, B, C), their notes, the status health and lines.
export async function fillUpdate(page, obj, krs, values, health) {
	for (let i = 0; i < 3; i++) {
		await page.fill(`#kr-${krs[i]}-value`, values[i]);
		await page.selectOption(`#kr-${krs[i]}-health`, "on_track");
		await page.fill(`#kr-${krs[i]}-note`, `note ${i + 1} for ${krs[i]}`);
	}
	await page.selectOption(`#obj-${obj}-health`, health);
	for (const k of krs)
		await page.fill(`#obj-${obj}-line-${k}`, `line on KR ${k}`);
}

// Accessibility and HTML: audit(page, label, response, status) runs axe-core (WCAG 2.1 A and
// AA) on the live page and saves the raw HTML of the response; vnu() then checks every saved
// page in one run of the Nu HTML Checker (--errors-only): 0 violations, 0 errors each.
// auditor(srv, {strict: true}) runs every axe rule instead (best practices included, and the
// 24 px target-size rule axe leaves off), at each of `widths` (the page's viewport is set to
// each width in turn and restored; the HTML checker reads the markup once).
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
export const VNU = path.join(ROOT, "node_modules/vnu-jar/build/dist/vnu.jar");
export const PHONE = 390;

export async function auditor(srv, { strict = false, widths = [null] } = {}) {
	const { default: AxeBuilder } = await import("@axe-core/playwright");
	const out = path.join(srv.dir, "html");
	const files = new Map(); // file → page label
	fs.mkdirSync(out, { recursive: true });

	async function audit(page, label, resp, status = 200) {
		check(`${label}: status ${status}`, resp && resp.status() === status, resp && resp.status());
		const file = path.join(out, label.replace(/[^A-Za-z0-9]+/g, "_") + ".html");
		fs.writeFileSync(file, await resp.text());
		files.set(file, label);
		check(`${label}: every error message says something`,
			await page.locator(".error:empty, [role=alert]:empty").count() === 0);
		const size = page.viewportSize();
		for (const w of widths) {
			if (w)
				await page.setViewportSize({ width: w, height: size.height });
			const axe = new AxeBuilder({ page });
			if (strict)
				axe.options({ rules: { "target-size": { enabled: true } } });
			else
				axe.withTags(AXE_TAGS);
			const res = await axe.analyze();
			check(`${label}${w ? ` at ${w} px` : ""}: 0 axe violations`, res.violations.length === 0,
				res.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ` +
					v.nodes.map((n) => n.target.join(" ")).slice(0, 4).join(", ")).join("\n"));
		}
		if (size)
			await page.setViewportSize(size);
	}
	return {
		audit,
		// GET p and audit it.
		get: async (page, label, p, status = 200) => audit(page, label, await page.goto(srv.url(p)), status),
		// Click selector (a submit button) and audit the page the form answers with.
		submit: async (page, label, selector, status) => {
			const [resp] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
			await audit(page, label, resp, status);
		},
		// On a machine busy with other work the JVM over a hundred pages took more than two
		// minutes: the limit is there to end a hang, not to time the checker.
		vnu() {
			const v = spawnSync("java", ["-jar", VNU, "--errors-only", "--format", "json", ...files.keys()],
				{ encoding: "utf8", timeout: 900000, maxBuffer: 64 << 20 });
			let report;
			try {
				report = JSON.parse(v.stderr || v.stdout);
			} catch {
				check("vnu.jar ran and reported JSON", false, `${v.status} ${v.error || ""} ${(v.stderr || "").slice(0, 1000)}`);
				return;
			}
			const byFile = new Map();
			for (const m of report.messages) {
				if (m.type !== "error" && m.type !== "non-document-error") continue;
				const f = decodeURIComponent((m.url || "").replace(/^file:/, ""));
				if (!byFile.has(f)) byFile.set(f, []);
				byFile.get(f).push(`${m.lastLine}: ${m.message} ${m.extract ? "[" + m.extract.trim() + "]" : ""}`);
			}
			for (const [file, label] of files)
				check(`${label}: 0 Nu HTML Checker errors`, !byFile.has(file), (byFile.get(file) || []).join("\n"));
			const strays = [...byFile.keys()].filter((f) => !files.has(f));
			check("vnu: no errors outside the pages", strays.length === 0,
				strays.map((f) => f + ": " + byFile.get(f).join("; ")));
		},
	};
}

// The end of a quarter on /objectives/{id}, as its DRI: Close is disabled with the reason until
// the retro is final (a draft, then a final retro that is too short, do not enable it); the
// server refuses a close posted anyway; a final retro enables it and closing makes the page
// read-only. With JavaScript, okra.js asks first: dismissed, nothing closes; accepted, it does.
export async function retroAndClose(page, srv, id, js) {
	const url = srv.url(`/objectives/${id}`);
	const why = "Closing needs a final retro first.";
	const closeDisabled = async () => await page.locator("form#close button[type=submit]").isDisabled() &&
		(await page.innerText("#close-why")).trim() === why &&
		await page.getAttribute("form#close button[type=submit]", "aria-describedby") === "close-why";
	const label = js ? "JS" : "no JS";
	const retro = async (good, bad, tryy, final) => {
		await page.fill("#retro-good", good.join("\n"));
		await page.fill("#retro-bad", bad.join("\n"));
		await page.fill("#retro-try", tryy.join("\n"));
		await page.setChecked("#retro-final", final);
		const [resp] = await Promise.all([page.waitForNavigation(), page.click("form#retro button[type=submit]")]);
		return resp;
	};

	await page.goto(url);
	check(`${label}: Close is disabled and says why before any retro`, await closeDisabled());
	let resp = await retro(["Shipped on time"], [], [], false);
	check(`${label}: a draft retro is saved`, resp.status() === 200 && new URL(page.url()).hash === "#retro", page.url());
	check(`${label}: the draft is kept in the form`, await page.inputValue("#retro-good") === "Shipped on time\n");
	check(`${label}: after a draft retro Close is still disabled`, await closeDisabled());

	resp = await retro(["Only one good point"], ["One bad"], ["One try"], true);
	check(`${label}: a final retro with one point a section is refused (422)`, resp.status() === 422, resp.status());
	const err = await page.locator("form#retro .error").innerText().catch(() => "");
	check(`${label}: the retro form says why`, /2|two|three|R11/i.test(err), err);
	check(`${label}: the typed retro is kept`, await page.inputValue("#retro-good") === "Only one good point" &&
		await page.isChecked("#retro-final"), `${JSON.stringify(await page.inputValue("#retro-good"))} ` +
		`final: ${await page.isChecked("#retro-final")}`);
	check(`${label}: Close still disabled`, await closeDisabled());

	// A close posted anyway (the button is disabled, a script is not) is refused and says why.
	const csrf = await page.getAttribute("form#close input[name=_csrf]", "value");
	const forced = await page.context().request.post(srv.url(`/objectives/${id}/close`), {
		form: { _csrf: csrf }, headers: { Origin: srv.base }, maxRedirects: 0 });
	check(`${label}: a close posted before the final retro is refused`, forced.status() === 409 &&
		(await forced.text()).includes("retro"), `${forced.status()} ${(await forced.text()).slice(0, 200)}`);

	resp = await retro(["Uptime held at 99.99%", "Migration tooling reused"], ["Vendor contract late", "Survey too small"],
		["Sign contracts early", "Survey every customer"], true);
	check(`${label}: the final retro is saved`, resp.status() === 200);
	check(`${label}: Close is enabled once the retro is final`,
		await page.locator("form#close button[type=submit]").isEnabled() && await page.locator("#close-why").count() === 0);
	check(`${label}: the description ends with the retro`, (await page.innerText(".description")).includes("Survey every customer"));

	if (js) {
		const asked = [];
		const dismiss = (d) => { asked.push(d.message()); d.dismiss(); };
		page.on("dialog", dismiss);
		await page.click("form#close button[type=submit]");
		await page.waitForTimeout(300);
		page.off("dialog", dismiss);
		check("JS: Close asks first", asked.length === 1 && asked[0].includes("read-only"), asked);
		check("JS: dismissed, the objective stays open", await page.locator("form#close").count() === 1 &&
			!(await page.innerText("main")).includes("closed and read-only"));
		page.once("dialog", (d) => d.accept());
	}
	resp = (await Promise.all([page.waitForNavigation(), page.click("form#close button[type=submit]")]))[0];
	const text = await mainText(page);
	check(`${label}: closing ends on the objective, closed`, resp.status() === 200 && text.includes("This objective is closed and read-only"),
		`${resp.status()} ${text.slice(0, 300)}`);
	check(`${label}: a closed objective has no forms`, await page.locator("main form").count() === 0);
	check(`${label}: a closed objective is tagged Closed`, await page.locator(".meta .tag:text-is('Closed')").count() === 1);
	await page.goto(srv.url("/"));
	check(`${label}: the tree tags it Closed`,
		await page.locator(`.card:has(> .title a[href="/objectives/${id}"]) .tag:text-is("Closed")`).count() === 1);
}

// Post fields to action as a form the page does not draw (R14: it shows only the forms the
// person may use), with the session's CSRF token from the sign-out form; resolves with the
// response of the page the post answers with.
export async function forcePost(page, action, fields) {
	await page.evaluate(([action, fields]) => {
		const f = document.createElement("form");
		f.method = "post";
		f.action = action;
		f.id = "forced";
		const add = (name, value) => {
			const i = document.createElement("input");
			i.type = "hidden";
			i.name = name;
			i.value = value;
			f.appendChild(i);
		};
		add("_csrf", document.querySelector("form[action='/logout'] input[name=_csrf]").value);
		for (const [k, v] of Object.entries(fields))
			add(k, v);
		document.body.appendChild(f);
	}, [action, fields]);
	const [resp] = await Promise.all([page.waitForNavigation(), page.evaluate(() => document.getElementById("forced").submit())]);
	return resp;
}
