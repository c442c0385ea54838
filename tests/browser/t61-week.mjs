// t61-week: /week, the leaders' home, on the demo company. Per team it names exactly the people
// `okra --json due` names (owing or late), the team being the objective's; every count links to
// the list it counts; the members still onboarding are named; every objective owed an update is
// in the health table; what a GitLab webhook closed this week is listed. A member sees their own
// team only. Earlier weeks agree with `okra due --date` too, before and after their update day.
import { Server, launch, newPage, login, check, main, auditor, NOW } from "./lib.mjs";

const GL_SECRET = "gl-week-secret-0123456789";

// team slug ("" = company) → Set of handles, from okra --json due (the team is the objective's).
function dueByTeam(srv, date) {
	const due = JSON.parse(srv.okra(["--json", "due", "--date", date])).due;
	const teamOf = new Map();
	const out = new Map();
	for (const d of due) {
		if (!teamOf.has(d.objective))
			teamOf.set(d.objective, JSON.parse(srv.okra(["--json", "objective", "show", String(d.objective)])).team || "");
		const t = teamOf.get(d.objective);
		if (!out.has(t)) out.set(t, new Set());
		out.get(t).add(d.dri);
	}
	return { out, objectives: new Set(due.map((d) => d.objective)) };
}

// The page's: team slug → Set of handles in the given states.
async function shownByTeam(page, states) {
	return page.evaluate((states) => {
		const out = {};
		for (const s of document.querySelectorAll("section[data-team]")) {
			out[s.dataset.team] = [...s.querySelectorAll("li[data-handle]")]
				.filter((li) => states.includes(li.dataset.state)).map((li) => li.dataset.handle);
		}
		return out;
	}, states);
}

function sameSets(want, got) {
	const teams = new Set([...want.keys(), ...Object.keys(got).filter((t) => got[t].length)]);
	for (const t of teams) {
		const w = [...(want.get(t) || [])].sort().join(",");
		const g = [...new Set(got[t] || [])].sort().join(",");
		if (w !== g) return `${t || "company"}: okra due ${w} / page ${g}`;
	}
	return "";
}

await main(async () => {
	// A KR added today has had no check-in in any week: in the past weeks its DRI is late.
	const srv = await Server.start({ demo: true, setup: (s) => s.okra(["kr", "add", "4", "--title",
		"Cut paging alerts per week", "--dri", "kim", "--unit", "alerts", "--start", "40", "--target", "10"],
	{ as: "pat" }) });
	srv.okra(["setting", "set", "gitlab_webhook_secret", GL_SECRET]);
	const browser = await launch();
	const { get, vnu } = await auditor(srv);
	const sam = await newPage(browser);
	await login(sam, srv, "sam");

	// A GitLab webhook closes a criterion this week: an integration's change.
	const hook = await fetch(srv.url("/hooks/gitlab"), { method: "POST", headers: {
		"Content-Type": "application/json", "X-Gitlab-Event": "Issue Hook", "X-Gitlab-Token": GL_SECRET },
	body: JSON.stringify({ object_kind: "issue", object_attributes: { iid: 102, action: "close" },
		project: { path_with_namespace: "saas/provisioning" } }) });
	check("the webhook is applied", hook.status === 200, hook.status);

	for (const date of [NOW, "2026-11-09", "2026-11-13"]) {
		const p = date === NOW ? "/week" : `/week?date=${date}`;
		await get(sam, `week ${date}, a leader`, p);
		const { out: want, objectives } = dueByTeam(srv, date);
		const owing = await shownByTeam(sam, ["owed", "late"]);
		const diff = sameSets(want, owing);
		check(`week ${date}: per team, the people owing are exactly those okra due names`, want.size > 0 && !diff, diff);
		const rows = new Set(await sam.$$eval("#health tr[data-objective]", (tr) => tr.map((x) => Number(x.dataset.objective))));
		check(`week ${date}: every objective owed an update is in the health table`,
			[...objectives].every((o) => rows.has(o)), [...objectives, "/", ...rows]);
		// Every count links to a list of exactly that many people.
		const counts = await sam.$$eval("#compliance td a", (as) => as.map((a) => {
			const list = document.querySelector(a.getAttribute("href"));
			const ul = list && list.nextElementSibling;
			return [a.textContent, a.getAttribute("href"), ul ? ul.querySelectorAll("li").length : -1];
		}));
		check(`week ${date}: every count links to the list it counts`, counts.length > 0 &&
			counts.every(([n, , m]) => Number(n) === m), counts);
	}

	// Today (Monday 2026-11-23, update day Wednesday): owing, not late; who updated is done.
	await get(sam, "week, a leader", "/week");
	const done = await shownByTeam(sam, ["done"]);
	check("week: who updated is done (saas: dana, lou; platform: rio)",
		(done.saas || []).sort().join() === "dana,lou" && (done.platform || []).join() === "rio", done);
	check("week: nobody is late before the update day", (await sam.locator('li[data-state="late"]').count()) === 0);
	const onb = await shownByTeam(sam, ["onboarding"]);
	check("week: noor, a new joiner in platform, is onboarding (R4)", (onb.platform || []).join() === "noor", onb);
	const syncs = await sam.innerText("#syncs");
	check("week: the webhook's close is among the integrations' changes",
		syncs.includes("closed saas/provisioning#102") && syncs.includes("Ship one-click environment provisioning"), syncs);
	check("week: the KRs that moved most are listed, each linked to its KR",
		(await sam.locator('#moves li a[href*="#kr-"]').count()) > 0);
	check("week: on track by its DRI, behind by pace, names jordan's KR",
		(await sam.innerText("#behind")).includes("Resolve 95% of priority-1 tickets within 4 hours"));
	check("week: the nav links to it", await sam.locator('header a[href="/week"]').count() === 1);

	// Friday after an update day (R15: that Wednesday's week): who still owes is late.
	await get(sam, "week, after the update day", "/week?date=2026-11-13");
	const late = await shownByTeam(sam, ["late"]);
	const { out: want13 } = dueByTeam(srv, "2026-11-13");
	check("week: after the update day, the people okra due names are late, per team",
		want13.size > 0 && !sameSets(want13, late) && (await sam.locator('li[data-state="owed"]').count()) === 0,
		sameSets(want13, late));

	// pat, a member of platform, sees platform only.
	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	await get(pat, "week, a member", "/week");
	const teams = await pat.$$eval("section[data-team]", (s) => s.map((x) => x.dataset.team));
	check("week: a member sees their own team only", teams.join() === "platform", teams);
	const objs = await pat.$$eval("#health tr[data-objective]", (tr) => tr.map((x) => x.dataset.objective));
	check("week: a member's health table has their team's objectives only", objs.join() === "4", objs);

	await get(sam, "week, a bad date", "/week?date=nope", 400);
	await get(sam, "week, a day to come", "/week?date=2027-01-20", 422);
	await get(sam, "week, an unknown cycle", "/week?cycle=nope", 404);
	vnu();
	check("no page problems (CSP, script errors, failed assets)", sam.problems.length === 0 && pat.problems.length === 0,
		[...sam.problems, ...pat.problems]);
});
