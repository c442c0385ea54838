/* store_comments.h: typed queries for the conversation: comments, revisions, mentions, notices. */
#ifndef OKRA_STORE_COMMENTS_H
#define OKRA_STORE_COMMENTS_H

#include <stddef.h>
#include <stdint.h>

#include "core/comment.h"
#include "store/db.h"
#include "util/arena.h"
#include "util/err.h"

/*
 * Like store.h, none of these begin or commit a transaction; reads copy their
 * strings into the arena they are given.
 */

/* Insert c (objective, key_result, checkin, parent, author, body) and its first revision. */
int store_comment_add(struct db *db, const struct comment *c, int64_t now, int64_t *id,
		      struct okra_err *err);
/* One comment; OKRA_ENOTFOUND when there is none. */
int store_comment_get(struct db *db, struct arena *ar, int64_t id, struct comment *out,
		      struct okra_err *err);
/*
 * An objective's comments, oldest first; key_result or checkin (when not 0)
 * narrow them to that KR's or that check-in's.
 */
int store_comments_list(struct db *db, struct arena *ar, int64_t objective, int64_t key_result,
			int64_t checkin, struct comment **v, size_t *n, struct okra_err *err);
/* A new body: kept as a revision, edited_at = now, version + 1. */
int store_comment_edit(struct db *db, int64_t id, const char *body, int64_t now,
		       struct okra_err *err);
/* Removed by `by` at now (the row stays). */
int store_comment_delete(struct db *db, int64_t id, int64_t by, int64_t now, struct okra_err *err);
/* Every body the comment had, oldest first. */
int store_comment_revisions(struct db *db, struct arena *ar, int64_t id,
			    struct comment_revision **v, size_t *n, struct okra_err *err);
/* The people the comment's body names now: exactly people[0..n). */
int store_comment_mentions_set(struct db *db, int64_t id, const int64_t *people, size_t n,
			       struct okra_err *err);
/* The handles the comment names, in handle order. */
int store_comment_mentions(struct db *db, struct arena *ar, int64_t id, const char ***v, size_t *n,
			   struct okra_err *err);

/*
 * Tell person of comment (reason "mention" or "reply") unless they were told of
 * it already (*added = 0 then); a new notice gets one send per channel of
 * channels[0..nch), due at once.
 */
int store_notice_add(struct db *db, int64_t person, int64_t comment, const char *reason, int64_t at,
		     const char *const *channels, size_t nch, int *added, struct okra_err *err);
/* The person's newest notices first, at most limit. */
int store_notices(struct db *db, struct arena *ar, int64_t person, size_t limit,
		  struct comment_notice **v, size_t *n, struct okra_err *err);
/* The newest notice id the person has seen (0: none), and marking one seen (never backwards). */
int store_notice_seen_get(struct db *db, int64_t person, int64_t *seen, struct okra_err *err);
int store_notice_seen_set(struct db *db, int64_t person, int64_t seen, struct okra_err *err);

/* A send of a notice that is due, with what its message needs. */
struct store_comment_send {
	int64_t id, attempts;
	const char *channel;
	int64_t person;
	const char *handle, *email;
	int active; /* the person is not deactivated */
	struct comment_notice notice;
};
/* Sends not delivered whose try is due (retry_at <= now_ms), oldest first, at most 100. */
int store_comment_sends_due(struct db *db, struct arena *ar, int64_t now_ms,
			    struct store_comment_send **v, size_t *n, struct okra_err *err);
/* Take a due send (attempts still `seen`): attempts + 1, next try at retry_at (0: none). */
int store_comment_send_take(struct db *db, int64_t id, int64_t seen, int64_t retry_at, int *taken,
			    struct okra_err *err);
/* Delivered at `at`; or failed with error (300 bytes kept), next try at retry_at (0: none). */
int store_comment_send_done(struct db *db, int64_t id, int64_t at, const char *error,
			    int64_t retry_at, struct okra_err *err);

#endif
