/* tree_kept.c: the tree of now kept between reads and patched after a check-in or a status
 * update (its KR, its objective and that objective's ancestors), with each objective's JSON. */
#include "app/app_int.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/json_write.h"
#include "core/pace.h"
#include "core/progress.h"
#include "store/store.h"
#include "util/pieces.h"
#include "util/xalloc.h"
#include "app/tree.h"

/*
 * A read asks for the tree at the store's newest revision (the newest audit id). The
 * keeper reads the audit rows written since the revision it holds, by any process: when
 * each is a check-in, a status update or an edit that leaves the tree's shape alone (no
 * objective moved, closed, opened or deleted, no KR added, moved or removed), it reloads
 * those KRs and objectives, redoes their roll-up, pace and forecast and each ancestor's, and
 * forgets their JSON; anything else, too many writes, another day or other pace settings
 * rebuild the tree whole (docs/decisions.md, "The kept tree").
 */
#define KEPT_SLOTS 2
#define CHANGES_MAX 256
#define PATCHES_MAX 8192 /* then rebuild, so patched rows do not pile up in the arena */
#define NO_PARENT ((size_t)-1)

struct kr_at {
	int64_t id;
	size_t obj, k;
};

struct kept {
	int used;
	char *cycle; /* its name */
	int32_t today;
	double attention, risk;
	int64_t rev;
	uint64_t last_use;
	unsigned patches;
	struct arena ar; /* the tree, its cycles, the rows patched in */
	struct app_tree t;
	struct cycle *cycles;
	size_t ncycles;
	size_t *parent;    /* each objective's parent's index, NO_PARENT at a root */
	struct kr_at *krs; /* every KR by id */
	size_t nkrs;
	struct piece **heads; /* each objective's JSON head (NULL: to write), shared by replies */
	uint64_t *stamps;     /* each objective's stamp: new whenever it may have changed */
	struct piece *top;    /* the tree's JSON head */
};

static pthread_mutex_t kept_mu = PTHREAD_MUTEX_INITIALIZER;
static struct kept slots[KEPT_SLOTS];
static uint64_t uses, n_patched, n_built, stamp;

void
app_kept_lock(void)
{
	pthread_mutex_lock(&kept_mu);
}

void
app_kept_unlock(void)
{
	pthread_mutex_unlock(&kept_mu);
}

static void
kept_drop(struct kept *k)
{
	if (k->heads)
		for (size_t i = 0; i < k->t.n; i++)
			piece_unref(k->heads[i]);
	free(k->heads);
	free(k->stamps);
	free(k->parent);
	free(k->krs);
	free(k->cycle);
	piece_unref(k->top);
	arena_release(&k->ar);
	memset(k, 0, sizeof(*k));
}

void
app_kept_counts(uint64_t *patched, uint64_t *built)
{
	app_kept_lock();
	*patched = n_patched;
	*built = n_built;
	app_kept_unlock();
}

void
app_kept_forget(void)
{
	app_kept_lock();
	for (size_t i = 0; i < KEPT_SLOTS; i++)
		kept_drop(&slots[i]);
	app_kept_unlock();
}

static int
cmp_kr_at(const void *x, const void *y)
{
	const struct kr_at *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

static struct kr_at *
kr_find(const struct kept *k, int64_t id)
{
	struct kr_at key = {.id = id};

	return k->nkrs ? bsearch(&key, k->krs, k->nkrs, sizeof(*k->krs), cmp_kr_at) : NULL;
}

/* The indexes a patch needs: each objective's parent, each KR's place. */
static void
kept_index(struct kept *k)
{
	const struct app_tree *t = &k->t;
	size_t nkrs = 0;

	k->parent = xreallocarray(NULL, t->n ? t->n : 1, sizeof(*k->parent));
	for (size_t i = 0; i < t->n; i++)
		k->parent[i] = NO_PARENT;
	for (size_t i = 0; i < t->n; i++) {
		for (size_t c = 0; c < t->v[i].nchildren; c++)
			k->parent[t->v[i].children[c]] = i;
		nkrs += t->v[i].nkrs;
	}
	k->krs = xreallocarray(NULL, nkrs ? nkrs : 1, sizeof(*k->krs));
	for (size_t i = 0; i < t->n; i++)
		for (size_t j = 0; j < t->v[i].nkrs; j++)
			k->krs[k->nkrs++] = (struct kr_at){t->v[i].krs[j].id, i, j};
	qsort(k->krs, k->nkrs, sizeof(*k->krs), cmp_kr_at);
	k->heads = xcalloc(t->n ? t->n : 1, sizeof(*k->heads));
	k->stamps = xreallocarray(NULL, t->n ? t->n : 1, sizeof(*k->stamps));
	stamp++;
	for (size_t i = 0; i < t->n; i++)
		k->stamps[i] = stamp;
}

/* The tree whole, as app_tree builds it, at the revision read before it. */
static int
kept_build(struct app *a, struct kept *k, const char *cycle, struct okra_err *err)
{
	int64_t rev = 0;
	int rc;

	kept_drop(k);
	if ((rc = store_revision(a->db, &rev, err)) < 0 ||
	    (rc = app_tree(a, &k->ar, cycle, &k->t, err)) < 0 ||
	    (rc = store_cycle_list(a->db, &k->ar, &k->cycles, &k->ncycles, err)) < 0) {
		kept_drop(k);
		return rc;
	}
	k->used = 1;
	k->cycle = xstrdup(cycle);
	k->today = a->today;
	k->attention = a->pace_attention;
	k->risk = a->pace_risk;
	k->rev = rev;
	kept_index(k);
	n_built++;
	return 0;
}

static const struct cycle *
kept_cycle(const struct kept *k, int64_t id)
{
	for (size_t i = 0; i < k->ncycles; i++)
		if (k->cycles[i].id == id)
			return &k->cycles[i];
	return NULL;
}

/* A write that changes nothing a tree shows. */
static int
change_unseen(const struct store_change *c)
{
	if (!strcmp(c->action, "create") &&
	    (!strcmp(c->entity, "checkin") || !strcmp(c->entity, "status")))
		return 1; /* each comes with the update of its KR or objective */
	if (!strcmp(c->entity, "comment") || !strcmp(c->entity, "api_token"))
		return 1;
	return !strcmp(c->entity, "person") &&
	       (!strcmp(c->action, "passwd") || !strcmp(c->action, "sign_out"));
}

/* Reload KR id in place: 1 when the tree must be rebuilt instead. */
static int
patch_kr(struct app *a, struct kept *k, int64_t id, size_t *dirty, size_t *ndirty,
	 struct okra_err *err)
{
	struct kr_at *at = kr_find(k, id);
	struct key_result kr = {0};
	struct objective *o;
	const struct cycle *c;
	int rc;

	if (!at)
		return 0; /* of another cycle: a KR added to this one comes with its own row */
	o = &k->t.v[at->obj];
	if ((rc = store_kr_load(a->db, &k->ar, id, &kr, err)) == OKRA_ENOTFOUND)
		return 1;
	if (rc < 0)
		return rc;
	if (kr.objective != o->id || !(c = kept_cycle(k, o->cycle)))
		return 1;
	progress_kr(&kr);
	if ((rc = app_kr_pace_stored(a, &kr, c, k->today, err)) < 0)
		return rc;
	o->krs[at->k] = kr;
	dirty[(*ndirty)++] = at->obj;
	return 0;
}

/* Reload objective id's row in place: 1 when the tree must be rebuilt instead. */
static int
patch_objective(struct app *a, struct kept *k, int64_t id, size_t *dirty, size_t *ndirty,
		struct okra_err *err)
{
	size_t idx = app_tree_find(&k->t, id);
	struct objective_row row = {0};
	struct objective *o;
	int rc;

	if (idx == (size_t)-1)
		return 0; /* of another cycle: one added to this one comes with its own row */
	o = &k->t.v[idx];
	if ((rc = store_objective_get(a->db, &k->ar, id, &row, err)) == OKRA_ENOTFOUND)
		return 1;
	if (rc < 0)
		return rc;
	if (row.parent != o->parent || row.cycle != o->cycle || row.state != o->state)
		return 1;
	o->row = row;
	dirty[(*ndirty)++] = idx;
	return 0;
}

/* The roll-up, pace and JSON of each changed objective and of its ancestors, children first. */
static void
redo_paths(struct kept *k, const size_t *dirty, size_t ndirty)
{
	struct pace_thresholds th = {k->attention, k->risk};
	struct objective *v = k->t.v;

	stamp++;
	for (size_t d = 0; d < ndirty; d++)
		for (size_t i = dirty[d]; i != NO_PARENT; i = k->parent[i]) {
			const struct cycle *c = kept_cycle(k, v[i].cycle);

			progress_rollup_one(v, i);
			if (c)
				pace_compute(v[i].progress, v[i].health, c->starts_on, c->ends_on,
					     k->today, &th, &v[i].pace);
			piece_unref(k->heads[i]);
			k->heads[i] = NULL;
			k->stamps[i] = stamp;
		}
}

/* Apply changes[0..n): 0 done, 1 when the tree must be rebuilt, or an error. */
static int
kept_patch(struct app *a, struct kept *k, const struct store_change *v, size_t n,
	   struct okra_err *err)
{
	size_t *dirty = xreallocarray(NULL, n ? n : 1, sizeof(*dirty)), ndirty = 0;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		if (change_unseen(&v[i]))
			continue;
		if (strcmp(v[i].action, "update"))
			rc = 1;
		else if (!strcmp(v[i].entity, "key_result"))
			rc = patch_kr(a, k, v[i].entity_id, dirty, &ndirty, err);
		else if (!strcmp(v[i].entity, "objective"))
			rc = patch_objective(a, k, v[i].entity_id, dirty, &ndirty, err);
		else
			rc = 1;
	}
	if (rc == 0) {
		redo_paths(k, dirty, ndirty);
		k->rev = v[n - 1].id;
		k->patches += (unsigned)n;
		n_patched++;
	}
	free(dirty);
	return rc;
}

static struct kept *
kept_slot(const char *cycle)
{
	struct kept *victim = &slots[0];

	for (size_t i = 0; i < KEPT_SLOTS; i++) {
		if (slots[i].used && !strcmp(slots[i].cycle, cycle))
			return &slots[i];
		if (!slots[i].used || (victim->used && slots[i].last_use < victim->last_use))
			victim = &slots[i];
	}
	return victim;
}

/* Bring k up to the store's newest revision: patched when it can be, else rebuilt. */
static int
kept_refresh(struct app *a, struct kept *k, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct store_change *v = NULL;
	size_t n = 0;
	int rc;

	if (k->today != a->today || k->attention != a->pace_attention || k->risk != a->pace_risk ||
	    k->patches > PATCHES_MAX)
		rc = 1;
	else if ((rc = store_changes_since(a->db, &ar, k->rev, CHANGES_MAX + 1, &v, &n, err)) == 0)
		rc = n > CHANGES_MAX ? 1 : n ? kept_patch(a, k, v, n, err) : 0;
	arena_release(&ar);
	if (rc == 1) {
		char *cycle = xstrdup(k->cycle);

		rc = kept_build(a, k, cycle, err);
		free(cycle);
	} else if (rc < 0) {
		kept_drop(k);
	}
	return rc;
}

int
app_tree_kept(struct app *a, const char *cycle, const struct app_tree **t, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct cycle c = {0};
	struct kept *k;
	int rc;

	*t = NULL;
	/* The quarter of today by its name, so that it and the same cycle named share a tree. */
	if ((rc = app_cycle_or_quarter(a, &ar, cycle, a->today, &c, err)) < 0) {
		arena_release(&ar);
		return rc;
	}
	k = kept_slot(c.name);
	rc = k->used && !strcmp(k->cycle, c.name) ? kept_refresh(a, k, err)
						  : kept_build(a, k, c.name, err);
	arena_release(&ar);
	if (rc < 0)
		return rc;
	k->last_use = ++uses;
	*t = &k->t;
	return 0;
}

/* The kept tree t is, or (copy) whose objectives a copy of its head shares (a filtered view). */
static struct kept *
kept_of(const struct app_tree *t, int copy)
{
	for (size_t i = 0; i < KEPT_SLOTS; i++)
		if (slots[i].used && (&slots[i].t == t || (copy && t->n && slots[i].t.v == t->v &&
							   slots[i].t.n == t->n)))
			return &slots[i];
	return NULL;
}

uint64_t
app_tree_kept_stamp(const struct app_tree *t, size_t idx)
{
	const struct kept *k = kept_of(t, 1);

	return k && idx < t->n ? k->stamps[idx] : 0;
}

/* Objective idx with its children, each head written once and kept. */
static void
json_objective(struct kept *k, size_t idx, struct pieces *out, struct buf *head,
	       struct buf *scratch)
{
	const struct objective *o = &k->t.v[idx];

	if (!k->heads[idx]) {
		buf_reset(head);
		app_json_objective_head(head, &k->t, idx, scratch);
		k->heads[idx] = piece_new(head->buf, head->len);
	}
	pieces_put(out, k->heads[idx]);
	for (size_t i = 0; i < o->nchildren; i++) {
		if (i)
			pieces_add(out, ",", 1);
		json_objective(k, o->children[i], out, head, scratch);
	}
	pieces_add(out, "]}", 2);
}

void
app_tree_kept_pieces(const struct app_tree *t, struct pieces *out)
{
	struct buf scratch = BUF_INIT, head = BUF_INIT;
	struct kept *k = kept_of(t, 0);

	if (!k) {
		app_json_tree_write(&head, t, 0);
		pieces_add(out, head.buf, head.len);
	} else {
		if (!k->top) {
			app_json_tree_head(&head, t);
			k->top = piece_new(head.buf, head.len);
		}
		pieces_put(out, k->top);
		for (size_t r = 0; r < t->nroots; r++) {
			if (r)
				pieces_add(out, ",", 1);
			json_objective(k, t->roots[r], out, &head, &scratch);
		}
		pieces_add(out, "]}", 2);
	}
	pieces_end(out);
	buf_release(&head);
	buf_release(&scratch);
}

void
app_tree_kept_json(const struct app_tree *t, struct buf *out)
{
	struct pieces l = PIECES_INIT;

	app_tree_kept_pieces(t, &l);
	pieces_join(&l, out);
	pieces_release(&l);
}
