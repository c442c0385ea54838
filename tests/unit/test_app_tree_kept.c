/* test_app_tree_kept.c: the kept tree, patched after each write, is byte for byte a full rebuild
 * after every one of thousands of random check-ins, status updates, edits, moves and closes.
 * OKRA_TEST_SEED=N replays a run; a failure prints its seed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fixture_app.h"

#include "app/json_write.h"
#include "app/tree.h"
#include "app/reads.h"
#include "app/transfer.h"
#include "store/db.h"

#define WRITES 2000

static uint64_t seed, rng;

/* splitmix64: a small PRNG whose run a seed replays. */
static uint64_t
next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t
pick(size_t n)
{
	return n ? (size_t)(next() % n) : 0;
}

static double
unit(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

static const enum health healths[] = {HEALTH_ON_TRACK, HEALTH_NEEDS_ATTENTION, HEALTH_AT_RISK};

/* Every objective and KR of every cycle, as the writes pick them. */
struct pool {
	struct arena ar;
	struct objective *o; /* copies of the trees' nodes: ids, KRs, kinds, ranges */
	size_t n;
	char **cycles;
	size_t ncycles;
};

static void
pool_load(struct app *a, struct pool *p)
{
	struct cycle *cs = NULL;
	size_t nc = 0, alloc = 0;

	arena_reset(&p->ar);
	p->o = NULL;
	p->n = 0;
	OK(app_cycles(a, &p->ar, &cs, &nc, &E));
	p->cycles = arena_alloc(&p->ar, (nc ? nc : 1) * sizeof(*p->cycles));
	p->ncycles = nc;
	for (size_t c = 0; c < nc; c++) {
		struct app_tree t = {0};

		p->cycles[c] = arena_strdup(&p->ar, cs[c].name);
		OK(app_tree(a, &p->ar, cs[c].name, &t, &E));
		for (size_t i = 0; i < t.n; i++) {
			if (t.v[i].cycle != cs[c].id)
				continue;
			ARENA_GROW(&p->ar, p->o, p->n + 1, alloc);
			p->o[p->n++] = t.v[i];
		}
	}
	assert_true(p->n > 10);
}

static void
w_checkin(struct app *a, const struct pool *p, char *note)
{
	const struct objective *o = &p->o[pick(p->n)];
	const struct key_result *kr;
	struct checkin_input in = {0};
	int64_t id;

	if (!o->nkrs)
		return;
	kr = &o->krs[pick(o->nkrs)];
	in.key_result = kr->id;
	in.health = healths[pick(3)];
	in.note = note;
	if (kr->kind == KR_METRIC) {
		in.has_value = 1;
		in.value = kr->start + (kr->target - kr->start) * unit();
	}
	(void)app_checkin(a, &in, &id, &E);
}

static void
w_status(struct app *a, const struct pool *p)
{
	const struct objective *o = &p->o[pick(p->n)];
	struct status_line lines[64];
	struct status_input in = {.objective = o->id, .health = healths[pick(3)], .lines = lines};
	int64_t id;

	for (size_t k = 0; k < o->nkrs && k < 64; k++)
		lines[in.nlines++] = (struct status_line){o->krs[k].id, "moving along"};
	(void)app_status(a, &in, &id, &E);
}

static void
w_edit(struct app *a, const struct pool *p, char *text)
{
	const struct objective *o = &p->o[pick(p->n)];
	struct objective_edit e = {0};
	struct kr_edit ke = {0};

	switch (pick(4)) {
	case 0:
		e.title = text;
		(void)app_objective_edit(a, o->id, &e, &E);
		break;
	case 1:
		e.set_weight = 1;
		e.weight = 0.5 + 2 * unit();
		(void)app_objective_edit(a, o->id, &e, &E);
		break;
	case 2:
		if (o->nkrs) {
			ke.set_weight = 1;
			ke.weight = 0.25 + 3 * unit();
			(void)app_kr_edit(a, o->krs[pick(o->nkrs)].id, &ke, &E);
		}
		break;
	default:
		if (o->nkrs) {
			ke.title = text;
			ke.set_target = pick(2);
			ke.target = 1000 * unit();
			(void)app_kr_edit(a, o->krs[pick(o->nkrs)].id, &ke, &E);
		}
	}
}

/* A move or a close: the tree's shape changes. Returns 1 when something was written. */
static int
w_reshape(struct app *a, const struct pool *p)
{
	const struct objective *o = &p->o[pick(p->n)];
	struct objective_edit e = {.set_parent = 1};
	struct close_input ci = {0};
	struct kr_move m = {0};

	switch (pick(3)) {
	case 0:
		e.parent = pick(4) ? p->o[pick(p->n)].id : 0;
		return app_objective_edit(a, o->id, &e, &E) == 0;
	case 1:
		if (!o->nkrs)
			return 0;
		m.step = pick(2) ? 1 : -1;
		return app_kr_move(a, o->krs[pick(o->nkrs)].id, &m, &E) == 0;
	default:
		(void)retro(a, o->id, 1, 1, 1, 1);
		return app_objective_close_scored(a, o->id, &ci, &E) == 0;
	}
}

/* The kept tree of cycle (NULL: the quarter of today) against a full rebuild, byte for byte. */
static void
same_as_rebuild(struct app *a, const char *cycle, size_t step)
{
	struct arena ar = ARENA_INIT;
	struct app_tree full = {0};
	const struct app_tree *kept;
	struct buf x = BUF_INIT, y = BUF_INIT;
	int rc;

	app_kept_lock();
	rc = app_tree_kept(a, cycle, &kept, &E);
	if (rc == 0)
		app_tree_kept_json(kept, &x);
	app_kept_unlock();
	OK(rc);
	OK(app_tree(a, &ar, cycle, &full, &E));
	app_json_tree_write(&y, &full, 0);
	if (x.len != y.len || memcmp(x.buf, y.buf, x.len)) {
		size_t at = 0;

		while (at < x.len && at < y.len && x.buf[at] == y.buf[at])
			at++;
		fail_msg(
			"seed %llu, write %zu, cycle %s: the kept tree differs from a rebuild at "
			"byte %zu:\nkept:    %.200s\nrebuilt: %.200s",
			(unsigned long long)seed, step, cycle ? cycle : "(now)", at,
			x.buf + (at > 40 ? at - 40 : 0), y.buf + (at > 40 ? at - 40 : 0));
	}
	buf_release(&x);
	buf_release(&y);
	arena_release(&ar);
}

/* The demo grown to a tree worth patching: objectives in this quarter and year, aligned at
 * random, each with metric and criteria KRs. */
static void
grow(struct app *a)
{
	struct arena ar = ARENA_INIT;
	struct cycle *cs = NULL;
	int64_t ids[128];
	size_t nc = 0, n = 0;
	char title[64];

	OK(app_cycles(a, &ar, &cs, &nc, &E));
	for (size_t i = 0; i < 120; i++) {
		const struct cycle *c = &cs[pick(nc)];
		struct objective_input in = {.cycle = c->name, .dri = "rio", .title = title};
		int64_t id, kr;

		if (c->starts_on > a->today + 200 || c->ends_on < a->today)
			continue;
		snprintf(title, sizeof(title), "Objective %zu", i);
		in.parent = n && pick(3) ? ids[pick(n)] : 0;
		if (app_objective_add(a, &in, &id, &E) < 0 &&
		    (in.parent = 0, app_objective_add(a, &in, &id, &E) < 0))
			continue;
		ids[n++] = id;
		for (size_t k = 1 + pick(4); k > 0; k--) {
			struct kr_input ki = {.objective = id,
					      .title = title,
					      .dri = "rio",
					      .kind = pick(4) ? KR_METRIC : KR_CRITERIA,
					      .unit = "%",
					      .start = 0,
					      .target = 100};

			if (app_kr_add(a, &ki, &kr, &E) == 0 && ki.kind == KR_CRITERIA)
				(void)app_criterion_add(a, kr, NULL, 40, "Half of it", &id, &E);
			id = ids[n - 1];
		}
	}
	arena_release(&ar);
}

static int
setup(void **state)
{
	struct fx *f;

	if (fixture_app_open(state, "kept"))
		return -1;
	f = *state;
	OK(app_act_as(&f->a, NULL, &E));
	/* Thousands of commits: not each to the disk (what is compared is what was written). */
	OK(db_exec(f->a.own_db,
		   fixture_is_pg() ? "SET synchronous_commit = off" : "PRAGMA synchronous=OFF",
		   &E));
	OK(app_demo(&f->a, &E));
	OK(app_act_as(&f->a, "alex", &E));
	app_kept_forget();
	rng = 20261206;
	grow(&f->a);
	return 0;
}

static void
test_random_writes(void **state)
{
	struct fx *f = *state;
	struct pool p = {ARENA_INIT, NULL, 0, NULL, 0};
	const char *env = getenv("OKRA_TEST_SEED");
	uint64_t patched, built, patched0, built0;
	char text[64], year[64] = "";
	size_t reshaped = 0;

	seed = env && *env ? strtoull(env, NULL, 10) : (uint64_t)time(NULL);
	rng = seed;
	fprintf(stderr, "test_app_tree_kept: seed %llu (OKRA_TEST_SEED to replay)\n",
		(unsigned long long)seed);
	pool_load(&f->a, &p);
	/* The other tree compared: the year's, which holds its quarters' objectives too. */
	for (size_t c = 0; c < p.ncycles; c++)
		if (!strncmp(p.cycles[c], "FY", 2) && !strchr(p.cycles[c], '-'))
			snprintf(year, sizeof(year), "%s", p.cycles[c]);
	assert_true(*year);
	app_kept_counts(&patched0, &built0);
	for (size_t step = 0; step < WRITES; step++) {
		size_t what = pick(100);

		snprintf(text, sizeof(text), "Text %zu", step);
		okra_err_clear(&E);
		if (what < 45) {
			w_checkin(&f->a, &p, text);
		} else if (what < 70) {
			w_status(&f->a, &p);
		} else if (what < 92) {
			w_edit(&f->a, &p, text);
		} else if (what < 98) {
			if (w_reshape(&f->a, &p)) {
				reshaped++;
				pool_load(&f->a, &p);
			}
		} else {
			/* a day later: pace and the quarter follow the clock */
			app_set_now(&f->a, f->a.now + 86400 * (int64_t)(1 + pick(3)));
		}
		same_as_rebuild(&f->a, NULL, step);
		same_as_rebuild(&f->a, year, step);
	}
	app_kept_counts(&patched, &built);
	fprintf(stderr,
		"test_app_tree_kept: %zu writes, %llu patched, %llu built whole, "
		"%zu moves and closes\n",
		(size_t)WRITES, (unsigned long long)(patched - patched0),
		(unsigned long long)(built - built0), reshaped);
	/* Most writes are check-ins, status updates and edits: patched, not rebuilt. */
	assert_true(patched - patched0 > WRITES / 2);
	assert_true(built - built0 > 0);
	arena_release(&p.ar);
	app_kept_forget();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_random_writes, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
