/* page_settings.c: /settings (admins) — every setting of the registry (app/settings.h) with the
 * sentence that explains it, a form per group; a secret is set or replaced, never shown again.
 */
#include "http/page.h"

#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "http/handler.h"
#include "util/html.h"
#include "app/settings.h"

/* The id of each group's form (and the anchor a save comes back to). */
const char *const page_settings_groups[SETTING_NGROUPS] = {
	[SETTING_PROCESS] = "process",
	[SETTING_REMINDERS] = "reminders",
	[SETTING_INTEGRATIONS] = "integrations",
	[SETTING_SIGN_IN] = "sign-in",
	[SETTING_OTHER] = "other",
};

static const struct form_option weekday_options[] = {
	{"Monday", "Monday"},     {"Tuesday", "Tuesday"}, {"Wednesday", "Wednesday"},
	{"Thursday", "Thursday"}, {"Friday", "Friday"},   {"Saturday", "Saturday"},
	{"Sunday", "Sunday"}};

int
page_setting_hidden(const struct setting_def *d)
{
	return d->secrecy != SETTING_SHOWN;
}

/* "update_weekday is …." and, for a secret, whether and when it was set. */
static void
hint(struct request *r, const struct setting_def *d, struct buf *out)
{
	struct okra_err err = {0};
	struct buf shown = BUF_INIT;
	int64_t at = 0;
	char day[11];

	buf_addf(out, "%s is %s.", d->name, d->sentence);
	if (!page_setting_hidden(d))
		return;
	app_setting_shown(r->app, d, &shown, &err);
	app_setting_when(r->app, d->name, &at, &err);
	if (!shown.len) {
		buf_adds(out, " Not set.");
	} else {
		buf_adds(out, " Set");
		if (at) {
			cal_format_date(cal_day_of_instant(at), day);
			buf_addf(out, " on %s", day);
		}
		if (d->secrecy == SETTING_HOST_ONLY)
			buf_addf(out, " (%s)", shown.buf);
		buf_adds(out, "; leave empty to keep it.");
	}
	buf_release(&shown);
}

/* A CHOICE's words as options (value and label the same). */
static size_t
choice_options(const struct setting_def *d, struct form_option *o, size_t max)
{
	size_t n = 0;

	for (; d->words && d->words[n] && n < max; n++)
		o[n] = (struct form_option){d->words[n], d->words[n], 0};
	return n;
}

static void
setting_field(struct form *f, const struct setting_def *d)
{
	struct request *r = f->r;
	struct okra_err err = {0};
	struct form_option words[8];
	struct buf value = BUF_INIT, help = BUF_INIT, clear = BUF_INIT, label = BUF_INIT;
	struct form_field fd = {.type = FIELD_TEXT,
				.name = d->name,
				.label = d->label ? d->label : d->name,
				.cls = "wide",
				.autocomplete = "off"};

	hint(r, d, &help);
	fd.hint = help.buf;
	if (page_setting_hidden(d)) {
		/* Never drawn with its value: typed again to change it. */
		app_setting_shown(r->app, d, &value, &err);
		fd.value = "";
		fd.type = d->secrecy == SETTING_NEVER_SHOWN ? FIELD_PASSWORD : FIELD_TEXT;
		fd.autocomplete = d->secrecy == SETTING_NEVER_SHOWN ? "new-password" : "off";
	} else {
		app_setting_shown(r->app, d, &value, &err);
		fd.value = value.buf ? value.buf : "";
	}
	if (d->type == SETTING_WEEKDAY) {
		fd.type = FIELD_SELECT;
		fd.options = weekday_options;
		fd.noptions = sizeof(weekday_options) / sizeof(weekday_options[0]);
	} else if (d->type == SETTING_CHOICE) {
		fd.type = FIELD_SELECT;
		fd.options = words;
		fd.noptions = choice_options(d, words, sizeof(words) / sizeof(words[0]));
	}
	form_field(f, &fd);
	if (page_setting_hidden(d) && d->may_be_empty && value.len) {
		/* A secret set can be cleared, which turns its feature off. */
		buf_addf(&clear, "clear-%s", d->name);
		buf_addf(&label, "Clear %s (turns it off)", d->name);
		form_field(f, &(struct form_field){.type = FIELD_CHECKBOX,
						   .name = clear.buf,
						   .label = label.buf});
	}
	buf_release(&value);
	buf_release(&help);
	buf_release(&clear);
	buf_release(&label);
}

static void
group_form(struct request *r, enum setting_group g, const struct refused_form *fr)
{
	const char *id = page_settings_groups[g], *saved = req_query(r, "saved");
	const struct okra_err *err = fr && fr->form && !strcmp(fr->form, id) ? fr->err : NULL;
	struct form f = {.r = r, .err = err, .action = "/settings", .id = id};

	form_open(&f);
	buf_adds(&r->out, "<h2>");
	html_txt(&r->out, setting_group_titles[g]);
	buf_adds(&r->out, "</h2>\n");
	if (!err && saved && !strcmp(saved, id))
		buf_adds(&r->out, "<p class=\"notice\" role=\"status\">Saved.</p>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_HIDDEN, .name = "group", .value = id});
	for (size_t i = 0; i < setting_count; i++)
		if (setting_defs[i].group == g)
			setting_field(&f, &setting_defs[i]);
	buf_adds(&r->out, "<button type=\"submit\">Save</button>\n");
	form_close(&f);
}

int
settings_page(struct request *r, const struct refused_form *f, int status, const char *answer)
{
	struct okra_err err = {0};

	if (app_may_change_settings(r->app, &err) < 0)
		return page_error(r, 403, "Not allowed", err.msg);
	page_begin(r, "Settings", "settings");
	buf_adds(&r->out,
		 "<h1>Settings</h1>\n<p class=\"sub\">Each form saves its own settings in one "
		 "step; every change is in the <a href=\"/audit?entity=setting\">audit "
		 "trail</a>. Secrets are never shown again: type a new one to replace it.</p>\n");
	for (int g = 0; g < SETTING_NGROUPS; g++) {
		group_form(r, (enum setting_group)g, f);
		if (g == SETTING_REMINDERS)
			page_settings_test_forms(r, f, answer);
	}
	return page_end(r, status);
}

int
h_page_settings(struct request *r)
{
	return settings_page(r, NULL, 200, NULL);
}
