/* test_app_json_write.c: the JSON shapes of DESIGN.md §4 as the streaming writer gives them: the
 * text of whole trees, compact and indented, and each shape field by field. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "fixture_app.h"

#include <jansson.h>
#include "app/json_write.h"
#include "app/people.h"
#include "app/objectives.h"
#include "app/updates.h"
#include "app/tree.h"
#include "app/reads.h"
#include "app/transfer.h"
#include "app/report.h"

/* What the tests read lives here; arena_reset(&A) where a read was released. */
static struct arena A = ARENA_INIT;

static int
setup(void **state)
{
	if (fixture_app_open(state, "jsonwrite"))
		return -1;
	return 0;
}

static void
no_negative_zero(const char *s)
{
	for (const char *p = s; (p = strstr(p, "-0.0")); p++)
		assert_true(p[4] >= '0' && p[4] <= '9');
}

/* One shape written compact, as text. */
#define SHAPE(want, call)                                                                          \
	do {                                                                                       \
		struct buf b_ = BUF_INIT;                                                          \
		struct jw w_;                                                                      \
		jw_init(&w_, &b_, 0);                                                              \
		call;                                                                              \
		jw_release(&w_);                                                                   \
		assert_string_equal(b_.buf, want);                                                 \
		buf_release(&b_);                                                                  \
	} while (0)

/*
 * Both forms: read back and dumped again by the parser, the writer's text must
 * come out unchanged (the same separators, indent, escapes and number forms
 * okra has always sent), and no number may read "-0.0".
 */
static void
same_bytes(const struct app_tree *t)
{
	for (int pretty = 0; pretty <= 1; pretty++) {
		struct buf got = BUF_INIT;
		json_error_t jerr;
		json_t *j;
		char *again;

		app_json_tree_write(&got, t, pretty);
		j = json_loadb(got.buf, got.len, 0, &jerr);
		assert_non_null(j);
		again = json_dumps(j, JSON_REAL_PRECISION(15) |
					      (pretty ? JSON_INDENT(2) : JSON_COMPACT));
		assert_string_equal(got.buf, again);
		no_negative_zero(got.buf);
		free(again);
		json_decref(j);
		buf_release(&got);
	}
}

static void
each_cycle(struct app *a)
{
	struct arena C = ARENA_INIT; /* the cycles, while A holds one tree at a time */
	struct cycle *v = NULL;
	size_t n = 0, trees = 0;

	OK(app_cycles(a, &C, &v, &n, &E));
	for (size_t i = 0; i < n; i++) {
		struct app_tree t = {0};

		OK(app_tree(a, &A, v[i].name, &t, &E));
		trees += t.n > 0;
		same_bytes(&t);
		arena_reset(&A);
		if (v[i].starts_on <= a->today) {
			OK(app_tree_as_of(a, &A, v[i].name, v[i].starts_on, &t, &E));
			same_bytes(&t);
			arena_reset(&A);
		}
	}
	arena_release(&C);
	assert_true(trees > 0);
}

static void
test_demo_company(void **state)
{
	struct fx *f = *state;

	OK(app_act_as(&f->a, NULL, &E));
	OK(app_demo(&f->a, &E));
	each_cycle(&f->a);
}

/* Text that needs escaping and numbers at the edges of %.15g. */
static void
test_escapes_and_numbers(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	struct strlist links = {0};
	struct objective_input o = {.cycle = "FY2026-Q3",
				    .dri = "alex",
				    .title = "Quote \" back\\slash é ünï 🚀 </script>",
				    .context = "line\nbreak and\ttab",
				    .weight = 2.5,
				    .links = &links};
	struct kr_input k = {.title = "Tiny \"steps\"",
			     .dri = "pat",
			     .kind = KR_METRIC,
			     .unit = "m/s",
			     .start = 0.1,
			     .target = 123456789012.345};
	struct checkin_input c = {
		.has_value = 1, .value = 0.1000001, .health = HEALTH_AT_RISK, .note = "n"};
	int64_t oid, kid, cid;
	struct app_tree t = {0};

	staff(a);
	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &cid, &E));
	strlist_push(&links, "group/project#12");
	OK(app_objective_add(a, &o, &oid, &E));
	k.objective = oid;
	OK(app_kr_add(a, &k, &kid, &E));
	OK(app_initiative_add(a, kid, "An \"initiative\"", NULL, &cid, &E));
	act(a, "pat");
	c.key_result = kid;
	OK(app_checkin(a, &c, &cid, &E));
	clock_at(a, "2026-08-26T10:00");
	c.value = 1e-3;
	OK(app_checkin(a, &c, &cid, &E));
	k.title = "Criteria";
	k.kind = KR_CRITERIA;
	k.dri = "kim";
	act(a, "alex");
	OK(app_kr_add(a, &k, &kid, &E));
	OK(app_criterion_add(a, kid, "group/project#13", 33.3, "a third", &cid, &E));
	/* whole numbers (the fast path), negative, and past 1e15 where %.15g turns to exponents */
	k = (struct kr_input){.objective = oid,
			      .title = "Big",
			      .dri = "pat",
			      .kind = KR_METRIC,
			      .unit = "",
			      .start = -5,
			      .target = 1e14,
			      .weight = 3};
	OK(app_kr_add(a, &k, &kid, &E));
	/* amounts stop at 1e15 (R2), but a progress may pass it: 1e7 of a 4e-10 target */
	k.start = 0;
	k.target = 4e-10;
	OK(app_kr_add(a, &k, &kid, &E));
	c.key_result = kid;
	c.value = 1e7;
	OK(app_checkin(a, &c, &cid, &E));
	k.start = 999999999999999;
	k.target = -1e15;
	OK(app_kr_add(a, &k, &kid, &E));
	OK(app_tree(a, &A, "FY2026-Q3", &t, &E));
	assert_int_equal(t.n, 1);
	same_bytes(&t);
	arena_reset(&A);
	strlist_release(&links);
	each_cycle(a);
}

/* A KR whose target is below its start, not yet checked in: progress is 0, never "-0.0". */
static void
test_negative_zero(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	struct strlist links = {0};
	struct objective_input o = {
		.cycle = "FY2026-Q3", .dri = "alex", .title = "Fewer pages", .links = &links};
	struct kr_input k = {.title = "Pages a week",
			     .dri = "pat",
			     .kind = KR_METRIC,
			     .unit = "pages",
			     .start = 40,
			     .target = 10};
	int64_t oid, kid, cid;
	struct app_tree t = {0};
	struct buf b = BUF_INIT;

	staff(a);
	OK(app_cycle_year(a, "FY2026", date("2026-01-01"), &cid, &E));
	OK(app_objective_add(a, &o, &oid, &E));
	k.objective = oid;
	OK(app_kr_add(a, &k, &kid, &E));
	OK(app_tree(a, &A, "FY2026-Q3", &t, &E));
	assert_true(t.v[0].krs[0].progress == 0);
	app_json_tree_write(&b, &t, 0);
	assert_non_null(strstr(b.buf,
			       "\"current\":40.0,\"health\":\"none\",\"dri\":\"pat\","
			       "\"weight\":1.0,\"version\":1,\"progress\":0.0,"));
	no_negative_zero(b.buf);
	buf_release(&b);
	same_bytes(&t);
	arena_reset(&A);
	strlist_release(&links);
}

/* Each small shape, field by field: keys, their order, null against absent, the types. */
static void
test_shapes(void **state)
{
	char handle[] = "pat", name[] = "Pat \"P\"", email[] = "pat@example.org", slug[] = "core",
	     tname[] = "Core", cname[] = "FY2026-Q3", note[] = "up\tby one", l1[] = "half",
	     g1[] = "shipped", title[] = "Ship it";
	struct person p = {.id = 3,
			   .handle = handle,
			   .name = name,
			   .role = ROLE_MEMBER,
			   .joined_on = date("2026-08-01")};
	struct team tm = {.id = 2, .slug = slug, .name = tname};
	struct strlist members = {0};
	struct cycle c = {.id = 4,
			  .kind = CYCLE_QUARTER,
			  .name = cname,
			  .starts_on = date("2026-07-01"),
			  .ends_on = date("2026-09-30"),
			  .parent = 1};
	struct checkin ck = {.id = 9,
			     .key_result = 5,
			     .author_handle = handle,
			     .at = 1787659200,
			     .has_value = 1,
			     .value = 99.95,
			     .progress = 0.35,
			     .health = HEALTH_ON_TRACK,
			     .note = note,
			     .source = SOURCE_MANUAL};
	struct token_row tk = {.id = 1, .handle = handle, .name = tname, .created_at = 1787659200};
	struct status_line sl = {.key_result = 5, .line = l1};
	struct status_update su = {.id = 7,
				   .objective = 2,
				   .at = 1787659200,
				   .health = HEALTH_AT_RISK,
				   .lines = &sl,
				   .nlines = 1};
	struct due_item di[2] = {
		{.handle = handle, .objective = 2, .key_result = 5, .title = title},
		{.handle = handle, .objective = 2, .title = title, .last_at = 1787659200}};
	struct due_list dl = {
		.day = date("2026-08-26"), .update_day = date("2026-08-24"), .v = di, .n = 2};
	struct lint_finding lf = {.objective = 2, .rule = "R2", .msg = "no \"KR\""};
	struct lint_report lr = {.v = &lf, .n = 1};
	struct retro r = {0};
	struct pace pc = {.known = 1,
			  .expected = 0.5,
			  .gap = -0.25,
			  .suggested = HEALTH_NEEDS_ATTENTION,
			  .disagrees = 1};

	(void)state;
	SHAPE("{\"id\":3,\"handle\":\"pat\",\"name\":\"Pat \\\"P\\\"\",\"email\":null,"
	      "\"role\":\"member\",\"joined_on\":\"2026-08-01\",\"active\":true,\"onboarding\":"
	      "true,"
	      "\"onboarding_until\":\"2026-11-01\"}",
	      app_jw_person(&w_, &p, date("2026-08-26")));
	p.email = email;
	p.joined_on = DATE_NONE;
	p.deactivated_at = 1790000000; /* someone who left reads as not active */
	SHAPE("{\"id\":3,\"handle\":\"pat\",\"name\":\"Pat "
	      "\\\"P\\\"\",\"email\":\"pat@example.org\","
	      "\"role\":\"member\",\"joined_on\":null,\"active\":false,\"onboarding\":false,"
	      "\"onboarding_until\":null}",
	      app_jw_person(&w_, &p, date("2026-08-26")));
	SHAPE("{\"id\":2,\"slug\":\"core\",\"name\":\"Core\"}", app_jw_team(&w_, &tm, NULL));
	SHAPE("{\"id\":2,\"slug\":\"core\",\"name\":\"Core\",\"members\":[]}",
	      app_jw_team(&w_, &tm, &members));
	strlist_push(&members, "pat");
	strlist_push(&members, "kim");
	SHAPE("{\"id\":2,\"slug\":\"core\",\"name\":\"Core\",\"members\":[\"pat\",\"kim\"]}",
	      app_jw_team(&w_, &tm, &members));
	strlist_release(&members);
	SHAPE("{\"id\":4,\"name\":\"FY2026-Q3\",\"kind\":\"quarter\",\"starts_on\":\"2026-07-01\","
	      "\"ends_on\":\"2026-09-30\",\"parent\":1}",
	      app_jw_cycle(&w_, &c));
	c.parent = 0;
	SHAPE("{\"id\":4,\"name\":\"FY2026-Q3\",\"kind\":\"quarter\",\"starts_on\":\"2026-07-01\","
	      "\"ends_on\":\"2026-09-30\",\"parent\":null}",
	      app_jw_cycle(&w_, &c));
	SHAPE("{\"id\":9,\"key_result\":5,\"author\":\"pat\",\"at\":\"2026-08-25T12:00:00Z\","
	      "\"value\":99.95,\"progress\":0.35,\"health\":\"on_track\",\"note\":\"up\\tby one\","
	      "\"source\":\"manual\"}",
	      app_jw_checkin(&w_, &ck));
	ck.has_value = 0;
	ck.author_handle = NULL;
	ck.note = NULL;
	ck.progress = -0.0;
	SHAPE("{\"id\":9,\"key_result\":5,\"author\":null,\"at\":\"2026-08-25T12:00:00Z\","
	      "\"value\":null,\"progress\":0.0,\"health\":\"on_track\",\"note\":\"\","
	      "\"source\":\"manual\"}",
	      app_jw_checkin(&w_, &ck));
	SHAPE("{\"id\":1,\"handle\":\"pat\",\"name\":\"Core\",\"created_at\":\"2026-08-25T12:00:"
	      "00Z\","
	      "\"last_used_at\":null,\"revoked_at\":null}",
	      app_jw_token(&w_, &tk));
	SHAPE("{\"id\":7,\"objective\":2,\"author\":null,\"at\":\"2026-08-25T12:00:00Z\","
	      "\"health\":\"at_risk\",\"lines\":[{\"key_result\":5,\"line\":\"half\"}]}",
	      app_jw_status(&w_, &su));
	SHAPE("{\"date\":\"2026-08-26\",\"update_day\":\"2026-08-24\",\"due\":["
	      "{\"dri\":\"pat\",\"kind\":\"checkin\",\"objective\":2,\"key_result\":5,"
	      "\"title\":\"Ship it\",\"last_at\":null},"
	      "{\"dri\":\"pat\",\"kind\":\"status\",\"objective\":2,\"key_result\":null,"
	      "\"title\":\"Ship it\",\"last_at\":\"2026-08-25T12:00:00Z\"}]}",
	      app_jw_due(&w_, &dl));
	SHAPE("[{\"objective\":2,\"key_result\":null,\"rule\":\"R2\",\"message\":\"no "
	      "\\\"KR\\\"\"}]",
	      app_jw_lint(&w_, &lr));
	SHAPE("{\"good\":[],\"bad\":[],\"try\":[],\"final\":false,\"final_at\":null}",
	      app_jw_retro(&w_, &r));
	strlist_push(&r.good, g1);
	r.final_at = 1787659200;
	SHAPE("{\"good\":[\"shipped\"],\"bad\":[],\"try\":[],\"final\":true,"
	      "\"final_at\":\"2026-08-25T12:00:00Z\"}",
	      app_jw_retro(&w_, &r));
	strlist_release(&r.good);
	SHAPE("{\"expected\":0.5,\"gap\":-0.25,\"suggested_health\":\"needs_attention\","
	      "\"disagrees\":true}",
	      app_jw_pace(&w_, &pc));
	pc.known = 0;
	SHAPE("null", app_jw_pace(&w_, &pc));
}

/* The object's keys, in order, joined by commas. */
static void
keys(json_t *o, struct buf *out)
{
	buf_reset(out);
	for (void *it = json_object_iter(o); it; it = json_object_iter_next(o, it))
		buf_addf(out, "%s%s", out->len ? "," : "", json_object_iter_key(it));
}

/*
 * The demo's tree, its objectives and KRs carry exactly DESIGN §4's members
 * in okra's order, with their types; the weekly report too.
 */
static void
test_members_in_order(void **state)
{
	struct fx *f = *state;
	struct app *a = &f->a;
	struct app_tree t = {0};
	struct report rep = {0};
	struct buf b = BUF_INIT, k = BUF_INIT;
	json_t *j, *o, *kr;

	OK(app_act_as(a, NULL, &E));
	OK(app_demo(a, &E));
	OK(app_tree(a, &A, NULL, &t, &E));
	app_json_tree_write(&b, &t, 0);
	assert_non_null(j = json_loads(b.buf, 0, NULL));
	keys(j, &k);
	assert_string_equal(k.buf, "cycle,as_of,objectives");
	o = json_array_get(json_object_get(j, "objectives"), 0);
	keys(o, &k);
	assert_string_equal(k.buf,
			    "id,title,cycle,team,parent,dri,health,state,level,weight,context,"
			    "version,final_score,final_reason,progress,achieved,pace,"
			    "description,last_status_at,key_results,links,retro,children");
	assert_true(json_is_real(json_object_get(o, "progress")));
	assert_true(json_is_integer(json_object_get(o, "id")));
	kr = json_array_get(json_object_get(o, "key_results"), 0);
	keys(kr, &k);
	assert_string_equal(k.buf,
			    "id,objective,title,context,kind,unit,start,target,current,"
			    "health,dri,weight,version,progress,pace,forecast,criteria,"
			    "initiatives,source,description");
	json_decref(j);
	buf_reset(&b);
	{
		struct jw w;

		jw_init(&w, &b, 0);
		app_jw_objective_item(&w, &t.v[t.roots[0]]);
		jw_release(&w);
	}
	assert_non_null(j = json_loads(b.buf, 0, NULL));
	keys(j, &k);
	assert_string_equal(k.buf,
			    "id,title,cycle,team,parent,dri,health,state,level,weight,context,"
			    "version,final_score,final_reason,progress,achieved,pace");
	json_decref(j);
	arena_reset(&A);

	OK(app_report_weekly(a, NULL, a->today, &rep, &E));
	buf_reset(&b);
	{
		struct jw w;

		jw_init(&w, &b, 2);
		app_jw_report(&w, &rep);
		jw_release(&w);
	}
	report_release(&rep);
	assert_non_null(j = json_loads(b.buf, 0, NULL));
	keys(j, &k);
	assert_string_equal(k.buf, "cycle,date,update_day,summary,objectives,missing,markdown");
	keys(json_object_get(j, "summary"), &k);
	assert_string_equal(k.buf, "objectives,on_track,needs_attention,at_risk,no_status,missing");
	o = json_array_get(json_object_get(j, "objectives"), 0);
	keys(o, &k);
	assert_string_equal(k.buf,
			    "id,title,team,parent,depth,dri,state,health,progress,"
			    "progress_week_before,status_at,status_by,key_results");
	keys(json_array_get(json_object_get(o, "key_results"), 0), &k);
	assert_string_equal(k.buf, "id,title,dri,health,progress,progress_week_before,line");
	keys(json_object_get(j, "missing"), &k);
	assert_string_equal(k.buf, "date,update_day,due");
	json_decref(j);
	buf_release(&b);
	buf_release(&k);
}

/* What the audit trail stores: the stored fields, compact, and ad hoc objects of strings. */
static void
test_audit_texts(void **state)
{
	struct objective_row o = {.id = 2,
				  .cycle_name = "FY2026-Q3",
				  .title = "Tab\there",
				  .dri_handle = "pat",
				  .health = HEALTH_ON_TRACK,
				  .state = STATE_ACTIVE,
				  .cycle_kind = CYCLE_QUARTER,
				  .weight = 1,
				  .version = 3};
	struct key_result kr = {.id = 5,
				.objective = 2,
				.title = "Pages",
				.dri_handle = "pat",
				.kind = KR_METRIC,
				.unit = "pages",
				.start = 40,
				.target = 10,
				.current = 40,
				.weight = 0.5,
				.version = 1};
	char *s;

	(void)state;
	s = app_text_objective_row(&o);
	assert_string_equal(s,
			    "{\"id\":2,\"title\":\"Tab\\there\",\"cycle\":\"FY2026-Q3\","
			    "\"team\":null,\"parent\":null,\"dri\":\"pat\",\"health\":\"on_track\","
			    "\"state\":\"active\",\"level\":\"company quarterly\",\"weight\":1.0,"
			    "\"context\":\"\",\"version\":3,\"final_score\":null,"
			    "\"final_reason\":null}");
	free(s);
	s = app_text_kr_row(&kr);
	assert_string_equal(s,
			    "{\"id\":5,\"objective\":2,\"title\":\"Pages\",\"context\":\"\","
			    "\"kind\":\"metric\",\"unit\":\"pages\",\"start\":40.0,\"target\":10.0,"
			    "\"current\":40.0,\"health\":\"none\",\"dri\":\"pat\",\"weight\":0.5,"
			    "\"version\":1}");
	free(s);
	kr.kind = KR_CRITERIA;
	s = app_text_kr_row(&kr);
	assert_non_null(
		strstr(s, "\"unit\":null,\"start\":null,\"target\":null,\"current\":null,"));
	free(s);
	s = app_text_strings("name", "update_day", "value", "wednesday", "none", NULL, NULL);
	assert_string_equal(s, "{\"name\":\"update_day\",\"value\":\"wednesday\",\"none\":null}");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo_company, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escapes_and_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_negative_zero, setup, teardown),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test_setup_teardown(test_members_in_order, setup, teardown),
		cmocka_unit_test(test_audit_texts),
	};

	int failed = cmocka_run_group_tests(tests, NULL, NULL);

	arena_release(&A);
	return failed;
}
