// t28-checkin-decisions: /checkin records only what the person decided (issue 15, item 3). dee
// owes three KR check-ins and a status; one KR changed, one left alone, one with a bad value:
// the page comes back with every typed value, the error beside the bad field, and names what was
// saved (the one changed KR: one check-in row) and what not. Then "No change this week" on the
// untouched KR is a real check-in at the same value, and the saved page summarises the week with
// links. axe and the Nu HTML Checker on every page opened.
import { Server, launch, newPage, login, check, main, mainText, wednesdayCompany, auditor } from "./lib.mjs";

await main(async () => {
	const srv = await Server.start({ setup: wednesdayCompany });
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv);
	// The check-in rows of the database, from the CLI's CSV export: [key_result, value, health].
	const rows = () => srv.okra(["export", "--format", "csv", "--what", "checkins"]).split("\n").slice(1)
		.filter((l) => l).map((l) => l.split(",")).map((c) => [c[1], c[4], c[6]]);

	const dee = await newPage(browser);
	await login(dee, srv, "dee");
	await get(dee, "checkin, three KRs due", "/checkin");
	check("three KR check-ins and a status, all due", await dee.locator("main form fieldset").count() === 4);
	check("no health is chosen for a KR never updated", await dee.inputValue("#kr-2-health") === "" &&
		await dee.inputValue("#kr-3-health") === "" && await dee.inputValue("#kr-4-health") === "");
	check("no health is chosen for a status never written", await dee.inputValue("#obj-2-health") === "");
	check("each KR has 'No change this week', unticked", await dee.locator("input[type=checkbox][name$='-same']:not(:checked)").count() === 3);

	const before = rows().length;
	// KR A changed; KR B left alone; KR C a value that is not a number; the status left alone.
	await dee.fill("#kr-2-value", "40");
	await dee.selectOption("#kr-2-health", "on_track");
	await dee.fill("#kr-2-note", "note for A");
	await dee.fill("#kr-4-value", "lots");
	await dee.selectOption("#kr-4-health", "at_risk");
	await dee.fill("#kr-4-note", "note for C");
	await dee.fill("#obj-2-line-3", "a line typed for B");
	await dee.selectOption("#obj-2-health", "needs_attention");
	await submit(dee, "checkin, one bad field", "main form button[type=submit]", 422);
	let text = await mainText(dee);
	const after = rows();
	check("only KR A was saved: one check-in row", after.length === before + 1 &&
		after[after.length - 1].join() === "2,40,on_track", after.slice(before));
	check("nothing saved for the untouched KR B", !after.slice(before).some((r) => r[0] === "3"), after);
	check("the page names what was saved, with a link", await dee.locator(".notice a[href='/objectives/2']", { hasText: "dee KR A" }).count() === 1 &&
		text.includes("Saved: dee KR A."), text);
	check("the page names what was not saved", text.includes("Some items were not saved: dee KR C and the status of Dee objective"), text);
	check("KR B says it was left alone", await dee.locator("fieldset:has(legend:text-is('dee KR B')) :text('Left alone: not saved.')").count() === 1);
	check("KR C keeps its typed value, health and note", await dee.inputValue("#kr-4-value") === "lots" &&
		await dee.inputValue("#kr-4-health") === "at_risk" && await dee.inputValue("#kr-4-note") === "note for C");
	check("KR C's error is beside its field",
		await dee.locator("#kr-4-value[aria-invalid=true][aria-describedby='kr-4-value-error']").count() === 1 &&
		await dee.locator("#kr-4-value ~ #kr-4-value-error.error").count() === 1);
	check("the status keeps its typed health and line", await dee.inputValue("#obj-2-health") === "needs_attention" &&
		await dee.inputValue("#obj-2-line-3") === "a line typed for B");
	check("KR B keeps what it showed", await dee.inputValue("#kr-3-value") === "10" && await dee.inputValue("#kr-3-health") === "");

	// Fixed: KR C's value, "No change this week" on KR B (a health chosen), the status's lines.
	await dee.fill("#kr-4-value", "130");
	await dee.check("#kr-3-same");
	await dee.selectOption("#kr-3-health", "needs_attention");
	await dee.fill("#obj-2-line-2", "line on A");
	await dee.fill("#obj-2-line-4", "line on C");
	await Promise.all([dee.waitForURL(/\/checkin\?saved=1$/), dee.click("main form button[type=submit]")]);
	const fixed = rows().slice(before + 1);
	check("then KR B (same value) and KR C are saved", fixed.map((r) => r.join()).sort().join("|") ===
		"3,10,needs_attention|4,130,at_risk", fixed);
	await get(dee, "checkin, saved", "/checkin?saved=1");
	text = await mainText(dee);
	check("the summary lists what was recorded, with links", text.includes("Recorded this week") &&
		await dee.locator("ul.recorded a[href='/objectives/2']").count() === 4, text);
	check("nothing due now", text.includes("Nothing is due from you"), text);
	check("the items already updated are listed, editable, with this week's entry", text.includes("Updated this week") &&
		text.includes("This week: 130 ms") && await dee.locator("#kr-4-value").count() === 1, text);
	vnu();
});
