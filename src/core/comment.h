/* comment.h: a comment of the conversation (issue 19): its shape, its body's check, its @mentions.
 */
#ifndef OKRA_COMMENT_H
#define OKRA_COMMENT_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

/* A comment's body is Markdown, as long as a description may be (TEXT_MAX). */
#define COMMENT_MAX 20000
/* A body names at most this many people; the rest of its @words are plain text. */
#define COMMENT_MENTIONS_MAX 20

/*
 * A comment as read: on an objective, or narrowed to one of its KRs or a
 * check-in of one (key_result, checkin: 0 when not). parent is the comment it
 * answers (0: none). A removed comment keeps its place in the thread with an
 * empty body (deleted_at set, deleted_by who removed it). Strings belong to
 * the arena the read was given.
 */
struct comment {
	int64_t id, objective, key_result, checkin, parent;
	int64_t author;
	const char *author_handle, *author_name;
	const char *body;
	int64_t created_at, edited_at, deleted_at; /* UTC seconds; 0 = never */
	const char *deleted_by;                    /* handle, or NULL */
	int64_t version;
	size_t revisions;   /* bodies it has had (1 = never edited) */
	int64_t checkin_at; /* when the check-in it is on was made (0: not on one) */
};

/* One body a comment had, and since when. */
struct comment_revision {
	int64_t id;
	const char *body;
	int64_t at;
};

/* What a mention or a reply tells a person (their page, the chat post, the mail). */
struct comment_notice {
	int64_t id, comment, objective;
	const char *reason; /* "mention" or "reply" */
	int64_t at;
	const char *author_handle, *objective_title, *body; /* body "" once removed */
};

/* Not empty once trimmed, valid UTF-8, no control characters but new lines and tabs,
 * at most COMMENT_MAX bytes; field names the refused field. */
int comment_check_body(const char *field, const char *body, struct okra_err *err);

/*
 * The next @handle of s from *pos: 1 with the handle in out (NUL-ended) and *pos
 * past it, 0 when there is none left. An @ counts only at the start or after a
 * character that cannot be in an address (so pat@example.com names nobody), and
 * the handle is read as a handle is written (a-z, 0-9, then also . _ -), its
 * trailing . _ - left out so that "ask @pat." names pat.
 */
int comment_next_mention(const char *s, size_t *pos, char out[41]);

#endif
