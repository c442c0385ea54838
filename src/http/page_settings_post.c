/* page_settings_post.c: a form of /settings saved — the settings of one group that were changed
 * (a secret only when a new one is typed or it is cleared), in one transaction.
 */
#include "http/page.h"

#include <string.h>

#include "http/handler.h"
#include "app/settings.h"

/* The group named by the posted "group", or -1. */
static int
posted_group(struct request *r)
{
	struct buf g = BUF_INIT;
	int found = -1;

	page_form(r, "group", &g);
	for (int i = 0; i < SETTING_NGROUPS && g.buf; i++)
		if (!strcmp(g.buf, page_settings_groups[i]))
			found = i;
	buf_release(&g);
	return found;
}

/*
 * What changed of d into *c, its text kept in val: a value shown that differs
 * from the one now in force; a hidden one typed anew, or cleared. 1 if so.
 */
static int
changed(struct request *r, const struct setting_def *d, struct buf *val, struct setting_change *c)
{
	struct okra_err err = {0};
	struct buf now = BUF_INIT, clear = BUF_INIT, name = BUF_INIT;
	int has = page_form(r, d->name, val), yes = 0;

	if (page_setting_hidden(d)) {
		buf_addf(&name, "clear-%s", d->name);
		if (has && val->len)
			yes = 1;
		else if (page_form(r, name.buf, &clear) && clear.len)
			yes = 1, buf_reset(val);
	} else if (has) {
		app_setting_shown(r->app, d, &now, &err);
		yes = strcmp(val->buf ? val->buf : "", now.buf ? now.buf : "") != 0;
	}
	*c = (struct setting_change){d->name, val->buf ? val->buf : ""};
	buf_release(&now);
	buf_release(&clear);
	buf_release(&name);
	return yes;
}

int
h_page_settings_post(struct request *r)
{
	struct setting_change c[32];
	struct buf vals[32], url = BUF_INIT;
	struct okra_err err = {0};
	size_t n = 0, nv = 0;
	int g, rc = 0;

	if (page_form_check(r) < 0)
		return 0;
	if (app_may_change_settings(r->app, &err) < 0)
		return page_error(r, 403, "Not allowed", err.msg);
	if ((g = posted_group(r)) < 0)
		return page_error(r, 400, "No such form", "That form is not on the settings page.");
	for (size_t i = 0; i < setting_count && nv < 32; i++) {
		if (setting_defs[i].group != (enum setting_group)g)
			continue;
		vals[nv] = (struct buf)BUF_INIT;
		if (changed(r, &setting_defs[i], &vals[nv], &c[n]))
			n++;
		nv++;
	}
	if (n)
		rc = app_settings_save(r->app, c, n, &err);
	if (rc == OKRA_EFORBIDDEN) {
		page_error(r, 403, "Not allowed", err.msg);
	} else if (rc < 0) {
		settings_page(r, &(struct refused_form){page_settings_groups[g], &err},
			      form_status(rc), NULL);
	} else {
		buf_addf(&url, "/settings%s%s#%s", n ? "?saved=" : "",
			 n ? page_settings_groups[g] : "", page_settings_groups[g]);
		page_redirect(r, url.buf);
	}
	for (size_t i = 0; i < nv; i++)
		buf_release(&vals[i]);
	buf_release(&url);
	return 0;
}
