// t56-leaders: the leaders' views on the demo company. /report/weekly is `okra report weekly`:
// its Markdown block is the CLI's output byte for byte, and the rendered report shows every
// objective and heading of it as text.
import { spawnSync } from "node:child_process";
import { Server, launch, newPage, login, check, main, OKRA, NOW } from "./lib.mjs";

// The CLI's stdout exactly (Server.okra trims it).
function cli(srv, args) {
	const p = spawnSync(OKRA, ["--db", srv.db, ...args], { encoding: "utf8", timeout: 60000,
		env: { ...process.env, OKRA_NOW: NOW } });
	if (p.status !== 0)
		throw new Error(`okra ${args.join(" ")}: exit ${p.status}: ${p.stderr}`);
	return p.stdout;
}

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const sam = await newPage(browser);
	await login(sam, srv, "sam");

	// The weekly report, today's and an earlier week's.
	for (const date of [NOW, "2026-11-11"]) {
		const md = cli(srv, ["report", "weekly", "--date", date]);
		const resp = await sam.goto(srv.url(`/report/weekly?date=${date}`));
		check(`report ${date}: 200`, resp.status() === 200, resp.status());
		const block = await sam.inputValue("#report-md");
		check(`report ${date}: the Markdown block is okra report weekly, byte for byte`, block === md,
			JSON.stringify([block.slice(0, 200), md.slice(0, 200)]));
		const shown = await sam.innerText("#report");
		const json = JSON.parse(cli(srv, ["--json", "report", "weekly", "--date", date]));
		const titles = json.objectives.map((o) => o.title);
		check(`report ${date}: the rendered report names every objective`, titles.length > 0 &&
			titles.every((t) => shown.includes(t)), titles.filter((t) => !shown.includes(t)));
		const heads = md.split("\n").filter((l) => /^#+ /.test(l)).map((l) => l.replace(/^#+ /, "").replace(/[*_`]/g, ""));
		check(`report ${date}: every Markdown heading is a rendered heading, no raw '#'`,
			heads.length > 0 && heads.every((h) => shown.includes(h)) && !/^#+ /m.test(shown),
			heads.filter((h) => !shown.includes(h)));
	}
	check("report: the nav links to it", await sam.locator('header a[href="/report/weekly"]').count() === 1);
	const bad = await sam.goto(srv.url("/report/weekly?date=nope"));
	check("report: a bad date is a 400 page", bad.status() === 400, bad.status());
	const none = await sam.goto(srv.url("/report/weekly?cycle=nope"));
	check("report: an unknown cycle is a 404 page", none.status() === 404, none.status());

	check("no page problems (CSP, script errors, failed assets)", sam.problems.length === 0, sam.problems);
});
