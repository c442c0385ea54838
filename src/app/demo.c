/* demo.c: the example company of the seeds, loaded through the use cases as one transaction. */
#include "app/app_int.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "store/store.h"
#include "util/buf.h"

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
	struct person p = {.handle = (char *)d->handle,
			   .name = (char *)d->name,
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
		if (kr->kind == KR_METRIC)
			buf_addf(&text[k], "%.0f%% done: at %g%s of %g%s; %s", kr->progress * 100,
				 kr->current, kr->unit, kr->target, kr->unit,
				 health_name(kr->health));
		else
			buf_addf(&text[k], "%.0f%% of the scoring criteria closed; %s",
				 kr->progress * 100, health_name(kr->health));
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

static int
load(struct app *a, struct okra_err *err)
{
	const int32_t today = a->today;
	const int64_t now = a->now;
	int32_t ys = cal_fiscal_year_start(today, a->fy_first_month), qs[4], qe[4];
	int32_t pys = cal_add_months(ys, -12), pqs[4], pqe[4];
	char fy[16], pfy[16], cycle[40], pcycle[40];
	int64_t id, annual, company, platform, saas, past, crit_kr;
	struct strlist members = {0};
	int q, rc;

	struct demo_kr annual_krs[] = {
		{"Raise average customer satisfaction (CSAT) from 7.6 to 8.74 out of 10", "sam",
		 "/10", 7.6, 8.74, 0.9, 0},
		{"Lift the feedback score (NPS) from 32 to 37", "jordan", "", 32, 37, 0.8, 0},
		{"Cut support tickets per customer per month from 2.0 to 1.7", "sam", "", 2.0, 1.7,
		 0.7, 0},
	};
	struct demo_kr company_krs[] = {
		{"Resolve 95% of priority-1 tickets within 4 hours", "jordan", "%", 70, 95, 0.95,
		 0},
		{"Raise the reliability survey response rate from 20% to 40%", "sam", "%", 20, 40,
		 0.6, 0},
	};
	/* The seed's Platform example, word for word where it gives numbers. */
	struct demo_kr platform_krs[] = {
		{"Achieve 99.99% uptime for all hosting services", "rio", "%", 99.9, 99.99, 0.9, 0},
		{"Increase customer satisfaction score related to reliability to 9.5 out of 10",
		 "pat", "/10", 8.2, 9.5, 0.85, 0},
		{"Successfully migrate 95% of customers to the new high-performance server "
		 "infrastructure",
		 "kim", "%", 0, 95, 0.55, 0},
	};
	struct demo_kr saas_krs[] = {
		{"Cut median provisioning time from 45 to 5 minutes", "lou", "min", 45, 5, 1.0, 0},
		{"Bring provisioning support tickets from 30 to 10 a month", "dana", "tickets", 30,
		 10, 0.8, 0},
	};

	snprintf(fy, sizeof(fy), "FY%d", cal_fiscal_year_number(ys));
	snprintf(pfy, sizeof(pfy), "FY%d", cal_fiscal_year_number(pys));
	cal_quarters(ys, qs, qe);
	cal_quarters(pys, pqs, pqe);
	for (q = 0; q < 3 && qe[q] < today; q++)
		;
	snprintf(cycle, sizeof(cycle), "%s-Q%d", fy, q + 1);
	if (q > 0)
		snprintf(pcycle, sizeof(pcycle), "%s-Q%d", fy, q);
	else
		snprintf(pcycle, sizeof(pcycle), "%s-Q4", pfy);

	for (size_t i = 0; i < sizeof(demo_people) / sizeof(demo_people[0]); i++)
		if ((rc = add_person(a, &demo_people[i], err)) < 0)
			return rc;
	if ((rc = act(a, "alex", err)) < 0)
		return rc;
	strlist_push(&members, "pat");
	strlist_push(&members, "rio");
	strlist_push(&members, "kim");
	strlist_push(&members, "noor");
	rc = app_team_add(a, "platform", "Platform", &members, &id, err);
	strlist_release(&members);
	if (rc < 0)
		return rc;
	strlist_push(&members, "dana");
	strlist_push(&members, "lou");
	rc = app_team_add(a, "saas", "SaaS Platforms", &members, &id, err);
	strlist_release(&members);
	if (rc < 0)
		return rc;
	if ((rc = app_cycle_year(a, fy, ys, &id, err)) < 0)
		return rc;
	if (q == 0 && (rc = app_cycle_year(a, pfy, pys, &id, err)) < 0)
		return rc;

	/* Last quarter, done and closed. */
	if ((rc = past_quarter(a, pcycle, q ? qs[q - 1] : pqs[3], q ? qe[q - 1] : pqe[3], &past,
			       err)) < 0)
		return rc;

	/* The Leadership Team sets the year and the quarter at the start of each (R1). */
	app_set_now(a, (int64_t)ys * DAY + 9 * 3600);
	{
		struct objective_input in = {
			.cycle = fy,
			.dri = "alex",
			.title = "Improve customer satisfaction ratings and feedback scores by 15%",
			.context =
				"Customers stay when the platform is dependable and help is "
				"quick. This year we raise every satisfaction measure by 15%."};

		if ((rc = act(a, "alex", err)) < 0 ||
		    (rc = add_objective(a, &in, &annual, err)) < 0 ||
		    (rc = add_krs(a, annual, annual_krs, 3, err)) < 0)
			return rc;
	}
	app_set_now(a, (int64_t)qs[q] * DAY + 9 * 3600);
	{
		struct objective_input in = {
			.cycle = cycle,
			.dri = "sam",
			.parent = annual,
			.title = "Customers feel our platform is fast and dependable this quarter",
			.context =
				"This quarter's step towards the annual satisfaction goal: fewer "
				"incidents, quicker answers when something breaks."};

		if ((rc = act(a, "sam", err)) < 0 ||
		    (rc = add_objective(a, &in, &company, err)) < 0 ||
		    (rc = add_krs(a, company, company_krs, 2, err)) < 0)
			return rc;
	}
	/* Each workstream aligns its quarter to the company's. */
	{
		struct objective_input in = {
			.cycle = cycle,
			.team = "platform",
			.dri = "pat",
			.parent = company,
			.title = "Enhance the reliability and performance of our web hosting "
				 "platform",
			.context =
				"Making the hosting platform more reliable and faster is "
				"critical for customer satisfaction and retention."};

		if ((rc = act(a, "pat", err)) < 0 ||
		    (rc = add_objective(a, &in, &platform, err)) < 0 ||
		    (rc = add_krs(a, platform, platform_krs, 3, err)) < 0)
			return rc;
	}
	{
		struct strlist links = {0};
		struct objective_input in = {
			.cycle = cycle,
			.team = "saas",
			.dri = "dana",
			.parent = company,
			.title = "Make self-service environment provisioning effortless",
			.context =
				"Customers wait on us to create environments; tickets about "
				"provisioning are a fifth of our queue. Self-service removes the "
				"wait and the tickets.",
			.links = &links};
		struct kr_input kr = {.title = "Ship one-click environment provisioning",
				      .dri = "dana",
				      .kind = KR_CRITERIA,
				      .context =
					      "Done when a customer can create, clone and delete "
					      "an environment from the dashboard."};

		strlist_push(&links, "saas/provisioning&7");
		strlist_push(&links, "saas/provisioning#98");
		rc = act(a, "dana", err);
		if (rc == 0)
			rc = add_objective(a, &in, &saas, err);
		strlist_release(&links);
		if (rc < 0)
			return rc;
		kr.objective = saas;
		if ((rc = app_kr_add(a, &kr, &crit_kr, err)) < 0 ||
		    (rc = app_criterion_add(a, crit_kr, "saas/provisioning#101", 50,
					    "Provisioning API", &id, err)) < 0 ||
		    (rc = app_criterion_add(a, crit_kr, "saas/provisioning#102", 30,
					    "Dashboard flow", &id, err)) < 0 ||
		    (rc = app_criterion_add(a, crit_kr, "saas/provisioning#103", 20,
					    "Clone and delete", &id, err)) < 0 ||
		    (rc = app_initiative_add(a, crit_kr, "Provisioning API epic",
					     "saas/provisioning&7", &id, err)) < 0 ||
		    (rc = add_krs(a, saas, saas_krs, 2, err)) < 0)
			return rc;
	}

	/* Every Wednesday so far this quarter: check-ins, then status lines (R8). */
	{
		int32_t first = cal_update_day_on_or_before(qs[q] + 6, a->update_weekday);
		int32_t last = cal_update_day_on_or_before(today, a->update_weekday);
		double span = (double)(qe[q] - qs[q] + 1);
		int week = 0;

		for (int32_t wed = first; wed <= last && wed <= qe[q]; wed += 7, week++) {
			double share = (double)(wed - qs[q] + 1) / span;
			int latest = wed + 7 > last;

			app_set_now(a, (int64_t)wed * DAY + 10 * 3600);
			for (size_t i = 0; i < 3; i++)
				if ((rc = checkin_week(a, &annual_krs[i], share * 0.25 + 0.25 * q,
						       share * 0.25 + 0.25 * q, err)) < 0)
					return rc;
			for (size_t i = 0; i < 2; i++)
				if ((rc = checkin_week(a, &company_krs[i], share, share, err)) < 0)
					return rc;
			/* Kim has not done this week's update yet: it shows as due. */
			for (size_t i = 0; i < 3; i++)
				if ((!latest || i != 2) &&
				    (rc = checkin_week(a, &platform_krs[i], share, share, err)) < 0)
					return rc;
			for (size_t i = 0; i < 2; i++)
				if ((rc = checkin_week(a, &saas_krs[i], share, share, err)) < 0)
					return rc;
			if (week == 2) {
				int64_t changed;

				if ((rc = act(a, "dana", err)) < 0 ||
				    (rc = app_ref_set_state(a, "saas/provisioning#101", ITEM_CLOSED,
							    SOURCE_MANUAL, &changed, err)) < 0)
					return rc;
			}
			{
				struct checkin_input ci = {
					.key_result = crit_kr,
					.health = HEALTH_ON_TRACK,
					.note = "API merged; dashboard flow in review"};

				if ((rc = act(a, "dana", err)) < 0 ||
				    (rc = app_checkin(a, &ci, &id, err)) < 0)
					return rc;
			}
			if ((rc = status_week(a, "sam", company, err)) < 0 ||
			    (rc = status_week(a, "dana", saas, err)) < 0 ||
			    (!latest && (rc = status_week(a, "pat", platform, err)) < 0) ||
			    (rc = status_week(a, "alex", annual, err)) < 0)
				return rc;
		}
	}
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
