/* hook_parse.h: a forge's webhook payload parsed into what app_hook_apply needs (api_hooks.c). */
#ifndef OKRA_HTTP_HOOK_PARSE_H
#define OKRA_HTTP_HOOK_PARSE_H

#include <jansson.h>

#include "app/app.h"
#include "util/buf.h"
#include "app/hooks.h"

/* The parsed payload; ref and delivery own the strings ev points to. */
struct hook_parse {
	struct hook_event ev;
	struct buf ref, delivery;
	const char *ignored; /* why nothing is done (an event or action okra does not act on) */
	const char *detail, *field; /* why the payload is refused (a 400), and the field at fault */
};
/*
 * The GitLab or GitHub payload j (event: GitHub's X-GitHub-Event) into p: 0
 * (p->ignored set when okra does nothing with it), or -1 with p->detail.
 */
int hook_parse(enum hook_forge forge, const char *event, json_t *j, struct hook_parse *p);

#endif
