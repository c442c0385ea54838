/* page_audit_rows.c: audit rows as a table — when, who, what, the object (a link to its page)
 * and what changed — for /audit and for the "Changes" section of an objective's page.
 */
#include "http/page.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "util/html.h"
#include "app/reads.h"

/* How an entity reads in a sentence. */
static const struct {
	const char *entity, *label;
} entity_labels[] = {
	{"person", "person"},         {"team", "team"},
	{"cycle", "cycle"},           {"objective", "objective"},
	{"key_result", "key result"}, {"criterion", "criterion"},
	{"initiative", "initiative"}, {"link", "link"},
	{"checkin", "check-in"},      {"status", "status"},
	{"retro", "retro"},           {"comment", "comment"},
	{"ref", "issue or epic"},     {"setting", "setting"},
	{"api_token", "API token"},
};

const char *
page_audit_label(const char *entity)
{
	for (size_t i = 0; i < sizeof(entity_labels) / sizeof(entity_labels[0]); i++)
		if (!strcmp(entity, entity_labels[i].entity))
			return entity_labels[i].label;
	return entity;
}

/* A JSON value as a short text: strings bare, null "none", the rest compact JSON. */
static void
value_text(struct buf *b, const json_t *v)
{
	char *s;

	if (!v || json_is_null(v)) {
		buf_adds(b, "none");
	} else if (json_is_string(v)) {
		buf_adds(b, json_string_value(v));
	} else if (json_is_real(v)) {
		buf_addf(b, "%.15g", json_real_value(v));
	} else {
		s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		buf_adds(b, s ? s : "");
		free(s);
	}
}

/* Whether key says nothing the row does not (its id, version, author and time). */
static int
quiet_key(const char *key)
{
	return !strcmp(key, "id") || !strcmp(key, "version") || !strcmp(key, "author") ||
	       !strcmp(key, "at");
}

/* "key: old → new; …" for what differs (an update), or "key: value; …" for what was there. */
static void
change_text(struct buf *t, json_t *before, json_t *after)
{
	json_t *side = after ? after : before;
	const char *key;
	json_t *v;
	int shown = 0;

	if (!json_is_object(side))
		return;
	json_object_foreach(side, key, v)
	{
		const json_t *old = before && after ? json_object_get(before, key) : NULL;

		if (quiet_key(key) || (before && after && json_equal(old, v)))
			continue;
		if (shown++ == 4) {
			buf_adds(t, "; …");
			break;
		}
		buf_addf(t, "%s%s: ", shown > 1 ? "; " : "", key);
		if (before && after) {
			value_text(t, old);
			buf_adds(t, " → ");
		}
		value_text(t, v);
	}
}

/* What changed, escaped, cut at about 240 bytes (on a UTF-8 boundary). */
static void
change_cell(struct buf *b, const struct audit_row *a)
{
	json_t *before = a->before ? json_loads(a->before, JSON_DECODE_ANY, NULL) : NULL;
	json_t *after = a->after ? json_loads(a->after, JSON_DECODE_ANY, NULL) : NULL;
	struct buf t = BUF_INIT;

	change_text(&t, before, after);
	if (t.len > 240) {
		size_t n = 240;

		while (n > 0 && ((unsigned char)t.buf[n] & 0xC0) == 0x80)
			n--;
		t.buf[n] = '\0';
		t.len = n;
		buf_adds(&t, "…");
	}
	html_txt(b, t.buf ? t.buf : "");
	buf_release(&t);
	json_decref(before);
	json_decref(after);
}

/* The object: a link to the page that shows it, while it exists. */
static void
object_cell(struct buf *b, const struct audit_row *a)
{
	struct buf url = BUF_INIT, text = BUF_INIT;
	const char *e = a->entity;

	buf_adds(&text, page_audit_label(e));
	if (a->name)
		buf_addf(&text, " %s", a->name);
	else if (a->entity_id)
		buf_addf(&text, " %" PRId64, a->entity_id);
	if (a->objective) {
		page_url_objective(&url, a->objective);
		if (!strcmp(e, "key_result"))
			buf_addf(&url, "#kr-%" PRId64, a->entity_id);
	} else if (a->name && !strcmp(e, "person")) {
		page_url_person(&url, a->name);
	} else if (a->name && !strcmp(e, "team")) {
		page_url_team(&url, a->name);
	} else if (a->name && !strcmp(e, "cycle")) {
		page_url_cycle(&url, a->name);
	} else if (!strcmp(e, "setting")) {
		buf_adds(&url, "/settings");
	}
	if (url.len)
		page_link(b, url.buf, text.buf);
	else
		html_txt(b, text.buf);
	buf_release(&url);
	buf_release(&text);
}

static void
audit_row(struct buf *b, const struct audit_row *a)
{
	struct buf url = BUF_INIT;
	char at[21];

	cal_format_instant(a->at, at);
	buf_addf(b,
		 "<tr id=\"audit-%" PRId64 "\"><td class=\"num\"><time datetime=\"%s\">%s</time>",
		 a->id, at, at);
	buf_adds(b, "</td><td>");
	if (a->actor) {
		page_url_person(&url, a->actor);
		page_link(b, url.buf, a->actor);
	} else {
		buf_adds(b, "<span class=\"muted\">the system</span>");
	}
	buf_adds(b, "</td><td>");
	html_txt(b, a->action);
	buf_adds(b, "</td><td>");
	object_cell(b, a);
	buf_adds(b, "</td><td class=\"change\">");
	change_cell(b, a);
	buf_adds(b, "</td></tr>\n");
	buf_release(&url);
}

void
page_audit_table(struct request *r, const struct audit_row *v, size_t n, const char *label)
{
	struct buf *b = &r->out;

	buf_adds(b, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
	html_attr(b, label);
	buf_adds(b,
		 "\"><table class=\"audit\">\n<thead><tr><th scope=\"col\">When (UTC)</th>"
		 "<th scope=\"col\">Who</th><th scope=\"col\">Did</th><th scope=\"col\">To</th>"
		 "<th scope=\"col\">What changed</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++)
		audit_row(b, &v[i]);
	buf_adds(b, "</tbody></table></div>\n");
}

/* A few of the objective's changes, for who may read the audit trail; nothing for the others. */
void
page_objective_changes(struct request *r, int64_t objective)
{
	struct okra_err err = {0};
	struct audit_query q = {.objective = objective, .limit = 6};
	struct audit_row *v = NULL;
	struct buf *b = &r->out;
	size_t n = 0;

	if (app_audit_list(r->app, &q, &v, &n, &err) < 0) /* not theirs to read */
		return;
	buf_adds(b,
		 "<section class=\"card no-print\" id=\"changes\" aria-labelledby=\"changes-h\">\n"
		 "<h2 id=\"changes-h\">Changes</h2>\n");
	if (n)
		page_audit_table(r, v, n < 5 ? n : 5, "The latest changes");
	else
		buf_adds(b, "<p class=\"muted\">No changes recorded.</p>\n");
	buf_addf(b,
		 "<p><a href=\"/audit?objective=%" PRId64
		 "\">Every change to this objective and its key results</a></p>\n</section>\n",
		 objective);
	for (size_t i = 0; i < n; i++)
		audit_row_release(&v[i]);
	free(v);
}
