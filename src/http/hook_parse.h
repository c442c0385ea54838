/*
 * hook_parse.h: a forge's or Jira's webhook payload parsed into what
 * app_hook_apply needs (api_hooks.c, hook_jira.c), and the hooks' header check
 * before a body is kept (api_hooks.c).
 */
#ifndef OKRA_HTTP_HOOK_PARSE_H
#define OKRA_HTTP_HOOK_PARSE_H

#include <jansson.h>

#include "app/app.h"
#include "util/buf.h"
#include "app/hooks.h"

/* The parsed payload; ref, delivery, project and url own the strings ev points to. */
struct hook_parse {
	struct hook_event ev;
	struct buf ref, delivery, project, url;
	const char *ignored; /* why nothing is done (an event or action okra does not act on) */
	const char *detail, *field; /* why the payload is refused (a 400), and the field at fault */
};
/*
 * The GitLab, GitHub or Jira payload j (event: GitHub's X-GitHub-Event) into p:
 * 0 (p->ignored set when okra does nothing with it), or -1 with p->detail.
 */
int hook_parse(enum hook_forge forge, const char *event, json_t *j, struct hook_parse *p);
/*
 * Jira (hook_jira.c): jira:issue_updated whose changelog changes the status or
 * the resolution, and jira:issue_created, closes the key when its
 * status category is done (a resolution of Won't Do, Won't Fix, Duplicate or
 * Cannot Reproduce: not planned) and reopens it otherwise (updated only); the
 * event's time is timestamp (milliseconds); the key's address on the site of
 * issue.self is the second name, so the site is known.
 */
int hook_parse_jira(json_t *j, struct hook_parse *p);
/* Why a payload is refused: p->detail and p->field set; returns -1. */
int hook_bad(struct hook_parse *p, const char *detail, const char *field);

/*
 * As the headers of a POST /hooks/… arrive (r->app ready): 1 when its secret is
 * a header and right (GitLab's X-Gitlab-Token: the body is kept as an
 * authenticated one), 2 when a signature of the body comes (GitHub's
 * X-Hub-Signature-256, GitLab's webhook-signature: the body is kept within the
 * signed deliveries' total), 0 for a GitHub delivery with no signature (kept
 * as an anonymous body, answered 401), -1 when GitLab's credentials are
 * missing or wrong (no body is kept; the handler answers 401).
 */
struct request;
int hook_peek(struct request *r);

#endif
