/* reads.h: the reads besides the tree (reads.c): people, teams, cycles, a KR's history, the audit
 * trail, counts and the store revision. */
#ifndef OKRA_APP_READS_H
#define OKRA_APP_READS_H

#include <stddef.h>
#include <stdint.h>

#include "core/history.h"
#include "core/search.h"
#include "core/types.h"
#include "util/buf.h"
#include "util/err.h"

struct app;
struct arena;

/*
 * Reads besides the tree, open to every role. What takes an arena reads its
 * rows and their strings into it (nothing to release); the others' output is
 * the caller's, as each says.
 */
int app_is_empty(struct app *a, int *empty, struct okra_err *err);
int app_people(struct app *a, struct arena *ar, struct person **v, size_t *n, struct okra_err *err);
int app_person(struct app *a, struct arena *ar, const char *handle, struct person *out,
	       struct okra_err *err);
int app_teams(struct app *a, struct arena *ar, struct team **v, size_t *n, struct okra_err *err);
int app_team(struct app *a, struct arena *ar, const char *slug, struct team *out,
	     struct okra_err *err);
int app_team_members(struct app *a, int64_t team, struct strlist *handles, struct okra_err *err);
/* Every membership at once: teams[i] has member handles->v[i] (caller frees teams). */
int app_memberships(struct app *a, int64_t **teams, struct strlist *handles, struct okra_err *err);
int app_cycles(struct app *a, struct arena *ar, struct cycle **v, size_t *n, struct okra_err *err);
/* A KR with criteria, initiatives and progress (in ar), and its check-ins oldest first. */
int app_kr(struct app *a, struct arena *ar, int64_t id, struct key_result *out,
	   struct checkin **history, size_t *n, struct okra_err *err);
/* The KR alone (criteria, initiatives, progress; no history, no pace): what a form needs. */
int app_kr_row(struct app *a, struct arena *ar, int64_t id, struct key_result *out,
	       struct okra_err *err);
/* Every check-in on an objective's KRs, oldest first (in ar): its progress over time. */
int app_objective_checkins(struct app *a, struct arena *ar, int64_t objective, struct checkin **v,
			   size_t *n, struct okra_err *err);
/*
 * What the objective page shows of a long history, oldest first (in ar): its
 * charts' points, the last check-in of each KR on each day (UTC), and its
 * latest limit check-ins.
 */
int app_objective_checkins_daily(struct app *a, struct arena *ar, int64_t objective,
				 struct checkin **v, size_t *n, struct okra_err *err);
int app_objective_checkins_latest(struct app *a, struct arena *ar, int64_t objective, int limit,
				  struct checkin **v, size_t *n, struct okra_err *err);
/* An objective's weekly status updates, oldest first (R8), in ar. */
int app_status_history(struct app *a, struct arena *ar, int64_t objective, struct status_update **v,
		       size_t *n, struct okra_err *err);

/*
 * The audit trail (admins and leaders): newest first, paged by id, as q says
 * (core/history.h); the caller releases each row (audit_row_release) and frees *v.
 */
int app_audit_list(struct app *a, const struct audit_query *q, struct audit_row **v, size_t *n,
		   struct okra_err *err);
/*
 * audit.c: the audit filters as typed (the API's and /audit's query) into q. entity: one of
 * app_audit_entities; id: a number or, for a person, team or cycle, its handle, slug or name;
 * actor: a handle; from, to: dates (YYYY-MM-DD, UTC, both days included); objective: an
 * objective's id (it and its key results). NULL or "" = not given. Admins and leaders only
 * (else OKRA_EFORBIDDEN); a value that is not one is OKRA_EINVAL naming its field. q points at
 * the typed strings, which must outlive it; what is looked up is read into ar.
 */
struct audit_typed {
	const char *entity, *id, *actor, *from, *to, *objective;
};
extern const char *const app_audit_entities[];
int app_audit_query(struct app *a, struct arena *ar, const struct audit_typed *t,
		    struct audit_query *q, struct okra_err *err);
/* For /metrics: objectives by state (draft, active, closed) and key results. */
int app_counts(struct app *a, int64_t objectives[3], int64_t *key_results, struct okra_err *err);
/* The store revision (grows with every write): what caches are keyed on. */
int app_revision(struct app *a, int64_t *rev, struct okra_err *err);
/*
 * Where a person opens the epic or issue of ref (core/ref.h's ref_url: the URL
 * given, else the host forge_items recorded for it, else under base, the
 * setting forge_url): appended to out, 1; or 0 when it stays text.
 */
int app_ref_url(struct app *a, const char *ref, const char *base, struct buf *out);

/*
 * Search (search.c): the hits for the text q, title hits first, at most limit
 * (1..SEARCH_LIMIT_MAX), in ar. A query longer than SEARCH_QUERY_MAX, not
 * UTF-8 or with control characters is refused (field "q"); one of no word
 * finds nothing.
 */
int app_search(struct app *a, struct arena *ar, const char *q, int limit, struct search_hit **v,
	       size_t *n, struct okra_err *err);

#endif
