// t64-filters: the tree filters and the export links (issue 19 items 6 and 7) on the demo company.
// Each filter alone and two or three combined show on `/` exactly the objectives GET /api/v1/tree
// gives with the same filters and exactly those computed here from the unfiltered API tree and
// `okra --json due` (an ancestor of a match shown as context, marked so); "owes an update" is
// what okra due names; the form keeps what was asked and submitting it asks the same; an empty
// result says so; the team and cycle pages filter too; the download links carry the filters and
// give attachments (CSV, the Markdown okra export prints, the JSON tree); a bad value is a 400 page.
import { Server, launch, newPage, login, check, main, auditor } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({
		demo: true,
		// A deeper branch: lou's saas objective aligned under dana's #5.
		setup: (s) => s.okra(["objective", "add", "--cycle", "FY2026-Q4", "--team", "saas", "--parent", "5",
			"--dri", "lou", "--title", "Provisioning docs people finish"]),
	});
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv);
	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	const api = (q) => pat.evaluate(async (q) => {
		const r = await fetch("/api/v1/tree?" + q);
		return { status: r.status, json: await r.json(), disp: r.headers.get("Content-Disposition") };
	}, q);

	// The unfiltered tree and who owes, to compute every expectation independently.
	const full = (await api("")).json;
	const objs = new Map(), parent = new Map();
	const walk = (o, up) => {
		objs.set(o.id, o);
		parent.set(o.id, up);
		o.children.forEach((c) => walk(c, o.id));
	};
	full.objectives.forEach((o) => walk(o, null));
	const due = JSON.parse(srv.okra(["--json", "due"])).due.filter((d) => objs.has(d.objective));
	check("someone owes an update in this quarter", due.length > 0, due);
	const inTeam = (id, team) => {
		for (let i = id; i !== null; i = parent.get(i))
			if (objs.get(i).team === team) return true;
		return false;
	};
	const driOf = (o, h) => o.dri === h || o.key_results.some((k) => k.dri === h);
	function expect({ handles = [], team = null, health = [], behind = false, owes = false }) {
		const match = new Set();
		for (const [id, o] of objs) {
			if (handles.some((h) => !driOf(o, h))) continue;
			if (team && !inTeam(id, team)) continue;
			if (health.length && !health.includes(o.health)) continue;
			if (behind && !(o.pace && o.pace.suggested_health !== "on_track")) continue;
			if (owes && !due.some((d) => d.objective === id && (!handles.length || handles.includes(d.dri)))) continue;
			match.add(id);
		}
		const shown = new Set();
		for (const id of match)
			for (let i = id; i !== null; i = parent.get(i)) shown.add(i);
		return { match, shown };
	}
	const fromApi = (json) => {
		const match = new Set(), shown = new Set();
		const rec = (o) => {
			shown.add(o.id);
			if (o.matched) match.add(o.id);
			o.children.forEach(rec);
		};
		json.objectives.forEach(rec);
		return { match, shown };
	};
	const fromPage = async (page) => {
		const cards = await page.$$eval(".card[data-objective]", (cs) => cs.map((c) =>
			[Number(c.dataset.objective), c.classList.contains("context")]));
		return { match: new Set(cards.filter(([, ctx]) => !ctx).map(([id]) => id)),
			shown: new Set(cards.map(([id]) => id)) };
	};
	const same = (a, b) => a.size === b.size && [...a].every((x) => b.has(x));
	const show = (s) => [...s].sort((x, y) => x - y).join(",");

	const cases = [
		["mine=1", { handles: ["pat"] }],
		["person=lou", { handles: ["lou"] }],
		["team=saas", { team: "saas" }],
		["health=at_risk", { health: ["at_risk"] }],
		["health=on_track&health=needs_attention", { health: ["on_track", "needs_attention"] }],
		["behind=1", { behind: true }],
		["owes=1", { owes: true }],
		["team=saas&owes=1", { team: "saas", owes: true }],
		["person=dana&health=needs_attention", { handles: ["dana"], health: ["needs_attention"] }],
		["mine=1&owes=1&behind=1", { handles: ["pat"], owes: true, behind: true }],
	];
	let narrowed = 0;
	for (const [q, f] of cases) {
		const want = expect(f);
		const a = await api(q);
		const got = fromApi(a.json);
		check(`${q}: the API gives exactly the objectives that match`, a.status === 200 && same(got.match, want.match),
			[show(got.match), show(want.match)]);
		check(`${q}: and their ancestors for context`, same(got.shown, want.shown), [show(got.shown), show(want.shown)]);
		await get(pat, `tree filtered ${q}`, "/?" + q);
		const page = await fromPage(pat);
		check(`${q}: the page shows the same objectives, context marked`,
			same(page.match, want.match) && same(page.shown, want.shown),
			[show(page.match), show(want.match), show(page.shown), show(want.shown)]);
		check(`${q}: an empty result says so, only then`,
			(await pat.locator("#no-match").count()) === (want.match.size ? 0 : 1));
		narrowed += want.shown.size < objs.size && want.match.size > 0;
	}
	check("most filters leave something out and keep something", narrowed >= 6, narrowed);
	const owes = expect({ owes: true }).match;
	check("owes an update: exactly the objectives okra due names", same(owes, new Set(due.map((d) => d.objective))),
		[show(owes), due]);

	// The form keeps what was asked; submitting it asks the same again.
	await get(pat, "tree filtered, three at once", "/?person=lou&health=on_track&health=needs_attention&owes=1");
	check("the form keeps the person, each health ticked and owes",
		(await pat.inputValue("#person")) === "lou" && await pat.isChecked("#health-on_track") &&
		await pat.isChecked("#health-needs_attention") && !(await pat.isChecked("#health-at_risk")) &&
		await pat.isChecked("#owes") && !(await pat.isChecked("#mine")) && !(await pat.isChecked("#behind")));
	await pat.goto(srv.url("/"));
	await pat.check("#behind");
	await pat.check("#health-at_risk");
	await submit(pat, "tree, the filter form submitted", "form.filters button[type=submit]");
	const url = new URL(pat.url());
	check("the form asks behind=1 and health=at_risk", url.searchParams.get("behind") === "1" &&
		url.searchParams.getAll("health").join() === "at_risk", pat.url());
	const want = expect({ behind: true, health: ["at_risk"] });
	const page = await fromPage(pat);
	check("the submitted form shows what the API gives", same(page.match, want.match) && same(page.shown, want.shown),
		[show(page.match), show(want.match)]);

	// Nothing matches: it says so.
	await get(pat, "tree filtered, nothing matches", "/?person=lou&team=platform");
	check("an empty result says so and shows no card", (await pat.locator("#no-match").count()) === 1 &&
		(await pat.locator(".card[data-objective]").count()) === 0);

	// The cycle and team pages filter too.
	await get(pat, "cycle page filtered", "/cycles/FY2026-Q4?owes=1");
	check("the cycle page filters", same((await fromPage(pat)).match, owes));
	await get(pat, "team page filtered", "/teams/saas?person=lou");
	const saasLou = expect({ team: "saas", handles: ["lou"] });
	check("the team page filters within its team", same((await fromPage(pat)).match, saasLou.match),
		show((await fromPage(pat)).match));

	// The download links carry the view's filters and give attachments.
	await get(pat, "tree filtered for export", "/?team=saas&owes=1");
	const links = await pat.$$eval("p.export a", (as) => as.map((a) => a.getAttribute("href")));
	check("three download links: CSV, Markdown, JSON", links.length === 3 &&
		links.every((l) => l.startsWith("/api/v1/tree?") && l.includes("team=saas") && l.includes("owes=1")), links);
	const files = await pat.evaluate(async (links) => Promise.all(links.map(async (l) => {
		const r = await fetch(l);
		return { status: r.status, type: r.headers.get("Content-Type"), disp: r.headers.get("Content-Disposition"),
			text: await r.text() };
	})), links);
	check("each is an attachment named after the view", files.every((f) => f.status === 200 &&
		/^attachment; filename="okra-FY2026-Q4-saas-filtered\.(csv|md|json)"$/.test(f.disp)), files.map((f) => f.disp));
	const csvIds = files[0].text.split("\r\n").slice(1).filter((l) => l.startsWith("objective,"))
		.map((l) => Number(l.split(",")[1]));
	const wantExport = expect({ team: "saas", owes: true });
	check("the CSV has the view's objectives", same(new Set(csvIds), wantExport.shown), [csvIds, show(wantExport.shown)]);
	check("the JSON is the filtered tree", same(fromApi(JSON.parse(files[2].text)).match, wantExport.match));
	await get(pat, "tree unfiltered, export links", "/");
	const mdLink = await pat.getAttribute('p.export a[href$="format=md"]', "href");
	const md = await pat.evaluate(async (l) => (await fetch(l)).text(), mdLink);
	check("the unfiltered view's Markdown is what okra export prints for the cycle",
		md === srv.okra(["export", "--format", "md", "--cycle", "FY2026-Q4"]) + "\n");

	// Bad values: a 400 page, never a 5xx.
	await get(pat, "tree, a bad health", "/?health=green", 400);
	await get(pat, "tree, an unknown person", "/?person=nobody", 400);
	await get(pat, "tree, owes on a past day", "/?owes=1&as_of=2026-11-10", 400);
	vnu();
	check("no page problems (CSP, script errors, failed assets)", pat.problems.length === 0, pat.problems);
});
