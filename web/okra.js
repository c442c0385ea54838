/* okra.js: small conveniences on top of pages that work without it. */
"use strict";

/* On the Wednesday update, show what a typed value does to the KR's progress as you type. */
function progressPreviews(root) {
	root.querySelectorAll("input[data-start][data-target]").forEach(function (input) {
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
}

/* Ask before closing an objective (it becomes read-only) or deleting a draft. */
function confirms(root) {
	root.querySelectorAll("form[data-confirm]").forEach(function (form) {
		form.addEventListener("submit", function (e) {
			if (!window.confirm(form.dataset.confirm)) e.preventDefault();
		});
	});
}

/* Adding a metric KR: "From 800 to 200 ms = down" as start, target and unit are typed (R2). */
function krDirection(root) {
	var out = root.querySelector("#kr-direction");
	var start = root.querySelector("#kr-start"), target = root.querySelector("#kr-target");
	var unit = root.querySelector("#kr-unit");
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
}

/* A long picker (parent, DRI): a box above it keeps only the choices that match what is typed,
 * and picks the first of them when the one picked no longer matches. */
function pickerFilters(root) {
	root.querySelectorAll("select[data-filter]").forEach(function (select) {
		var label = document.querySelector("label[for='" + select.id + "']");
		var box = document.createElement("input");
		box.type = "search";
		box.id = select.id + "-filter";
		box.className = "filter";
		box.autocomplete = "off";
		box.placeholder = "Type to filter";
		box.setAttribute("aria-label", "Filter: " + (label ? label.textContent : select.name));
		box.setAttribute("aria-controls", select.id);
		select.parentNode.insertBefore(box, select);
		box.addEventListener("input", function () {
			var q = box.value.trim().toLowerCase(), first = null;
			Array.prototype.forEach.call(select.options, function (o) {
				var match = !q || o.textContent.toLowerCase().indexOf(q) >= 0;
				o.hidden = !match;
				if (match && !first && !o.disabled && o.value) first = o;
			});
			var cur = select.options[select.selectedIndex];
			if (first && (!cur || cur.hidden || !cur.value)) select.value = first.value;
		});
	});
}

/* Adding a KR without reloading the page: the form is posted as it would be, and the key
 * results (or the form again with its refusal) replace the ones shown. */
function addKrInPlace(root) {
	var form = root.querySelector("form#add-kr");
	if (!form || !window.fetch || !window.DOMParser) return;
	form.addEventListener("submit", function (e) {
		var krs = document.getElementById("krs"), status = document.getElementById("krs-status");
		if (!krs) return;
		e.preventDefault();
		if (status) status.textContent = "";
		var before = {};
		krs.querySelectorAll("section[id^='kr-']").forEach(function (s) { before[s.id] = 1; });
		fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)),
			credentials: "same-origin" }).then(function (resp) {
			return resp.text().then(function (html) { return { ok: resp.ok, html: html }; });
		}).then(function (res) {
			var fresh = new DOMParser().parseFromString(res.html, "text/html").getElementById("krs");
			if (!fresh) { form.submit(); return; }
			fresh = document.importNode(fresh, true);
			krs.replaceWith(fresh);
			enhance(fresh);
			if (!status) {
				status = document.createElement("p");
				status.id = "krs-status";
				status.setAttribute("role", "status");
				status.className = "muted";
				fresh.parentNode.insertBefore(status, fresh);
			}
			var added = null;
			fresh.querySelectorAll("section[id^='kr-']").forEach(function (s) { if (!before[s.id]) added = s; });
			var bad = fresh.querySelector("form#add-kr [aria-invalid=true]");
			if (res.ok && added && window.history.replaceState)
				window.history.replaceState(null, "", "#" + added.id);
			status.textContent = res.ok && added ? "Key result added." : "The key result was not added.";
			var focus = res.ok && added ? added.querySelector("h3") : bad;
			if (focus) {
				if (focus.tagName === "H3") focus.tabIndex = -1;
				focus.focus();
			}
		}).catch(function () { form.submit(); });
	});
}

/* A "Copy" button (hidden without JavaScript) copies the text of the field it names. */
function copyButtons(root) {
	root.querySelectorAll("button[data-copy]").forEach(function (button) {
		var field = document.getElementById(button.dataset.copy);
		if (!field || !navigator.clipboard) return;
		button.hidden = false;
		button.addEventListener("click", function () {
			navigator.clipboard.writeText(field.value).then(function () {
				button.textContent = "Copied";
			});
		});
	});
}

function enhance(root) {
	progressPreviews(root);
	confirms(root);
	krDirection(root);
	pickerFilters(root);
	addKrInPlace(root);
	copyButtons(root);
}

enhance(document);
