/* kr_move.c: a key result put at another place among its objective's, or moved to another
 * objective of the same team and cycle with its history (check-ins, criteria, initiatives). */
#include "app/app_int.h"

#include <stdlib.h>

#include "app/json_write.h"
#include "app/objectives.h"
#include "store/store.h"

/* Whose an objective is, in a sentence: "platform's in FY2027-Q3". */
static const char *
owner_words(struct arena *ar, const struct objective_row *o)
{
	if (!o->team_slug)
		return arena_sprintf(ar, "the company's in %s", o->cycle_name);
	return arena_sprintf(ar, "%s's in %s", o->team_slug, o->cycle_name);
}

/* The objective `to` the KR may move to from `from`: open, editable, same team and cycle. */
static int
may_receive(struct app *a, struct arena *ar, int64_t kr, const struct objective_row *from,
	    const struct objective_row *to, struct okra_err *err)
{
	int rc;

	if (to->cycle != from->cycle || to->team != from->team)
		return okra_err_set(
			err, OKRA_EINVAL, "objective",
			"key result %lld moves only between objectives of the same team "
			"and cycle: objective %lld is %s, objective %lld is %s",
			(long long)kr, (long long)from->id, owner_words(ar, from),
			(long long)to->id, owner_words(ar, to));
	if ((rc = app_writable(to, err)) < 0 || (rc = app_may_edit_objective(a, to, err)) < 0)
		return rc;
	return 0;
}

/* Index in v[0..n) of id, or n. */
static size_t
index_of(const int64_t *v, size_t n, int64_t id)
{
	size_t i = 0;

	while (i < n && v[i] != id)
		i++;
	return i;
}

/* Where (0-based) the KR goes in the target's list without it, n long; or the refusal. */
static int
new_index(const struct kr_move *m, int64_t id, int64_t objective, size_t was, size_t n, int same,
	  struct okra_err *err)
{
	if (m->step) {
		long to = (long)was + m->step;

		if (to < 0 || (size_t)to > n)
			return okra_err_set(err, OKRA_ESTATE, "direction",
					    "key result %lld is already the %s of its objective",
					    (long long)id, m->step < 0 ? "first" : "last");
		return (int)to;
	}
	if (!m->position)
		return (int)n; /* another objective: at its end */
	if ((size_t)m->position > n + 1)
		return okra_err_set(err, OKRA_EINVAL, "position",
				    "position %lld is past the last: objective %lld %s %zu key "
				    "result%s",
				    (long long)m->position, (long long)objective,
				    same ? "has" : "would have", n + 1, n ? "s" : "");
	return (int)(m->position - 1);
}

static int
check_request(const struct kr_move *m, int other, struct okra_err *err)
{
	if (m->step && m->position)
		return okra_err_set(err, OKRA_EINVAL, "position",
				    "say a position, or up or down, not both");
	if (m->step && other)
		return okra_err_set(
			err, OKRA_EINVAL, "direction",
			"up and down move a key result within its objective; to move "
			"it to another objective, give that objective (and a position)");
	if (!m->step && !m->position && !other)
		return okra_err_set(err, OKRA_EINVAL, "position",
				    "say where to: a position, up or down, or another objective");
	if (m->position < 0)
		return okra_err_set(err, OKRA_EINVAL, "position",
				    "a position is a whole number from 1");
	return 0;
}

/* Number the list 1..n in its order, ids[at] being the moved KR (into `to`, version bumped). */
static int
renumber(struct app *a, const int64_t *ids, size_t n, int64_t to, int64_t moved,
	 struct okra_err *err)
{
	int rc;

	for (size_t i = 0; i < n; i++)
		if ((rc = store_kr_place(a->db, ids[i], to, (int64_t)i + 1, ids[i] == moved, err)) <
		    0)
			return rc;
	return 0;
}

static char *
place_text(int64_t objective, size_t position)
{
	struct app_text t;
	struct jw *w = app_text_begin(&t);

	jw_object(w);
	jw_kint(w, "objective", objective);
	jw_kint(w, "position", (int64_t)position);
	jw_end(w);
	return app_text_end(&t);
}

/* The old list without the KR into the arena's *rest; *was its index. */
static int
load_rest(struct app *a, struct arena *ar, int64_t objective, int64_t id, int64_t **rest, size_t *n,
	  size_t *was, struct okra_err *err)
{
	int rc;

	if ((rc = store_kr_order(a->db, ar, objective, rest, n, err)) < 0)
		return rc;
	*was = index_of(*rest, *n, id);
	if (*was < *n) {
		for (size_t i = *was; i + 1 < *n; i++)
			(*rest)[i] = (*rest)[i + 1];
		(*n)--;
	}
	return 0;
}

static int
move(struct app *a, struct arena *ar, int64_t id, const struct kr_move *m, struct okra_err *err)
{
	struct key_result kr = {0};
	struct objective_row from = {0}, to = {0};
	int64_t *rest = NULL, *old = NULL, *list;
	size_t n = 0, nold = 0, was = 0, owas = 0;
	int rc, at, other;

	if ((rc = store_kr_get(a->db, ar, id, &kr, err)) < 0 ||
	    (rc = store_objective_get(a->db, ar, kr.objective, &from, err)) < 0 ||
	    (rc = app_writable(&from, err)) < 0 || (rc = app_may_edit_objective(a, &from, err)) < 0)
		return rc;
	other = m->objective && m->objective != from.id;
	if ((rc = check_request(m, other, err)) < 0)
		return rc;
	if (other && ((rc = store_objective_get(a->db, ar, m->objective, &to, err)) < 0 ||
		      (rc = may_receive(a, ar, id, &from, &to, err)) < 0))
		return rc;
	if (!other)
		to = from;
	if ((rc = load_rest(a, ar, from.id, id, &old, &nold, &owas, err)) < 0)
		return rc;
	if (other && (rc = load_rest(a, ar, to.id, id, &rest, &n, &was, err)) < 0)
		return rc;
	if (!other) {
		rest = old;
		n = nold;
		was = owas;
	}
	if ((at = new_index(m, id, to.id, was, n, !other, err)) < 0)
		return at;
	list = arena_alloc(ar, (n + 1) * sizeof(*list));
	for (size_t i = 0, k = 0; i <= n; i++)
		list[i] = (int)i == at ? id : rest[k++];
	if ((rc = renumber(a, list, n + 1, to.id, id, err)) < 0 ||
	    (other && (rc = renumber(a, old, nold, from.id, 0, err)) < 0))
		return rc;
	return app_audit(a, "move", "key_result", id, place_text(from.id, owas + 1),
			 place_text(to.id, (size_t)at + 1), err);
}

int
app_kr_move(struct app *a, int64_t id, const struct kr_move *m, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = move(a, &ar, id, m, err);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}
