// t63-onboard: an admin runs the company from the browser alone, and the audit trail shows it.
// On the demo company, alex adds a person, puts them in a team, plans the next year, sets the
// update day, deactivates a person who owns OKRs and hands what they owned to someone else in
// one step; then /audit shows each of those steps, alex's, newest first, each linking to what
// it changed, and filtering on the person deactivated finds their rows. axe and vnu on every
// page.
import { Server, launch, newPage, login, check, main, auditor, mainText } from "./lib.mjs";

// The rows of /audit's table as shown.
async function rows(page) {
	return page.locator("table.audit tbody tr").evaluateAll((trs) => trs.map((tr) => {
		const td = tr.querySelectorAll("td");
		const a = td[3].querySelector("a");
		return {
			id: +tr.id.replace("audit-", ""), who: td[1].innerText.trim(), did: td[2].innerText.trim(),
			to: td[3].innerText.trim(), href: a ? a.getAttribute("href") : null, change: td[4].innerText.trim(),
		};
	}));
}

await main(async () => {
	const srv = await Server.start({ demo: true });
	const browser = await launch();
	const { get, submit, vnu } = await auditor(srv);
	const alex = await newPage(browser);
	alex.on("dialog", (d) => d.accept());
	await login(alex, srv, "alex");
	await get(alex, "audit before", "/audit");
	const start = (await rows(alex))[0].id;

	// 1. A new person.
	await get(alex, "people", "/people");
	await alex.fill("#handle", "zoe");
	await alex.fill("#name", "Zoe Zimmer");
	await alex.fill("#joined", "2026-11-23");
	await submit(alex, "add zoe, saved: her page", "form#add button[type=submit]", 200);
	check("zoe's page", alex.url().endsWith("/people/zoe"), alex.url());
	// 2. Into a team.
	await get(alex, "platform's members", "/teams/platform/manage");
	await alex.selectOption("#member-handle", "zoe");
	await submit(alex, "zoe joins platform, saved", "form#add-member button[type=submit]", 200);
	check("zoe is a member of platform", (await mainText(alex)).includes("Take out zoe"), await mainText(alex));
	// 3. The next year planned.
	await get(alex, "cycles", "/cycles");
	await alex.fill("#year", "2027");
	await submit(alex, "plan FY2027, saved", "form#plan-year button[type=submit]", 200);
	check("FY2027 and its quarters are listed", /FY2027-Q4/.test(await mainText(alex)), await mainText(alex));
	// 4. The update day.
	await get(alex, "settings", "/settings");
	await alex.selectOption("#update_weekday", "Friday");
	await submit(alex, "the update day, saved", "form#process button[type=submit]", 200);
	check("the update day is Friday", srv.okra(["setting", "get", "update_weekday"]) === "Friday");
	// 5. pat leaves: deactivated, then everything pat owned handed to rio in one step.
	await get(alex, "pat's page", "/people/pat");
	const owned = srv.okra(["person", "show", "pat", "--json"]);
	const said = await mainText(alex);
	const m = /DRI of (\d+) objectives? and (\d+) key results? not closed/.exec(said);
	check("pat's page says what pat owns", m && +m[1] + +m[2] > 0, said);
	const nobj = m ? +m[1] : 0, nkr = m ? +m[2] : 0;
	await submit(alex, "deactivate pat, saved", "form#deactivate button[type=submit]", 200);
	check("pat is deactivated", (await mainText(alex)).includes("Deactivated"));
	await alex.selectOption("#handover-to", "rio");
	await submit(alex, "give what pat owned to rio, saved", "form#handover button[type=submit]", 200);
	check("pat owns nothing now", (await mainText(alex)).includes("Nothing to hand over"), await mainText(alex));
	check("pat still exists, with history", owned.includes("\"pat\""));

	// The audit trail: each step, alex's, newer than what was there.
	await get(alex, "audit after", "/audit?actor=alex");
	const v = (await rows(alex)).filter((r) => r.id > start);
	const has = (what, f) => check(`audit shows: ${what}`, v.some(f), v);
	has("zoe added, linking to her page", (r) => r.did === "create" && r.to === "person zoe" &&
		r.href === "/people/zoe" && r.change.includes("Zoe Zimmer"));
	has("zoe joined platform", (r) => r.did === "join" && r.to === "team platform" &&
		r.href === "/teams/platform" && r.change.includes("member: zoe"));
	has("FY2027 planned", (r) => r.did === "create" && r.to === "cycle FY2027" && r.href === "/cycles/FY2027");
	for (const q of [1, 2, 3, 4])
		has(`FY2027-Q${q} planned`, (r) => r.did === "create" && r.to === `cycle FY2027-Q${q}`);
	has("the update day set", (r) => r.did === "set" && r.to === "setting" && r.href === "/settings" &&
		/update_weekday/.test(r.change) && /friday/i.test(r.change));
	has("pat deactivated", (r) => r.did === "deactivate" && r.to === "person pat" && r.href === "/people/pat");
	const handed = v.filter((r) => r.did === "handover");
	check("a hand-over row per thing pat owned", handed.length === nobj + nkr &&
		handed.filter((r) => r.to.startsWith("objective")).length === nobj, handed);
	check("each hand-over says pat → rio and links to the objective",
		handed.every((r) => r.change === "dri: pat → rio" && /^\/objectives\/\d+/.test(r.href)), handed);
	check("every one of them is alex's", v.every((r) => r.who === "alex"), v);
	check("newest first: the hand-over after the deactivation", handed.length > 0 &&
		handed[0].id > v.find((r) => r.did === "deactivate").id);

	// Filtered on the person who left: their rows, by handle.
	await get(alex, "audit of person pat", "/audit?entity=person&id=pat");
	const p = await rows(alex);
	check("pat's rows: the deactivation among them", p.length > 0 && p.every((r) => r.to === "person pat") &&
		p.some((r) => r.did === "deactivate"), p);
	vnu();
});
