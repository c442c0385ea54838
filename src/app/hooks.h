/* hooks.h: the GitLab, GitHub and Jira webhooks (hooks.c): checking a delivery's credential and
 * applying it once. */
#ifndef OKRA_APP_HOOKS_H
#define OKRA_APP_HOOKS_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct app;

/*
 * Webhooks from the forges and Jira (hooks.c). The HTTP layer checks the
 * credential with app_hook_verify (the secret is the setting
 * gitlab_webhook_secret, github_webhook_secret or jira_webhook_secret; unset =
 * webhooks refused), parses the payload and
 * hands app_hook_apply what it says. app_hook_apply acts as the system
 * (actor 0) and, in one transaction, records the delivery id (a replay changes
 * nothing) and closes or reopens each ref with SOURCE_INTEGRATION (R9) — only
 * an item of the delivering forge (app_ref_claim, the setting hook_short_refs),
 * and only when the event is not older than the last one applied to it.
 */
enum hook_forge { HOOK_GITLAB, HOOK_GITHUB, HOOK_JIRA };
enum hook_action { HOOK_NONE, HOOK_CLOSE, HOOK_CLOSE_NOT_PLANNED, HOOK_REOPEN };
/*
 * STALE: every item named had a later event applied already; FOREIGN: the
 * items named belong to the other forge (or another host), so nothing changed.
 */
enum hook_outcome {
	HOOK_APPLIED,
	HOOK_REPLAY,
	HOOK_IGNORED,
	HOOK_UNKNOWN_REF,
	HOOK_STALE,
	HOOK_FOREIGN
};
struct hook_event {
	enum hook_forge forge;
	const char *delivery;    /* the delivery id; required */
	enum hook_action action; /* HOOK_NONE: only recorded */
	const char *refs[2];     /* names of the one item (short form, URL); NULL = none */
	int64_t at;              /* the forge's time of the event (UTC seconds); 0 = not said */
	const char *project;     /* the forge's id of the item's project ("gitlab:ID"), or NULL */
};
/* 0 when credential matches (GitLab: the token; GitHub and Jira: "sha256=" and the hex
 * HMAC-SHA256 of body), else OKRA_EFORBIDDEN. Constant time in the secret's content. */
int app_hook_verify(struct app *a, enum hook_forge forge, const char *credential, const void *body,
		    size_t len, struct okra_err *err);
/*
 * GitLab's signed deliveries (webhook signing tokens, the Standard Webhooks
 * form): the headers webhook-id, webhook-timestamp and webhook-signature
 * ("v1,BASE64", several separated by spaces). 0 when one signature is the
 * HMAC-SHA256 of "ID.TIMESTAMP.BODY" keyed with the setting
 * gitlab_webhook_signing_token (whsec_ and the key in base64), else
 * OKRA_EFORBIDDEN. Constant time in the MAC's content.
 */
struct hook_signature {
	const char *id, *timestamp, *signature;
};
int app_hook_verify_signed(struct app *a, const struct hook_signature *s, const void *body,
			   size_t len, struct okra_err *err);
/*
 * Record the forge of an item created from ref as given (canon: its canonical
 * form) when ref is a forge's URL (core/ref.h ref_forge_of); call inside the
 * creating transaction, after the item is stored. A forge recorded before stays
 * while another item carries the ref.
 */
int app_ref_claim(struct app *a, const char *ref, const char *canon, struct okra_err *err);
int app_hook_apply(struct app *a, const struct hook_event *ev, enum hook_outcome *out,
		   int64_t *changed, struct okra_err *err);

/*
 * For okra sync: the open items okra tracks (the refs of open criteria,
 * initiatives and links on objectives that are not closed), each once, with
 * the host it was given on (NULL when unknown) and the forges whose webhook may
 * change it (bit 1 << enum hook_forge: its recorded forge, else by its shape and
 * the setting hook_short_refs, as app_hook_apply decides). *out in ar.
 */
struct hook_open_ref {
	const char *ref, *host;
	unsigned forges;
};
struct arena;
int app_hook_open_refs(struct app *a, struct arena *ar, struct hook_open_ref **out, size_t *n,
		       struct okra_err *err);
/*
 * A rehearsal (okra sync --dry-run): what is applied between begin and end is
 * undone at end, so the answers say what would change.
 */
int app_rehearse_begin(struct app *a, struct okra_err *err);
void app_rehearse_end(struct app *a);

#endif
