// t26-pace: the objective page and the tree say pace in words — expected against actual, the
// "⚑ Health disagrees with pace" flag, each KR's forecast — and the close form takes an optional
// final score and reason that the page then shows; every page passes axe (WCAG 2.1 A, AA) and vnu.
import { spawnSync } from "node:child_process";
import { Server, OKRA, launch, newPage, login, check, main, auditor, mainText, company } from "./lib.mjs";

// The CLI at another moment than NOW, so check-ins fall at distinct times (the forecast needs two).
function okraAt(srv, now, args, as) {
	const argv = ["--db", srv.db].concat(as ? ["--as", as] : [], args);
	const p = spawnSync(OKRA, argv, { encoding: "utf8", timeout: 60000, env: { ...process.env, OKRA_NOW: now } });
	if (p.status !== 0)
		throw new Error(`okra ${args.join(" ")}: exit ${p.status}: ${p.stderr}`);
	return p.stdout.trim();
}

await main(async () => {
	const srv = await Server.start({
		// NOW is 2026-11-23: day 54 of FY2026-Q4 (2026-10-01 .. 2026-12-31, 92 days), expected 59%.
		setup: (s) => {
			company(s);
			s.okra(["person", "add", "pat", "--name", "Pat Doe", "--joined", "2025-01-01"]);
			s.okra(["user", "passwd", "pat"], { stdin: "okra-demo-password\n" });
			s.okra(["team", "add", "web", "--name", "Web", "--member", "pat"]);
			// #1: p95 from 800 ms to 200 ms, 740 (0.1) on 10-15 and 620 (0.3) on 11-18, the DRI says on track.
			s.okra(["objective", "add", "--cycle", "FY2026-Q4", "--team", "web", "--dri", "pat", "--title", "Faster pages"], { as: "pat" });
			s.okra(["kr", "add", "1", "--title", "p95 from 800 ms to 200 ms", "--dri", "pat", "--unit", "ms", "--start", "800",
				"--target", "200"], { as: "pat" });
			okraAt(s, "2026-10-15", ["checkin", "1", "--value", "740", "--health", "on_track"], "pat");
			okraAt(s, "2026-11-18", ["checkin", "1", "--value", "620", "--health", "on_track"], "pat");
			// #2: ready to close (a final retro).
			s.okra(["objective", "add", "--cycle", "FY2026-Q4", "--team", "web", "--dri", "pat", "--title", "Old work"], { as: "pat" });
			s.okra(["kr", "add", "2", "--title", "Done", "--dri", "pat", "--unit", "x", "--start", "0", "--target", "4"], { as: "pat" });
			s.okra(["checkin", "2", "--value", "3", "--health", "on_track"], { as: "pat" });
			s.okra(["retro", "2", "--good", "a", "--good", "b", "--bad", "c", "--bad", "d", "--try", "e", "--try", "f",
				"--final"], { as: "pat" });
		},
	});
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv);
	const page = await newPage(browser);
	await login(page, srv, "pat");

	await get(page, "objective with pace", "/objectives/1");
	let text = await mainText(page);
	check("the objective page shows expected against actual", text.includes("Expected 59% by today · actual 30%"), text);
	check("the objective page shows the flag as text", text.includes("⚑ Health disagrees with pace"), text);
	// Least squares through (10-15, 0.1) and (11-18, 0.3), read at the end of 12-31: 0.3 + 0.2 × 44 / 34 = 0.559.
	check("the KR shows its forecast as text", text.includes("Forecast 56% by 2026-12-31"), text);
	check("the KR says what pace suggests", text.includes("Pace suggests at risk"), text);
	check("the flag is a tag, not colour alone", await page.locator("#kr-1 .tag.flag").count() === 1 &&
		(await page.locator("#kr-1 .tag.flag").innerText()).includes("disagrees"));

	await get(page, "tree with pace", "/cycles/FY2026-Q4");
	text = await mainText(page);
	check("the tree shows the flag", await page.locator('.card:has(> .title a[href="/objectives/1"]) .tag.flag').count() >= 1, text);
	check("the tree shows the KR forecast", text.includes("Forecast 56% by 2026-12-31"), text);

	// The close form: an optional score and reason; a score outside 0..1 is refused beside its field.
	await get(page, "objective ready to close", "/objectives/2");
	check("the close form has a labelled score field", await page.locator('label[for="close-score"]').count() === 1);
	check("the close form has a labelled reason field", await page.locator('label[for="close-reason"]').count() === 1);
	page.once("dialog", (d) => d.accept());
	await page.fill("#close-score", "1.5");
	await page.fill("#close-reason", "Most of it <b>done</b>");
	await submit(page, "close refused: score above 1", "form#close button[type=submit]", 422);
	check("the refusal says why, next to the score", (await page.innerText("#e-close-score")).includes("0 to 1"));
	check("what was typed is kept", await page.inputValue("#close-score") === "1.5" &&
		await page.inputValue("#close-reason") === "Most of it <b>done</b>");
	page.once("dialog", (d) => d.accept());
	await page.fill("#close-score", "0.7");
	await submit(page, "closed with a final score", "form#close button[type=submit]", 200);
	text = await mainText(page);
	check("the closed objective shows its final score and reason", text.includes("Final score 70%: Most of it <b>done</b>"), text);
	check("the reason is text, never markup", await page.locator(".final b").count() === 0);

	check("no page problems (CSP, script errors, failed assets)", page.problems.length === 0, page.problems);
	vnu();
});
