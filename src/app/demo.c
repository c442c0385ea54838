/* demo.c: the example company of the seeds, loaded through the use cases as one transaction. */
#include "app/app_int.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/present.h"
#include "store/store.h"
#include "util/buf.h"
#include "app/people.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/transfer.h"

#define DAY 86400

struct demo_person {
	const char *handle, *name, *role, *team;
	int months_ago; /* joined this many months before today */
};

/* The Leadership Team, two workstreams, and one new joiner (R4). */
static const struct demo_person demo_people[] = {
	{"alex", "Alex Morgan", "admin", NULL, 48},
	{"sam", "Sam Rivera", "leader", NULL, 36},
	{"jordan", "Jordan Blake", "leader", NULL, 30},
	{"pat", "Pat Lee", "member", "platform", 26},
	{"rio", "Rio Tanaka", "member", "platform", 14},
	{"kim", "Kim Novak", "member", "platform", 11},
	{"dana", "Dana Okafor", "member", "saas", 20},
	{"lou", "Lou Almeida", "member", "saas", 9},
	{"noor", "Noor Haddad", "member", "platform", 1},
};

/*
 * A metric KR of the demo and how its weekly check-ins move: `pace` is the
 * share of the way to target reached by the quarter's end (1.1 = ahead).
 */
struct demo_kr {
	const char *title, *dri, *unit;
	double start, target, pace;
	int64_t id;
};

static int
add_person(struct app *a, const struct demo_person *d, struct okra_err *err)
{
	struct person p = {.handle = d->handle,
			   .name = d->name,
			   .role = (enum role)role_parse(d->role),
			   .joined_on = cal_add_months(a->today, -d->months_ago)};
	struct buf email = BUF_INIT;
	int64_t id;
	int rc;

	buf_addf(&email, "%s@example.com", d->handle);
	p.email = email.buf;
	rc = app_person_add(a, &p, &id, err);
	buf_release(&email);
	return rc;
}

static int
act(struct app *a, const char *handle, struct okra_err *err)
{
	return app_act_as(a, handle, err);
}

static int
add_krs(struct app *a, int64_t objective, struct demo_kr *krs, size_t n, struct okra_err *err)
{
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct kr_input in = {.objective = objective,
				      .title = krs[i].title,
				      .dri = krs[i].dri,
				      .kind = KR_METRIC,
				      .unit = krs[i].unit,
				      .start = krs[i].start,
				      .target = krs[i].target};

		if ((rc = app_kr_add(a, &in, &krs[i].id, err)) < 0)
			return rc;
	}
	return 0;
}

/* Health as a DRI would judge it: against the share of the quarter gone by. */
static enum health
judge(double progress, double expected)
{
	if (progress >= expected - 0.1)
		return HEALTH_ON_TRACK;
	if (progress >= expected - 0.25)
		return HEALTH_NEEDS_ATTENTION;
	return HEALTH_AT_RISK;
}

/* A number rounded as a person reports it (two decimals at most). */
static double
tidy(double x)
{
	return round(x * 100) / 100;
}

static int
checkin_week(struct app *a, struct demo_kr *kr, double share, double expected, struct okra_err *err)
{
	/* A small deterministic wobble, so the chart is not a ruler. */
	double wobble = 0.03 * sin((double)kr->id * 1.7 + share * 9);
	double p = kr->pace * share + wobble;
	struct checkin_input in = {.key_result = kr->id, .has_value = 1};
	struct buf note = BUF_INIT;
	int64_t id;
	int rc;

	if (p < 0)
		p = 0;
	in.value = tidy(kr->start + p * (kr->target - kr->start));
	in.health = judge(p, expected);
	buf_addf(&note, "%s this week",
		 in.health == HEALTH_ON_TRACK          ? "Steady progress"
		 : in.health == HEALTH_NEEDS_ATTENTION ? "Slower than planned"
						       : "Blocked on capacity");
	in.note = note.buf;
	if ((rc = act(a, kr->dri, err)) == 0)
		rc = app_checkin(a, &in, &id, err);
	buf_release(&note);
	return rc;
}

/* The objective DRI's weekly status: health and one line per KR (R8). */
static int
status_week(struct app *a, const char *dri, int64_t objective, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct app_tree t = {0};
	struct status_line lines[8];
	struct buf text[8];
	struct status_input in = {.objective = objective, .lines = lines};
	enum health worst = HEALTH_ON_TRACK;
	size_t idx;
	int64_t id;
	int rc;

	if ((rc = app_objective_tree(a, &ar, objective, &t, &idx, err)) < 0) {
		arena_release(&ar);
		return rc;
	}
	for (size_t k = 0; k < t.v[idx].nkrs && k < 8; k++) {
		const struct key_result *kr = &t.v[idx].krs[k];

		buf_init(&text[k], 0);
		present_pct(&text[k], kr->progress);
		if (kr->kind == KR_METRIC)
			buf_addf(&text[k], " done: at %g%s of %g%s; %s", kr->current, kr->unit,
				 kr->target, kr->unit, present_health_words(kr->health));
		else
			buf_addf(&text[k], " of the scoring criteria closed; %s",
				 present_health_words(kr->health));
		lines[k].key_result = kr->id;
		lines[k].line = text[k].buf;
		if (kr->health > worst)
			worst = kr->health;
		in.nlines = k + 1;
	}
	in.health = worst;
	if ((rc = act(a, dri, err)) == 0)
		rc = app_status(a, &in, &id, err);
	for (size_t k = 0; k < in.nlines; k++)
		buf_release(&text[k]);
	arena_release(&ar);
	return rc;
}

static int
add_objective(struct app *a, const struct objective_input *in, int64_t *id, struct okra_err *err)
{
	return app_objective_add(a, in, id, err);
}

/* Last quarter's platform objective: done, reviewed, closed (R11). */
static int
past_quarter(struct app *a, const char *cycle, int32_t qstart, int32_t qend, int64_t *out,
	     struct okra_err *err)
{
	static const char *good[] = {"Dashboards moved a month early",
				     "On-call agreed the new alerts before cut-over"};
	static const char *bad[] = {"Two weeks lost to a licence renewal",
				    "Runbooks lagged behind the new stack"};
	static const char *try[] = {"Write runbooks as part of each migration issue",
				    "Agree vendor renewals a quarter ahead",
				    "Review alert noise every sprint"};
	struct demo_kr krs[] = {
		{"Move every service's metrics to the new monitoring stack", "rio", "%", 0, 100,
		 1.0, 0},
		{"Cut alert noise from 120 to 40 pages a month", "kim", "pages", 120, 40, 1.05, 0},
		{"Bring dashboard load time from 6 to 2 seconds", "pat", "s", 6, 2, 1.0, 0},
	};
	struct objective_input in = {
		.cycle = cycle,
		.team = "platform",
		.dri = "pat",
		.title = "Give every engineer one trustworthy view of platform health",
		.context =
			"Metrics were spread over three tools and alerts paged people for "
			"noise. One stack, fewer and better alerts."};
	struct strlist g = {0}, b = {0}, t = {0};
	int rc;

	app_set_now(a, (int64_t)qstart * DAY + 9 * 3600);
	if ((rc = act(a, "alex", err)) < 0 || (rc = add_objective(a, &in, out, err)) < 0 ||
	    (rc = add_krs(a, *out, krs, 3, err)) < 0)
		return rc;
	for (size_t i = 0; i < 3; i++) {
		app_set_now(a, (int64_t)(qend - 14 + (int32_t)i) * DAY + 10 * 3600);
		if ((rc = checkin_week(a, &krs[i], 1.0, 1.0, err)) < 0)
			return rc;
	}
	if ((rc = status_week(a, "pat", *out, err)) < 0)
		return rc;
	for (size_t i = 0; i < 2; i++) {
		strlist_push(&g, good[i]);
		strlist_push(&b, bad[i]);
	}
	for (size_t i = 0; i < 3; i++)
		strlist_push(&t, try[i]);
	app_set_now(a, (int64_t)qend * DAY + 15 * 3600);
	rc = app_retro(a, *out, &g, &b, &t, 1, err);
	strlist_release(&g);
	strlist_release(&b);
	strlist_release(&t);
	if (rc == 0)
		rc = app_objective_close(a, *out, err);
	return rc;
}

/* ---- this year and this quarter ---- */

/* Where the demo stands: this fiscal year and quarter (q, 0-based), and last year's. */
struct demo {
	int32_t ys, pys, qs[4], qe[4], pqs[4], pqe[4];
	int q;
	char fy[16], pfy[16], cycle[40], pcycle[40];
	int64_t ids[4];  /* each planned objective's, by enum planned */
	int64_t crit_kr; /* the SaaS objective's criteria KR */
	struct demo_kr krs[4][3];
	size_t nkrs[4];
};

/* The objectives planned for this year and quarter, in the order they are set (R1). */
enum planned { ANNUAL, COMPANY, PLATFORM, SAAS, PLANNED };

static const struct demo_kr annual_krs[] = {
	{"Raise average customer satisfaction (CSAT) from 7.6 to 8.74 out of 10", "sam", "/10", 7.6,
	 8.74, 0.9, 0},
	{"Lift the feedback score (NPS) from 32 to 37", "jordan", "", 32, 37, 0.8, 0},
	{"Cut support tickets per customer per month from 2.0 to 1.7", "sam", "", 2.0, 1.7, 0.7, 0},
};
static const struct demo_kr company_krs[] = {
	{"Resolve 95% of priority-1 tickets within 4 hours", "jordan", "%", 70, 95, 0.95, 0},
	{"Raise the reliability survey response rate from 20% to 40%", "sam", "%", 20, 40, 0.6, 0},
};
/* The seed's Platform example, word for word where it gives numbers. */
static const struct demo_kr platform_krs[] = {
	{"Achieve 99.99% uptime for all hosting services", "rio", "%", 99.9, 99.99, 0.9, 0},
	{"Increase customer satisfaction score related to reliability to 9.5 out of 10", "pat",
	 "/10", 8.2, 9.5, 0.85, 0},
	{"Successfully migrate 95% of customers to the new high-performance server "
	 "infrastructure",
	 "kim", "%", 0, 95, 0.55, 0},
};
static const struct demo_kr saas_krs[] = {
	{"Cut median provisioning time from 45 to 5 minutes", "lou", "min", 45, 5, 1.0, 0},
	{"Bring provisioning support tickets from 30 to 10 a month", "dana", "tickets", 30, 10, 0.8,
	 0},
};

static const char *const saas_links[] = {"saas/provisioning&7", "saas/provisioning#98", NULL};

/* Each set by its DRI, in the year's cycle or the quarter's, aligned to its parent. */
static const struct demo_objective {
	int in_year;
	int parent; /* enum planned, or -1 */
	const char *team, *dri, *title, *context;
	const char *const *links;
	const struct demo_kr *krs;
	size_t nkrs;
} planned[PLANNED] = {
	[ANNUAL] = {1, -1, NULL, "alex",
		    "Improve customer satisfaction ratings and feedback scores by 15%",
		    "Customers stay when the platform is dependable and help is "
		    "quick. This year we raise every satisfaction measure by 15%.",
		    NULL, annual_krs, 3},
	[COMPANY] = {0, ANNUAL, NULL, "sam",
		     "Customers feel our platform is fast and dependable this quarter",
		     "This quarter's step towards the annual satisfaction goal: fewer "
		     "incidents, quicker answers when something breaks.",
		     NULL, company_krs, 2},
	/* Each workstream aligns its quarter to the company's. */
	[PLATFORM] = {0, COMPANY, "platform", "pat",
		      "Enhance the reliability and performance of our web hosting "
		      "platform",
		      "Making the hosting platform more reliable and faster is "
		      "critical for customer satisfaction and retention.",
		      NULL, platform_krs, 3},
	[SAAS] = {0, COMPANY, "saas", "dana",
		  "Make self-service environment provisioning effortless",
		  "Customers wait on us to create environments; tickets about "
		  "provisioning are a fifth of our queue. Self-service removes the "
		  "wait and the tickets.",
		  saas_links, saas_krs, 2},
};

/* The SaaS objective's criteria KR: three criteria (R7) and the epic behind them. */
static const struct demo_criterion {
	const char *ref;
	double pct;
	const char *title;
} saas_criteria[] = {
	{"saas/provisioning#101", 50, "Provisioning API"},
	{"saas/provisioning#102", 30, "Dashboard flow"},
	{"saas/provisioning#103", 20, "Clone and delete"},
};

static const struct demo_team {
	const char *slug, *name;
	const char *members[5];
} demo_teams[] = {
	{"platform", "Platform", {"pat", "rio", "kim", "noor", NULL}},
	{"saas", "SaaS Platforms", {"dana", "lou", NULL}},
};

/* This fiscal year and quarter from today, last quarter's cycle name, and the KRs to fill. */
static void
demo_init(struct demo *d, const struct app *a)
{
	memset(d, 0, sizeof(*d));
	d->ys = cal_fiscal_year_start(a->today, a->fy_first_month);
	d->pys = cal_add_months(d->ys, -12);
	snprintf(d->fy, sizeof(d->fy), "FY%d", cal_fiscal_year_number(d->ys));
	snprintf(d->pfy, sizeof(d->pfy), "FY%d", cal_fiscal_year_number(d->pys));
	cal_quarters(d->ys, d->qs, d->qe);
	cal_quarters(d->pys, d->pqs, d->pqe);
	for (d->q = 0; d->q < 3 && d->qe[d->q] < a->today; d->q++)
		;
	snprintf(d->cycle, sizeof(d->cycle), "%s-Q%d", d->fy, d->q + 1);
	if (d->q > 0)
		snprintf(d->pcycle, sizeof(d->pcycle), "%s-Q%d", d->fy, d->q);
	else
		snprintf(d->pcycle, sizeof(d->pcycle), "%s-Q4", d->pfy);
	for (size_t i = 0; i < PLANNED; i++) {
		memcpy(d->krs[i], planned[i].krs, planned[i].nkrs * sizeof(*planned[i].krs));
		d->nkrs[i] = planned[i].nkrs;
	}
}

/* The people, the two workstreams' teams, this year's cycles (and last year's, in Q1). */
static int
add_org(struct app *a, struct demo *d, struct okra_err *err)
{
	int64_t id;
	int rc;

	for (size_t i = 0; i < sizeof(demo_people) / sizeof(demo_people[0]); i++)
		if ((rc = add_person(a, &demo_people[i], err)) < 0)
			return rc;
	if ((rc = act(a, "alex", err)) < 0)
		return rc;
	for (size_t i = 0; i < sizeof(demo_teams) / sizeof(demo_teams[0]); i++) {
		struct strlist members = {0};

		for (size_t m = 0; demo_teams[i].members[m]; m++)
			strlist_push(&members, demo_teams[i].members[m]);
		rc = app_team_add(a, demo_teams[i].slug, demo_teams[i].name, &members, &id, err);
		strlist_release(&members);
		if (rc < 0)
			return rc;
	}
	if ((rc = app_cycle_year(a, d->fy, d->ys, &id, err)) < 0)
		return rc;
	if (d->q == 0 && (rc = app_cycle_year(a, d->pfy, d->pys, &id, err)) < 0)
		return rc;
	return 0;
}

static int
add_saas_criteria_kr(struct app *a, struct demo *d, struct okra_err *err)
{
	struct kr_input kr = {.objective = d->ids[SAAS],
			      .title = "Ship one-click environment provisioning",
			      .dri = "dana",
			      .kind = KR_CRITERIA,
			      .context =
				      "Done when a customer can create, clone and delete "
				      "an environment from the dashboard."};
	int64_t id;
	int rc;

	if ((rc = app_kr_add(a, &kr, &d->crit_kr, err)) < 0)
		return rc;
	for (size_t i = 0; i < sizeof(saas_criteria) / sizeof(saas_criteria[0]); i++)
		if ((rc = app_criterion_add(a, d->crit_kr, saas_criteria[i].ref,
					    saas_criteria[i].pct, saas_criteria[i].title, &id,
					    err)) < 0)
			return rc;
	return app_initiative_add(a, d->crit_kr, "Provisioning API epic", "saas/provisioning&7",
				  &id, err);
}

/* One planned objective, as its DRI, with its links and KRs. */
static int
plan(struct app *a, struct demo *d, enum planned which, struct okra_err *err)
{
	const struct demo_objective *p = &planned[which];
	struct strlist links = {0};
	struct objective_input in = {
		.cycle = p->in_year ? d->fy : d->cycle,
		.team = p->team,
		.dri = p->dri,
		.parent = p->parent >= 0 ? d->ids[p->parent] : 0,
		.title = p->title,
		.context = p->context,
		.links = p->links ? &links : NULL,
	};
	int rc;

	for (size_t i = 0; p->links && p->links[i]; i++)
		strlist_push(&links, p->links[i]);
	rc = act(a, p->dri, err);
	if (rc == 0)
		rc = add_objective(a, &in, &d->ids[which], err);
	strlist_release(&links);
	if (rc == 0 && which == SAAS)
		rc = add_saas_criteria_kr(a, d, err);
	if (rc == 0)
		rc = add_krs(a, d->ids[which], d->krs[which], d->nkrs[which], err);
	return rc;
}

/* ---- every Wednesday so far this quarter ---- */

/*
 * Who updated in a week (R15: an update counts for the nearest update day):
 * every past week everyone; the week of today's update day when it has come
 * (Wednesday to Saturday) everyone but Kim's last KR and Pat's status; the
 * week of an update day still to come (Sunday to Tuesday) only the early
 * birds, the SaaS team and Rio. A demo loaded on any day shows some people
 * done this week and some owing.
 */
enum week { WEEK_ALL, WEEK_LATEST, WEEK_EARLY };

static int
early_bird(const char *handle)
{
	return !strcmp(handle, "dana") || !strcmp(handle, "lou") || !strcmp(handle, "rio");
}

static int
checkin_all(struct app *a, struct demo *d, enum planned which, double share, double expected,
	    enum week w, struct okra_err *err)
{
	int rc;

	for (size_t i = 0; i < d->nkrs[which]; i++) {
		const struct demo_kr *kr = &d->krs[which][i];

		if ((w == WEEK_LATEST && which == PLATFORM && i == 2) ||
		    (w == WEEK_EARLY && !early_bird(kr->dri)))
			continue;
		if ((rc = checkin_week(a, &d->krs[which][i], share, expected, err)) < 0)
			return rc;
	}
	return 0;
}

static int
status_all(struct app *a, struct demo *d, enum week w, struct okra_err *err)
{
	int rc;

	if (w == WEEK_EARLY)
		return status_week(a, "dana", d->ids[SAAS], err);
	if ((rc = status_week(a, "sam", d->ids[COMPANY], err)) < 0 ||
	    (rc = status_week(a, "dana", d->ids[SAAS], err)) < 0 ||
	    (w == WEEK_ALL && (rc = status_week(a, "pat", d->ids[PLATFORM], err)) < 0) ||
	    (rc = status_week(a, "alex", d->ids[ANNUAL], err)) < 0)
		return rc;
	return 0;
}

/* One week's updates, made at `at` on `day`: check-ins, the criteria KR, status lines (R8). */
static int
update_week(struct app *a, struct demo *d, int32_t day, int64_t at, int week, enum week w,
	    struct okra_err *err)
{
	double share = (double)(day - d->qs[d->q] + 1) / (double)(d->qe[d->q] - d->qs[d->q] + 1);
	double year = share * 0.25 + 0.25 * d->q;
	struct checkin_input ci = {.key_result = d->crit_kr,
				   .health = HEALTH_ON_TRACK,
				   .note = "API merged; dashboard flow in review"};
	int64_t id, changed;
	int rc;

	app_set_now(a, at);
	if ((rc = checkin_all(a, d, ANNUAL, year, year, w, err)) < 0 ||
	    (rc = checkin_all(a, d, COMPANY, share, share, w, err)) < 0 ||
	    (rc = checkin_all(a, d, PLATFORM, share, share, w, err)) < 0 ||
	    (rc = checkin_all(a, d, SAAS, share, share, w, err)) < 0)
		return rc;
	if (week == 2 && ((rc = act(a, "dana", err)) < 0 ||
			  (rc = app_ref_set_state(a, "saas/provisioning#101", ITEM_CLOSED,
						  SOURCE_MANUAL, &changed, err)) < 0))
		return rc;
	if ((rc = act(a, "dana", err)) < 0 || (rc = app_checkin(a, &ci, &id, err)) < 0)
		return rc;
	return status_all(a, d, w, err);
}

/* Every update day of the quarter up to today's, each week's updates made by then (R15). */
static int
weeks(struct app *a, struct demo *d, int64_t now, int32_t today, struct okra_err *err)
{
	int32_t first = cal_update_day_on_or_before(d->qs[d->q] + 6, a->update_weekday);
	int32_t last = cal_update_day_on_or_before(today, a->update_weekday);
	int32_t next = cal_update_day_for(today, a->update_weekday);
	int week = 0;
	int rc;

	for (int32_t wed = first; wed <= last && wed <= d->qe[d->q]; wed += 7, week++) {
		int64_t at = (int64_t)wed * DAY + 10 * 3600;

		if ((rc = update_week(a, d, wed, at < now ? at : now, week,
				      wed == last && next == last ? WEEK_LATEST : WEEK_ALL, err)) <
		    0)
			return rc;
	}
	/* Today's window counts for an update day still to come: the early birds are done. */
	if (next > last && next <= d->qe[d->q] && first <= last) {
		int64_t at = (int64_t)today * DAY + 9 * 3600;

		if ((rc = update_week(a, d, today, at < now ? at : now, week, WEEK_EARLY, err)) < 0)
			return rc;
	}
	return 0;
}

static int
load(struct app *a, struct okra_err *err)
{
	const int64_t now = a->now;
	const int32_t today = a->today; /* app_set_now below moves a->today */
	struct demo d;
	int64_t past;
	int q, rc;

	demo_init(&d, a);
	q = d.q;
	if ((rc = add_org(a, &d, err)) < 0)
		return rc;
	/* Last quarter, done and closed. */
	if ((rc = past_quarter(a, d.pcycle, q ? d.qs[q - 1] : d.pqs[3], q ? d.qe[q - 1] : d.pqe[3],
			       &past, err)) < 0)
		return rc;
	/* The Leadership Team sets the year and the quarter at the start of each (R1). */
	for (int i = 0; i < PLANNED; i++) {
		if (i == ANNUAL || i == COMPANY)
			app_set_now(a, (int64_t)(i == ANNUAL ? d.ys : d.qs[q]) * DAY + 9 * 3600);
		if ((rc = plan(a, &d, (enum planned)i, err)) < 0)
			return rc;
	}
	if ((rc = weeks(a, &d, now, today, err)) < 0)
		return rc;
	app_set_now(a, now);
	return act(a, NULL, err);
}

int
app_demo(struct app *a, struct okra_err *err)
{
	const int64_t now = a->now;
	int empty = 0, rc;

	if ((rc = store_is_empty(a->db, &empty, err)) < 0)
		return rc;
	if (!empty)
		return okra_err_set(err, OKRA_ECONFLICT, "",
				    "the database already holds data: the demo loads only into an "
				    "empty one");
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = load(a, err);
	app_set_now(a, now);
	return app_tx_end(a, rc, err);
}
