/* tree.c: reading use cases — the rolled-up tree, what is due this week (R8) and lint. */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/progress.h"
#include "store/store.h"
#include "util/xalloc.h"
#include "app/tree.h"

#define SECONDS_PER_DAY 86400
#define DUE_EVERYONE (-1)

static int
load(struct app *a, struct arena *ar, int64_t cycle, struct app_tree *t, struct okra_err *err)
{
	int rc;

	if ((rc = store_tree_load(a->db, ar, cycle, &t->v, &t->n, err)) < 0)
		return rc;
	if (progress_rollup(ar, t->v, t->n, &t->roots, &t->nroots) < 0)
		return okra_err_set(err, OKRA_EDB, "", "objectives are aligned in a loop");
	return app_tree_pace(a, t, a->today, err);
}

int
app_cycle_or_quarter(struct app *a, struct arena *ar, const char *name, int32_t day,
		     struct cycle *c, struct okra_err *err)
{
	char d[11];
	int rc;

	if (name && *name)
		return store_cycle_by_name(a->db, ar, name, c, err);
	rc = store_cycle_containing(a->db, ar, day, CYCLE_QUARTER, c, err);
	if (rc == OKRA_ENOTFOUND) {
		cal_format_date(day, d);
		okra_err_set(err, rc, "cycle",
			     "no quarter contains %s: name one with --cycle, or plan the year with "
			     "okra cycle year NAME --start YYYY-MM-DD",
			     d);
		okra_err_plain(err, "no quarter contains %s: name a cycle, or plan the year first",
			       d);
	}
	return rc;
}

int
app_tree(struct app *a, struct arena *ar, const char *cycle, struct app_tree *t,
	 struct okra_err *err)
{
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = app_cycle_or_quarter(a, ar, cycle, a->today, &t->cycle, err)) < 0)
		return rc;
	return load(a, ar, t->cycle.id, t, err);
}

int
app_objective_tree(struct app *a, struct arena *ar, int64_t id, struct app_tree *t, size_t *idx,
		   struct okra_err *err)
{
	struct objective_row o = {0};
	int rc;

	memset(t, 0, sizeof(*t));
	if ((rc = store_objective_get(a->db, ar, id, &o, err)) < 0)
		return rc;
	/* Everything aligned under o lies in o's cycle or the cycles under it (R1). */
	if ((rc = store_cycle_get(a->db, ar, o.cycle, &t->cycle, err)) < 0)
		return rc;
	if ((rc = load(a, ar, o.cycle, t, err)) < 0)
		return rc;
	*idx = app_tree_find(t, id);
	if (*idx == (size_t)-1)
		rc = okra_err_set(err, OKRA_ENOTFOUND, "objective", "no objective with id %lld",
				  (long long)id);
	return rc;
}

size_t
app_tree_find(const struct app_tree *t, int64_t id)
{
	size_t lo = 0, hi = t->n;

	/* store_tree_load sorts by id. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].id == id)
			return mid;
		if (t->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

static int
has_id(const int64_t *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] == id)
			return 1;
		if (v[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * A person as the due scan asks about them once per KR (40,000 on a large tree): what is
 * known of them for the day is worked out once per person, not once per KR.
 */
struct due_person {
	const struct person *p;
	uint32_t rank; /* their place by handle (handles are unique): items sort as handles do */
	int exempt;    /* a viewer or a new joiner on the day: owes nothing */
};

static int
cmp_person_id(const void *x, const void *y)
{
	const struct due_person *a = x, *b = y;

	return a->p->id < b->p->id ? -1 : a->p->id > b->p->id;
}

static int
cmp_person_handle(const void *x, const void *y)
{
	const struct due_person *const *a = x, *const *b = y;

	return strcmp((*a)->p->handle, (*b)->p->handle);
}

/* by_id: the people sorted by id. */
static const struct due_person *
person_of(const struct due_person *by_id, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (by_id[mid].p->id == id)
			return &by_id[mid];
		if (by_id[mid].p->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void
due_push(struct due_list *d, const struct due_person *dp, const struct objective *o,
	 const struct key_result *kr, int done)
{
	const struct person *p = dp->p;
	struct due_item *x;

	ALLOC_GROW(d->v, d->n + 1, d->alloc);
	x = &d->v[d->n++];
	x->person = p->id;
	x->rank = dp->rank;
	x->handle = xstrdup(p->handle);
	x->objective = o->id;
	x->cycle = o->cycle;
	x->key_result = kr ? kr->id : 0;
	x->title = xstrdup(kr ? kr->title : o->title);
	x->team = o->team_slug ? xstrdup(o->team_slug) : NULL;
	x->last_at = kr ? kr->last_checkin_at : o->last_status_at;
	x->done = done;
}

static int
cmp_due(const void *a, const void *b)
{
	const struct due_item *x = a, *y = b;

	/* By handle: the rank of the one person a handle names, so no string compared. */
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->objective != y->objective)
		return x->objective < y->objective ? -1 : 1;
	if (x->key_result != y->key_result)
		return x->key_result < y->key_result ? -1 : 1;
	return 0;
}

/* What app_due needs besides the objectives: the week's window, cycles, people, who updated. */
struct due_scan {
	struct arena ar; /* the cycles and people */
	struct cycle *cycles;
	struct person *people;
	struct due_person *by_id; /* the people sorted by id */
	int64_t *checked, *reported;
	size_t ncycles, npeople, nchecked, nreported;
	int64_t only; /* app_duties: this person's items only, done ones too; 0 = app_due;
			 DUE_EVERYONE: everyone's, done ones too (app_due_week) */
};

static int
due_scan_load(struct app *a, int32_t day, struct due_list *out, struct due_scan *s,
	      struct okra_err *err)
{
	struct due_person **by_handle;
	int64_t since, until;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(s, 0, sizeof(*s));
	out->day = day;
	/* R15: the update day nearest `day`; its window opens 3 days before it, and what
	   counts is what was written from then to the end of the day asked about. */
	out->update_day = cal_update_day_for(day, a->update_weekday);
	since = (int64_t)(out->update_day - CAL_WINDOW_BEFORE) * SECONDS_PER_DAY;
	until = ((int64_t)day + 1) * SECONDS_PER_DAY;
	if ((rc = store_cycle_list(a->db, &s->ar, &s->cycles, &s->ncycles, err)) < 0 ||
	    (rc = store_person_list(a->db, &s->ar, &s->people, &s->npeople, err)) < 0 ||
	    (rc = store_krs_checked_in(a->db, since, until, &s->checked, &s->nchecked, err)) < 0 ||
	    (rc = store_objectives_with_status(a->db, since, until, &s->reported, &s->nreported,
					       err)) < 0)
		return rc;
	s->by_id = xreallocarray(NULL, s->npeople ? s->npeople : 1, sizeof(*s->by_id));
	by_handle = xreallocarray(NULL, s->npeople ? s->npeople : 1, sizeof(*by_handle));
	for (size_t i = 0; i < s->npeople; i++) {
		const struct person *p = &s->people[i];

		s->by_id[i] = (struct due_person){
			p, 0, p->role == ROLE_VIEWER || cal_is_new_joiner(p->joined_on, day)};
	}
	qsort(s->by_id, s->npeople, sizeof(*s->by_id), cmp_person_id);
	for (size_t i = 0; i < s->npeople; i++)
		by_handle[i] = &s->by_id[i];
	qsort(by_handle, s->npeople, sizeof(*by_handle), cmp_person_handle);
	for (size_t i = 0; i < s->npeople; i++)
		by_handle[i]->rank = (uint32_t)i;
	free(by_handle);
	return 0;
}

static void
due_scan_release(struct due_scan *s)
{
	free(s->checked);
	free(s->reported);
	free(s->by_id);
	arena_release(&s->ar);
}

/* The running objective o of cycle c: its KRs not checked in and its missing status, if owed
 * (with s->only, that person's and those already updated too, marked done). */
static void
due_objective(const struct due_scan *s, const struct objective *o, struct due_list *out)
{
	const struct due_person *p;
	int done;

	if (o->state != STATE_ACTIVE)
		return;
	for (size_t k = 0; k < o->nkrs; k++) {
		p = person_of(s->by_id, s->npeople, o->krs[k].dri);
		if (!p || p->exempt || (s->only > 0 && p->p->id != s->only))
			continue;
		done = has_id(s->checked, s->nchecked, o->krs[k].id);
		if (!done || s->only)
			due_push(out, p, o, &o->krs[k], done);
	}
	p = person_of(s->by_id, s->npeople, o->dri);
	if (!p || p->exempt || !o->nkrs || (s->only > 0 && p->p->id != s->only))
		return;
	done = has_id(s->reported, s->nreported, o->id);
	if (!done || s->only)
		due_push(out, p, o, NULL, done);
}

static int
due_run(struct app *a, int32_t day, int64_t only, struct due_list *out, struct okra_err *err)
{
	struct arena ar = ARENA_INIT; /* one cycle's objectives at a time */
	struct due_scan s;
	int rc;

	if ((rc = due_scan_load(a, day, out, &s, err)) < 0)
		goto out;
	s.only = only;
	for (size_t c = 0; c < s.ncycles; c++) {
		struct objective *v = NULL;
		size_t n = 0;

		if (s.cycles[c].starts_on > day || s.cycles[c].ends_on < day)
			continue;
		if ((rc = store_tree_load(a->db, &ar, s.cycles[c].id, &v, &n, err)) < 0)
			goto out;
		/* Only this cycle's own objectives. */
		for (size_t i = 0; i < n; i++)
			if (v[i].cycle == s.cycles[c].id)
				due_objective(&s, &v[i], out);
		arena_reset(&ar);
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_due);
out:
	arena_release(&ar);
	due_scan_release(&s);
	if (rc < 0)
		due_list_release(out);
	return rc;
}

int
app_due(struct app *a, int32_t day, struct due_list *out, struct okra_err *err)
{
	return due_run(a, day, 0, out, err);
}

int
app_due_week(struct app *a, int32_t day, struct due_list *out, struct okra_err *err)
{
	return due_run(a, day, DUE_EVERYONE, out, err);
}

int
app_duties(struct app *a, int32_t day, int64_t person, struct due_list *out, struct okra_err *err)
{
	return person > 0 ? due_run(a, day, person, out, err)
			  : okra_err_set(err, OKRA_EINVAL, "person", "No one is signed in.");
}

int
app_due_among(struct app *a, int32_t day, const struct objective *v, size_t n, struct due_list *out,
	      struct okra_err *err)
{
	struct due_scan s;
	int rc;

	if ((rc = due_scan_load(a, day, out, &s, err)) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; c < s.ncycles; c++) {
			if (s.cycles[c].id != v[i].cycle)
				continue;
			if (s.cycles[c].starts_on <= day && s.cycles[c].ends_on >= day)
				due_objective(&s, &v[i], out);
			break;
		}
	}
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), cmp_due);
out:
	due_scan_release(&s);
	if (rc < 0)
		due_list_release(out);
	return rc;
}

void
due_list_release(struct due_list *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].handle);
		free(d->v[i].title);
		free(d->v[i].team);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->alloc = 0;
}

int
app_lint(struct app *a, const char *cycle, struct lint_report *r, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct app_tree t = {0};
	int rc;

	if (cycle && *cycle)
		rc = app_tree(a, &ar, cycle, &t, err);
	else
		rc = load(a, &ar, 0, &t, err);
	for (size_t i = 0; rc == 0 && i < t.n; i++)
		if (t.v[i].state != STATE_CLOSED)
			lint_objective(&t.v[i], r);
	arena_release(&ar);
	return rc < 0 ? rc : 0;
}
