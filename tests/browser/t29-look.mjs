// t29-look: the pages look the same everywhere and stay usable on a phone: the sign-in handle and
// the date inputs are styled like every other input; on a 390 px phone the charts' labels are at
// least 11 px tall as drawn, every scrolling table is reachable by keyboard (a named region one
// can tab to), and every control is a tap target of at least 24 px (axe's target-size rule).
import { Server, launch, newPage, login, check, main, PHONE } from "./lib.mjs";

// The computed look of an input: what makes a form control match the others.
const LOOK = ["borderTopWidth", "borderTopStyle", "borderTopColor", "borderTopLeftRadius",
	"paddingTop", "paddingLeft", "fontSize", "fontFamily", "backgroundColor", "color"];

async function look(page, selector) {
	return page.locator(selector).first().evaluate((el, keys) => {
		const cs = getComputedStyle(el);
		return Object.fromEntries(keys.map((k) => [k, cs[k]]));
	}, LOOK);
}

function same(name, a, b) {
	const diff = LOOK.filter((k) => a[k] !== b[k]).map((k) => `${k}: ${a[k]} vs ${b[k]}`);
	check(name, diff.length === 0, diff.join("\n"));
}

// The rendered height, in CSS px, of the font of each text of each chart on the page.
async function chartFonts(page) {
	return page.locator("figure.chart svg text").evaluateAll((texts) => texts.map((t) => {
		const m = t.getScreenCTM();
		return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
	}));
}

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();

	const anon = await newPage(browser);
	await anon.goto(srv.url("/login"));
	same("the sign-in handle looks like the password input", await look(anon, "#handle"),
		await look(anon, "#password"));

	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	await pat.goto(srv.url("/"));
	same("the tree's date input looks like its selects", await look(pat, "#as_of"), await look(pat, "#cycle"));
	same("the tree's date input looks like a text input", await look(pat, "#as_of"),
		await (async () => { await pat.goto(srv.url("/objectives/4")); return look(pat, "input[type=text]"); })());

	const phone = await newPage(browser, { viewport: { width: PHONE, height: 844 } });
	await login(phone, srv, "pat");
	for (const id of [2, 4]) {
		await phone.goto(srv.url(`/objectives/${id}`));
		const fonts = await chartFonts(phone);
		check(`#${id} at ${PHONE} px: the page has charts with labels`, fonts.length > 0, fonts);
		const small = fonts.filter((f) => f < 11);
		check(`#${id} at ${PHONE} px: every chart label is at least 11 px tall`, small.length === 0,
			fonts.map((f) => f.toFixed(1)).join(" "));
		const desk = await newPage(browser);
		await login(desk, srv, "pat");
		await desk.goto(srv.url(`/objectives/${id}`));
		const big = (await chartFonts(desk)).filter((f) => f > 16);
		check(`#${id} at 1280 px: chart labels stay modest (at most 16 px)`, big.length === 0, big);
	}

	// Every scrolling wrapper can take the keyboard focus and is named (a region).
	await phone.goto(srv.url("/objectives/2"));
	const wrappers = await phone.locator(".scroll").evaluateAll((els) => els.map((e) => ({
		tab: e.getAttribute("tabindex"), role: e.getAttribute("role"), name: e.getAttribute("aria-label"),
		scrolls: e.scrollWidth > e.clientWidth })));
	check("#2 at 390 px: a table scrolls sideways", wrappers.some((w) => w.scrolls), wrappers);
	check("#2: every scrolling table is a named region one can tab to",
		wrappers.length > 0 && wrappers.every((w) => w.tab === "0" && w.role === "region" && w.name), wrappers);
	// Tab reaches the history table's wrapper, and the arrow keys then scroll it.
	let reached = false;
	for (let i = 0; i < 200 && !reached; i++) {
		await phone.keyboard.press("Tab");
		reached = await phone.evaluate(() => document.activeElement === [...document.querySelectorAll(".scroll")].pop());
	}
	check("#2: Tab reaches the history table's wrapper", reached);
	await phone.keyboard.press("ArrowRight");
	const moved = await phone.waitForFunction(() => [...document.querySelectorAll(".scroll")].pop().scrollLeft > 0,
		null, { timeout: 10000 }).then(() => true, () => false);
	check("#2: the arrow keys scroll the focused history table", moved);

	for (const p of [anon, pat, phone])
		check("no page problems (CSP, script errors, failed assets)", p.problems.length === 0, p.problems);
});
