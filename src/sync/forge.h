/*
 * forge.h: what okra sync needs of one forge, as a table of functions
 * (gitlab.c, github.c, jira.c); sync.c runs every forge the same way from its entry
 * in sync_forges[]. A new forge is one more entry.
 */
#ifndef OKRA_SYNC_FORGE_H
#define OKRA_SYNC_FORGE_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "app/hooks.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/fetch.h"

/* One open item asked about, and what the forge answered of it. */
struct sync_item {
	const char *ref; /* canonical: group/project#12, group&4, group/project!3, owner/repo#7,
			    PROJ-12 */
	const char *container;   /* its project, group or repository: group/project, owner/repo,
				    PROJ */
	char kind;               /* '#' an issue, '&' an epic, '!' a merge request, '-' Jira's */
	int64_t num;             /* its number in its container */
	int found;               /* the forge answered about it */
	enum hook_action action; /* HOOK_NONE while it is open there */
	int64_t at;              /* the forge's updated_at (UTC seconds), 0 unknown */
	char state[32];          /* the forge's words for the report: "closed", "merged", … */
	char project[48];        /* the forge's id of its project ("gitlab:ID"), or "" */
};
/* Items of one forge in one container (project, group or repository) and of one kind. */
struct sync_batch {
	const char *container; /* "group/project", "owner/repo" */
	char kind;
	struct sync_item **v;
	size_t n;
};
/* One request: the URL (and a method and body for a forge that asks by POST). */
struct sync_call {
	const char *method; /* NULL = GET */
	struct buf url, body;
};
struct sync_forge {
	const char *name;        /* "gitlab": its settings NAME_api_token, NAME_api_url */
	enum hook_forge hook;    /* whose webhook path applies the answers */
	const char *default_url; /* the API's base when NAME_api_url is unset */
	size_t batch_max;        /* most items one request asks about */
	/* A setting joined before the token as "USER:TOKEN" (Jira's email), or NULL. */
	const char *user_setting;
	/* An item's host is the site with its context path (Jira: jira.example.com/jira). */
	int site_path;
	/* A 400 may mean one item of the batch does not exist (Jira refuses the whole
	 * query): the batch's items are asked one by one, and a 400 for one skips it. */
	int unknown_is_400;
	/* ref's container and kind (the part before #, & or ! and that mark): 0, or -1 when
	 * this forge cannot have such an item. */
	int (*split)(const char *ref, struct buf *container, char *kind, int64_t *num);
	/* The request headers carrying token ("Name: value" lines appended to h). */
	void (*auth)(const char *token, struct buf *h);
	/* The first request for the items b->v[0 .. n-1] under the API's base. */
	void (*request)(const char *base, const struct sync_batch *b, struct sync_call *c);
	/* One answer (a 2xx) into the items of b it names: 0, or -1 with err (its shape). */
	int (*parse)(json_t *answer, struct sync_batch *b, struct okra_err *err);
	/* The next page's request after cur answered ans: 1 (next set), 0 the last page. */
	int (*next)(const struct fetch_ans *ans, json_t *answer, const struct sync_call *cur,
		    struct sync_call *next);
	/* When ans is a rate limit: the seconds to wait before asking again (>= 1), else 0. */
	int64_t (*wait)(const struct fetch_ans *ans, int64_t now);
};
extern const struct sync_forge sync_gitlab, sync_github, sync_jira;

/* Shared by the forges (paging.c). */
/* The item of b numbered num, or NULL. */
struct sync_item *sync_batch_find(struct sync_batch *b, int64_t num);
/* The URL of Link's rel="next" appended to out: 1, or 0 when there is none. */
int sync_link_next(const struct fetch_ans *ans, struct buf *out);
/* A header's value as a whole number (>= 0), or -1 when absent or not one. */
int64_t sync_header_int(const struct fetch_ans *ans, const char *name);
/* s percent-encoded as one path segment (group/project -> group%2Fproject), appended. */
void sync_path_enc(struct buf *out, const char *s);

#endif
