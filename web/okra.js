/* okra.js: small conveniences on top of pages that work without it. */
"use strict";

/* On the Wednesday update, show what a typed value does to the KR's progress as you type. */
document.querySelectorAll("input[data-start][data-target]").forEach(function (input) {
	var out = document.getElementById(input.id + "-preview");
	if (!out) return;
	var start = parseFloat(input.dataset.start), target = parseFloat(input.dataset.target);
	function show() {
		var v = parseFloat(input.value);
		if (isNaN(v) || target === start) { out.textContent = ""; return; }
		out.textContent = "→ " + Math.round((v - start) / (target - start) * 100) + "%";
	}
	input.addEventListener("input", show);
	show();
});

/* Ask before closing an objective: it becomes read-only. */
document.querySelectorAll("form[data-confirm]").forEach(function (form) {
	form.addEventListener("submit", function (e) {
		if (!window.confirm(form.dataset.confirm)) e.preventDefault();
	});
});

/* Adding a metric KR: "From 800 to 200 ms = down" as start, target and unit are typed (R2). */
(function () {
	var out = document.getElementById("kr-direction");
	var start = document.getElementById("kr-start"), target = document.getElementById("kr-target");
	var unit = document.getElementById("kr-unit");
	if (!out || !start || !target || !unit) return;
	function show() {
		var s = parseFloat(start.value.replace(",", ".")), t = parseFloat(target.value.replace(",", "."));
		if (isNaN(s) || isNaN(t)) { out.textContent = ""; return; }
		var u = unit.value.trim() ? " " + unit.value.trim() : "";
		out.textContent = "From " + s + " to " + t + u + " = " +
			(t > s ? "up" : t < s ? "down" : "no change: the target must differ from the start");
	}
	[start, target, unit].forEach(function (el) { el.addEventListener("input", show); });
	show();
})();

/* A "Copy" button (hidden without JavaScript) copies the text of the field it names. */
document.querySelectorAll("button[data-copy]").forEach(function (button) {
	var field = document.getElementById(button.dataset.copy);
	if (!field || !navigator.clipboard) return;
	button.hidden = false;
	button.addEventListener("click", function () {
		navigator.clipboard.writeText(field.value).then(function () {
			button.textContent = "Copied";
		});
	});
});
