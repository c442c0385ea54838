/* comments.h: the conversation (issue 19): comments on an objective, a KR or a check-in, their
 * edits (history kept) and removal, @mentions and replies told to the person (notices). */
#ifndef OKRA_APP_COMMENTS_H
#define OKRA_APP_COMMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "core/comment.h"
#include "util/arena.h"
#include "util/err.h"

struct jw;

/*
 * Who: anyone signed in but a viewer comments (a member need not be a DRI
 * nor on the team: docs/decisions.md, "Conversation"); only its author edits
 * a comment; its author or an admin removes it. A closed objective's
 * conversation is read-only, as the objective is (R11).
 */

/* 0 when the actor may comment (anyone signed in but a viewer), else the refusal. */
int app_may_comment(struct app *a, struct okra_err *err);

/* What a new comment is on: exactly one of objective, key_result, checkin, or only parent. */
struct comment_input {
	int64_t objective, key_result, checkin;
	int64_t parent; /* the comment it answers (its target is the parent's when none given) */
	const char *body;
};
/*
 * Add a comment; *id is its id. Each @handle of the body naming an active
 * person is kept as a mention, and the people mentioned, and the author of
 * the comment it answers, are told (a notice on their page, one send per
 * channel the reminders use) — never the author themself.
 */
int app_comment_add(struct app *a, const struct comment_input *in, int64_t *id,
		    struct okra_err *err);
/* A new body (its author only); the old one stays as a revision; new mentions are told. */
int app_comment_edit(struct app *a, int64_t id, const char *body, struct okra_err *err);
/* Removed (its author or an admin): shown as removed, its words gone. */
int app_comment_delete(struct app *a, int64_t id, struct okra_err *err);

/* One comment, with its revisions (oldest first) and the handles it mentions when asked. */
struct comment_full {
	struct comment c;
	struct comment_revision *revisions;
	size_t nrevisions;
	const char **mentions;
	size_t nmentions;
};
int app_comment_get(struct app *a, struct arena *ar, int64_t id, struct comment_full *out,
		    struct okra_err *err);
/*
 * The comments on an objective, a KR or a check-in (exactly one not 0), oldest
 * first; the thing must exist (OKRA_ENOTFOUND names it).
 */
int app_comments_list(struct app *a, struct arena *ar, int64_t objective, int64_t key_result,
		      int64_t checkin, struct comment **v, size_t *n, struct okra_err *err);

/* A comment as JSON (the API, the CLI's --json): revisions and mentions when full has them. */
void app_jw_comment(struct jw *w, const struct comment *c, const struct comment_full *full);

/* The actor's notices, newest first (at most limit), and the newest they had seen before. */
int app_notices(struct app *a, struct arena *ar, size_t limit, struct comment_notice **v, size_t *n,
		int64_t *seen, struct okra_err *err);
/* The actor has seen every notice up to upto. */
int app_notices_seen(struct app *a, int64_t upto, struct okra_err *err);

/* For src/notify: a notice's send that is due, worded. */
struct comment_send {
	int64_t id, attempts;
	char channel[16];
	char *handle, *email; /* email NULL: none */
	char *subject, *text; /* the mail's subject; the message, with the link to the comment */
	int drop;             /* nothing to send any more (the person left, the comment removed) */
};
/* The due sends (retry_at <= now_ms), worded with base_url; free with app_comment_sends_free. */
int app_comment_sends_due(struct app *a, int64_t now_ms, const char *base_url,
			  struct comment_send **v, size_t *n, struct okra_err *err);
void app_comment_sends_free(struct comment_send *v, size_t n);
/* Take one (compare-and-set on its attempts: one process sends it); next try at retry_at. */
int app_comment_send_take(struct app *a, const struct comment_send *s, int64_t retry_at, int *taken,
			  struct okra_err *err);
/* Delivered (error NULL), or failed with error, next try at retry_at (0: given up). */
int app_comment_send_done(struct app *a, int64_t id, const char *error, int64_t retry_at,
			  struct okra_err *err);

#endif
