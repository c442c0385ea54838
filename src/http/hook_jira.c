/*
 * hook_jira.c: a Jira webhook payload (jira:issue_updated, jira:issue_created) parsed into what
 * app_hook_apply needs: the issue's key, whether its status category is now done, and when.
 */
#include "http/hook_parse.h"

#include <string.h>
#include <strings.h>

#include "core/ref.h"

/* Resolutions that close an issue without doing it: they follow the not-planned setting. */
static const char *const not_planned[] = {"Won't Do", "Won't Fix", "Duplicate", "Cannot Reproduce",
					  NULL};

static const char *
str_at(json_t *o, const char *a, const char *b)
{
	json_t *x = json_object_get(o, a);

	return json_string_value(b ? json_object_get(x, b) : x);
}

/* The changelog's item of field "status" or "resolution" (the last one), or NULL. */
static json_t *
change_of(json_t *j, const char *field)
{
	json_t *items = json_object_get(json_object_get(j, "changelog"), "items"), *it,
	       *found = NULL;
	size_t i;

	json_array_foreach(items, i, it)
	{
		const char *f = str_at(it, "field", NULL), *id = str_at(it, "fieldId", NULL);

		if ((f && !strcmp(f, field)) || (id && !strcmp(id, field)))
			found = it;
	}
	return found;
}

/*
 * Is the issue done now? From fields.status.statusCategory.key, else from
 * whether it has a resolution (fields.resolution, else the changelog's).
 * Returns 1 or 0, or -1 when the payload says neither.
 */
static int
is_done(json_t *j, json_t *fields)
{
	const char *cat = str_at(json_object_get(fields, "status"), "statusCategory", "key");
	json_t *res = json_object_get(fields, "resolution"), *ch;

	if (cat)
		return !strcmp(cat, "done");
	if (res)
		return json_is_object(res);
	if ((ch = change_of(j, "resolution")))
		return json_is_string(json_object_get(ch, "to"));
	return -1;
}

/* The resolution's name: fields.resolution.name, else the changelog's new value. */
static const char *
resolution_name(json_t *j, json_t *fields)
{
	const char *name = str_at(fields, "resolution", "name");

	return name ? name : str_at(change_of(j, "resolution"), "toString", NULL);
}

/*
 * The key's address on the site of issue.self (…/rest/api/N/issue/ID), in
 * p->url — only for a key that is one, so that no other text can make it
 * another forge's address.
 */
static void
browse_url(json_t *issue, const char *key, struct hook_parse *p)
{
	const char *self = str_at(issue, "self", NULL), *rest;
	struct buf canon = BUF_INIT;
	enum ref_kind kind = REF_URL;

	if (ref_parse(key, "key", &canon, &kind, NULL) < 0 || kind != REF_JIRA || !self ||
	    !(rest = strstr(self, "/rest/api/"))) {
		buf_release(&canon);
		return;
	}
	buf_release(&canon);
	buf_add(&p->url, self, (size_t)(rest - self));
	buf_addf(&p->url, "/browse/%s", key);
	p->ev.refs[1] = p->url.buf;
}

/* What the issue's state says to do, or HOOK_NONE with p->ignored. */
static void
action(json_t *j, json_t *fields, int created, struct hook_parse *p)
{
	int done = is_done(j, fields);
	const char *res;

	if (done < 0) {
		p->ignored =
			"the payload says neither fields.status.statusCategory nor the "
			"resolution";
		return;
	}
	if (!done) {
		p->ev.action = created ? HOOK_NONE : HOOK_REOPEN;
		if (created)
			p->ignored = "the issue was created open";
		return;
	}
	p->ev.action = HOOK_CLOSE;
	res = resolution_name(j, fields);
	for (int i = 0; res && not_planned[i]; i++)
		if (!strcasecmp(res, not_planned[i])) {
			p->ev.action = HOOK_CLOSE_NOT_PLANNED;
			p->ignored =
				"resolved as not done (Won't Do, Duplicate …): the setting "
				"github_not_planned says ignore";
		}
}

int
hook_parse_jira(json_t *j, struct hook_parse *p)
{
	const char *event = str_at(j, "webhookEvent", NULL), *key;
	json_t *issue = json_object_get(j, "issue"), *ts = json_object_get(j, "timestamp");
	int created;

	p->ev.forge = HOOK_JIRA;
	if (!event)
		return hook_bad(p, "webhookEvent is missing", "webhookEvent");
	created = !strcmp(event, "jira:issue_created");
	if (!created && strcmp(event, "jira:issue_updated")) {
		p->ignored = "okra acts on jira:issue_updated and jira:issue_created only";
		return 0;
	}
	key = str_at(issue, "key", NULL);
	if (!json_is_object(issue) || !key || !*key)
		return hook_bad(p, "issue.key is missing", "issue");
	if (ts && (!json_is_integer(ts) || json_integer_value(ts) < 0))
		return hook_bad(p, "timestamp is not a time in milliseconds", "timestamp");
	buf_adds(&p->ref, key);
	p->ev.refs[0] = p->ref.buf;
	browse_url(issue, key, p);
	p->ev.at = ts ? (int64_t)(json_integer_value(ts) / 1000) : 0;
	if (!created && !change_of(j, "status") && !change_of(j, "resolution")) {
		p->ignored = "neither the status nor the resolution changed";
		return 0;
	}
	action(j, json_object_get(issue, "fields"), created, p);
	return 0;
}
