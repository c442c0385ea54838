// t31-checkin-lines: on /checkin each line of a weekly status shows, beside its field, the KR's
// current value, health, pace and who updated it last and when, so the DRI writes the line with the
// numbers in view; the same as the KR reads in the CLI (and on the objective page's status form).
// The hint is the field's description (aria-describedby), so a screen reader reads it too.
import { Server, launch, newPage, login, check, main, mainText } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const pat = await newPage(browser);
	await login(pat, srv, "pat");
	const kr = (id) => JSON.parse(srv.okra(["--json", "kr", "show", String(id)]));
	const pct = (x) => `${Math.round(x * 100)}%`;
	const words = { on_track: "on track", needs_attention: "needs attention", at_risk: "at risk" };

	for (const [where, path, field] of [["/checkin", "/checkin", (k) => `#obj-4-line-${k}`],
		["the objective page", "/objectives/4", (k) => `#line-${k}`]]) {
		await pat.goto(srv.url(path));
		for (const id of [9, 10, 11]) {
			const k = kr(id);
			const input = pat.locator(field(id));
			const hintId = `${(await input.getAttribute("id"))}-hint`;
			const described = (await input.getAttribute("aria-describedby")) || "";
			const hint = await pat.locator(`[id="${hintId}"]`).innerText().catch(() => "");
			check(`${where}: KR ${id}'s line has the KR's numbers beside it`, hint.length > 0, hint);
			check(`${where}: KR ${id}'s line is described by them`, described.split(" ").includes(hintId), described);
			check(`${where}: KR ${id}: progress and current value (${pct(k.progress)}, ${k.current})`,
				hint.includes(`Now ${pct(k.progress)}`) && hint.includes(`at ${k.current}`), hint);
			check(`${where}: KR ${id}: health (${words[k.health]})`, hint.includes(`, ${words[k.health]}`), hint);
			check(`${where}: KR ${id}: pace (expected ${pct(k.pace.expected)} by today)`,
				hint.includes(`expected ${pct(k.pace.expected)} by today`), hint);
			check(`${where}: KR ${id}: who updated it last and when (${k.source.author}, ${k.source.at.slice(0, 10)})`,
				hint.includes(`updated ${k.source.at.slice(0, 10)} by ${k.source.author}`), hint);
		}
	}
	// A KR never updated says so.
	srv.okra(["kr", "add", "4", "--title", "A fresh KR", "--dri", "pat", "--unit", "ms", "--start", "800",
		"--target", "200"], { as: "pat" });
	await pat.goto(srv.url("/checkin"));
	check("/checkin: a KR never updated says so beside its line",
		(await mainText(pat)).includes("Now 0% (at 800 ms of 200 ms), no update yet; expected"), await mainText(pat));
	check("no page problems", pat.problems.length === 0, pat.problems);
});
