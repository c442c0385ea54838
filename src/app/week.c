/* week.c: the week at a glance (/week), gathered from the due list, the tree now and a week
 * before, and the check-in history. */
#include "app/week.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/reads.h"
#include "core/calendar.h"
#include "core/progress.h"
#include "util/arena.h"

#define SECONDS_PER_DAY 86400

const char *
week_state_label(enum week_state s)
{
	switch (s) {
	case WEEK_DONE:
		return "Done";
	case WEEK_LATE:
		return "Late";
	case WEEK_OWED:
		return "Owes";
	default:
		return "Onboarding";
	}
}

/* What the week is read from besides the tree: people, teams, memberships, the actor's teams. */
struct view {
	struct person *people;
	size_t npeople;
	struct team *teams;
	size_t nteams;
	int64_t *mt; /* memberships: team mt[i] has member mh.v[i] */
	struct strlist mh;
	const char **mine; /* the slugs of the actor's teams */
	size_t nmine;
};

/* Whether the team slug (NULL = company) is in the view. */
static int
in_view(const struct app_week *w, const struct view *v, const char *slug)
{
	if (w->all_teams)
		return 1;
	for (size_t i = 0; slug && i < v->nmine; i++)
		if (!strcmp(v->mine[i], slug))
			return 1;
	return 0;
}

static const struct person *
person_by_id(const struct view *v, int64_t id)
{
	for (size_t i = 0; i < v->npeople; i++)
		if (v->people[i].id == id)
			return &v->people[i];
	return NULL;
}

static const struct person *
person_by_handle(const struct view *v, const char *h)
{
	for (size_t i = 0; i < v->npeople; i++)
		if (!strcmp(v->people[i].handle, h))
			return &v->people[i];
	return NULL;
}

static int
view_load(struct app *a, struct arena *ar, struct app_week *w, struct view *v, struct okra_err *err)
{
	int rc;

	if ((rc = app_people(a, ar, &v->people, &v->npeople, err)) < 0 ||
	    (rc = app_teams(a, ar, &v->teams, &v->nteams, err)) < 0 ||
	    (rc = app_memberships(a, &v->mt, &v->mh, err)) < 0)
		return rc;
	w->all_teams = a->actor.role == ROLE_LEADER || a->actor.role == ROLE_ADMIN;
	v->mine = arena_calloc(ar, v->nteams + 1, sizeof(*v->mine));
	for (size_t t = 0; t < v->nteams; t++)
		for (size_t i = 0; i < v->mh.n; i++)
			if (v->mt[i] == v->teams[t].id && a->actor.handle &&
			    !strcmp(v->mh.v[i], a->actor.handle)) {
				v->mine[v->nmine++] = v->teams[t].slug;
				break;
			}
	return 0;
}

static void
view_release(struct view *v)
{
	free(v->mt);
	strlist_release(&v->mh);
}

static int
slug_cmp(const char *x, const char *y)
{
	if (!x || !y)
		return x ? 1 : y ? -1 : 0;
	return strcmp(x, y);
}

static int
cmp_item(const void *a, const void *b)
{
	const struct due_item *x = a, *y = b;
	int c = slug_cmp(x->team, y->team);

	if (c)
		return c;
	if ((c = strcmp(x->handle, y->handle)))
		return c;
	if (x->objective != y->objective)
		return x->objective < y->objective ? -1 : 1;
	return x->key_result < y->key_result ? -1 : x->key_result > y->key_result;
}

/* The items of the view only, sorted by team then person. */
static void
keep_items(struct app_week *w, const struct view *v)
{
	size_t n = 0;

	for (size_t i = 0; i < w->items.n; i++) {
		if (in_view(w, v, w->items.v[i].team)) {
			w->items.v[n++] = w->items.v[i];
			continue;
		}
		free(w->items.v[i].handle);
		free(w->items.v[i].title);
		free(w->items.v[i].team);
	}
	w->items.n = n;
	if (n)
		qsort(w->items.v, n, sizeof(*w->items.v), cmp_item);
}

/* One team's people: the DRIs of its items from *i on, then its members still onboarding. */
static void
team_people(struct arena *ar, struct app_week *w, const struct view *v, struct week_team *t,
	    int64_t team_id, size_t *i)
{
	size_t cap = 1;

	for (size_t j = *i; j < w->items.n && !slug_cmp(w->items.v[j].team, t->slug); j++)
		cap++;
	for (size_t m = 0; m < v->mh.n; m++)
		cap += v->mt[m] == team_id;
	t->people = arena_calloc(ar, cap, sizeof(*t->people));
	while (*i < w->items.n && !slug_cmp(w->items.v[*i].team, t->slug)) {
		struct week_person *p = &t->people[t->npeople++];
		int owes = 0;

		p->p = person_by_id(v, w->items.v[*i].person);
		p->first = *i;
		for (; *i < w->items.n && !slug_cmp(w->items.v[*i].team, t->slug) &&
		       w->items.v[*i].person == w->items.v[p->first].person;
		     (*i)++)
			owes |= !w->items.v[*i].done;
		p->n = *i - p->first;
		p->state = !owes ? WEEK_DONE : w->day > w->update_day ? WEEK_LATE : WEEK_OWED;
		t->count[p->state]++;
	}
	for (size_t m = 0; team_id && m < v->mh.n; m++) {
		const struct person *who = person_by_handle(v, v->mh.v[m]);

		if (v->mt[m] != team_id || !who || who->deactivated_at ||
		    !cal_is_new_joiner(who->joined_on, w->day))
			continue;
		t->people[t->npeople++] = (struct week_person){.p = who, .state = WEEK_ONBOARDING};
		t->count[WEEK_ONBOARDING]++;
	}
}

/* The company first, then every team in the view (a team with nobody to show too). */
static void
build_teams(struct arena *ar, struct app_week *w, const struct view *v)
{
	size_t i = 0;

	w->teams = arena_calloc(ar, v->nteams + 1, sizeof(*w->teams));
	if (w->all_teams) {
		struct week_team *t = &w->teams[w->nteams++];

		memset(t, 0, sizeof(*t));
		t->name = "Company";
		team_people(ar, w, v, t, 0, &i);
	}
	for (size_t k = 0; k < v->nteams; k++) {
		struct week_team *t;

		if (!in_view(w, v, v->teams[k].slug))
			continue;
		t = &w->teams[w->nteams++];
		memset(t, 0, sizeof(*t));
		t->slug = v->teams[k].slug;
		t->name = v->teams[k].name;
		/* items are sorted by slug, as the teams are not necessarily */
		for (i = 0; i < w->items.n && slug_cmp(w->items.v[i].team, t->slug); i++)
			;
		team_people(ar, w, v, t, v->teams[k].id, &i);
	}
}

static const struct key_result *
kr_in(const struct objective *o, int64_t id)
{
	for (size_t k = 0; o && k < o->nkrs; k++)
		if (o->krs[k].id == id)
			return &o->krs[k];
	return NULL;
}

/* Keep the KR that moved if it is among the WEEK_MOVES_MAX that moved most so far. */
static void
keep_move(struct app_week *w, const struct objective *o, const struct key_result *kr, double before)
{
	struct week_move m = {o, kr, before, progress_clamp(kr->progress)};
	double d = fabs(m.now - m.before);
	size_t at = w->nmoves;

	if (d < 0.005)
		return;
	while (at > 0 && fabs(w->moves[at - 1].now - w->moves[at - 1].before) < d)
		at--;
	if (at >= WEEK_MOVES_MAX)
		return;
	if (w->nmoves < WEEK_MOVES_MAX)
		w->nmoves++;
	memmove(&w->moves[at + 1], &w->moves[at], (w->nmoves - 1 - at) * sizeof(*w->moves));
	w->moves[at] = m;
}

static int
green_behind(enum health said, const struct pace *p)
{
	return said == HEALTH_ON_TRACK && p->known && p->suggested != HEALTH_ON_TRACK;
}

/* Room for every objective and KR of the trees (the year's and the quarter's). */
static void
make_room(struct arena *ar, struct app_week *w)
{
	size_t n = w->tree.n + w->year.n, nkrs = 0;

	for (size_t i = 0; i < w->tree.n; i++)
		nkrs += w->tree.v[i].nkrs;
	for (size_t i = 0; i < w->year.n; i++)
		nkrs += w->year.v[i].nkrs;
	w->objs = arena_calloc(ar, n + 1, sizeof(*w->objs));
	w->behind = arena_calloc(ar, n + nkrs + 1, sizeof(*w->behind));
	w->moves = arena_calloc(ar, WEEK_MOVES_MAX, sizeof(*w->moves));
}

/* Each objective of t in view (those of its own cycle): a week before, green against pace, its
 * KRs' moves. */
static void
build_objectives(struct app_week *w, const struct view *v, const struct app_tree *t,
		 const struct app_tree *before)
{
	for (size_t i = 0; i < t->n; i++) {
		const struct objective *o = &t->v[i];
		const struct objective *b = NULL;
		struct week_objective *x;

		if (o->cycle != t->cycle.id || o->state == STATE_DRAFT ||
		    !in_view(w, v, o->team_slug))
			continue;
		if (before->n) {
			size_t j = app_tree_find(before, o->id);

			b = j == (size_t)-1 ? NULL : &before->v[j];
		}
		x = &w->objs[w->nobjs++];
		x->o = o;
		x->before = b ? b->health : HEALTH_NONE;
		x->progress_before = b ? progress_clamp(b->progress) : 0;
		if (green_behind(o->health, &o->pace))
			w->behind[w->nbehind++] = (struct week_behind){o, NULL};
		for (size_t k = 0; k < o->nkrs; k++) {
			const struct key_result *bk = kr_in(b, o->krs[k].id);

			if (green_behind(o->krs[k].health, &o->krs[k].pace))
				w->behind[w->nbehind++] = (struct week_behind){o, &o->krs[k]};
			keep_move(w, o, &o->krs[k], bk ? progress_clamp(bk->progress) : 0);
		}
	}
}

/* The check-ins integrations made in the week's window, objective by objective. */
static int
build_syncs(struct app *a, struct arena *ar, struct app_week *w, struct okra_err *err)
{
	int64_t since = (int64_t)(w->update_day - CAL_WINDOW_BEFORE) * SECONDS_PER_DAY;
	int64_t until = ((int64_t)w->day + 1) * SECONDS_PER_DAY;
	size_t alloc = 0;
	int rc;

	for (size_t i = 0; i < w->nobjs; i++) {
		struct checkin *c;
		size_t n;

		if ((rc = app_objective_checkins(a, ar, w->objs[i].o->id, &c, &n, err)) < 0)
			return rc;
		for (size_t k = 0; k < n; k++) {
			if (c[k].source != SOURCE_INTEGRATION || c[k].at < since ||
			    c[k].at >= until)
				continue;
			if (w->nsyncs == alloc) {
				w->syncs = arena_grow_array(ar, w->syncs, alloc, alloc * 2 + 4,
							    sizeof(*w->syncs));
				alloc = alloc * 2 + 4;
			}
			w->syncs[w->nsyncs++] = (struct week_sync){
				w->objs[i].o, kr_in(w->objs[i].o, c[k].key_result), &c[k]};
		}
	}
	return 0;
}

/* The tree of cycle on day (today's, or rebuilt from the history) and a week before it. */
static int
trees(struct app *a, struct arena *ar, const char *cycle, int32_t day, struct app_tree *t,
      struct app_tree *before, struct okra_err *err)
{
	int rc;

	memset(before, 0, sizeof(*before));
	if (day == a->today)
		rc = app_tree(a, ar, cycle, t, err);
	else
		rc = app_tree_as_of(a, ar, cycle, day, t, err);
	/* A week before the cycle started, nothing was said and nothing had moved. */
	if (rc == 0 && day - 7 >= t->cycle.starts_on)
		rc = app_tree_as_of(a, ar, t->cycle.name, day - 7, before, err);
	return rc;
}

/* The quarter's year (its parent cycle), whose objectives are owed updates too; none = empty. */
static int
year_trees(struct app *a, struct arena *ar, struct app_week *w, struct app_tree *before,
	   struct okra_err *err)
{
	struct cycle *cs;
	size_t n;
	int rc;

	memset(before, 0, sizeof(*before));
	if (!w->tree.cycle.parent)
		return 0;
	if ((rc = app_cycles(a, ar, &cs, &n, err)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		if (cs[i].id == w->tree.cycle.parent && cs[i].starts_on <= w->day &&
		    cs[i].ends_on >= w->day)
			return trees(a, ar, cs[i].name, w->day, &w->year, before, err);
	return 0;
}

int
app_week(struct app *a, struct arena *ar, const char *cycle, int32_t day, struct app_week *w,
	 struct okra_err *err)
{
	struct view v = {0};
	struct app_tree before, year_before;
	int rc;

	memset(w, 0, sizeof(*w));
	w->day = day;
	w->update_day = cal_update_day_for(day, a->update_weekday);
	w->before_day = day - 7;
	if ((rc = trees(a, ar, cycle, day, &w->tree, &before, err)) < 0 ||
	    (rc = year_trees(a, ar, w, &year_before, err)) < 0 ||
	    (rc = view_load(a, ar, w, &v, err)) < 0 ||
	    (rc = app_due_week(a, day, &w->items, err)) < 0)
		goto out;
	keep_items(w, &v);
	build_teams(ar, w, &v);
	make_room(ar, w);
	build_objectives(w, &v, &w->year, &year_before);
	build_objectives(w, &v, &w->tree, &before);
	rc = build_syncs(a, ar, w, err);
out:
	view_release(&v);
	if (rc < 0)
		app_week_release(w);
	return rc;
}

void
app_week_release(struct app_week *w)
{
	due_list_release(&w->items);
}
