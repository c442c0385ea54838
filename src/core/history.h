/* history.h: what is kept as history: check-ins, status updates (R8), audit rows, API tokens. */
#ifndef OKRA_HISTORY_H
#define OKRA_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"

struct checkin {
	int64_t id, key_result;
	int64_t author; /* 0 = the system (an integration) */
	const char *author_handle;
	int64_t at;
	int has_value;
	double value;    /* metric KRs: the value measured */
	double progress; /* the KR's progress after this check-in (raw) */
	enum health health;
	const char *note;
	enum source source;
	int64_t on_behalf_of; /* R14: the DRI it was made for, 0 = the author's own */
	const char *on_behalf_handle;
};

struct status_line {
	int64_t key_result;
	const char *line;
};

struct status_update {
	int64_t id, objective;
	int64_t author;
	const char *author_handle;
	int64_t at;
	enum health health;
	int64_t on_behalf_of; /* R14: the DRI it was made for, 0 = the author's own */
	const char *on_behalf_handle;
	const struct status_line *lines;
	size_t nlines;
};

/* An audit row as listed: who did what to which entity, before and after as JSON texts. */
struct audit_row {
	int64_t id, at, entity_id;
	char *actor; /* handle, NULL = the system */
	char *action, *entity, *before, *after;
	/* Where the entity is shown, when it still exists: the objective it is (or is part of),
	 * 0 for none; the handle, slug or name of a person, team or cycle, else NULL. */
	int64_t objective;
	char *name;
};

/*
 * Which audit rows to read, newest first: each part left 0 (NULL) lets every row through. The
 * rows of one entity (entity, entity_id), or of an objective and its key results (objective);
 * by whom (actor, a handle); when (since <= at < until, UTC seconds); older than row before
 * (the keyset cursor of the next page); at most limit.
 */
struct audit_query {
	const char *entity;
	int64_t entity_id;
	int64_t objective;
	const char *actor;
	int64_t since, until;
	int64_t before;
	int limit;
};

/*
 * An API token as listed: never its secret nor the secret's hash, only what
 * tells tokens apart and whether one is still live.
 */
struct token_row {
	int64_t id;
	char *handle; /* whose token it is */
	char *name;   /* the label, "" for none */
	int64_t created_at;
	int64_t last_used_at; /* 0 = never used */
	int64_t revoked_at;   /* 0 = live */
};

/* Check-ins and status updates are read into an arena (store.h) and written from borrowed
 * strings: nothing to release. */
void audit_row_release(struct audit_row *r);
void token_row_release(struct token_row *r);

#endif
