/* test_http_form.c: the page forms — a field drawn fresh, drawn again after a refusal with what
 * was typed and the message beside it or at the form's top, and the status it comes back with.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "http/form.h"

struct fixture {
	struct request r;
	struct okra_err err;
};

/* A request whose posted body is body (NULL: nothing posted), nobody signed in. */
static void
start(struct fixture *x, const char *body)
{
	memset(x, 0, sizeof(*x));
	buf_init(&x->r.body, 0);
	buf_init(&x->r.out, 0);
	if (body)
		buf_adds(&x->r.body, body);
}

static void
finish(struct fixture *x)
{
	buf_release(&x->r.body);
	buf_release(&x->r.out);
}

/* Offset of needle in the page drawn, -1 when absent. */
static long
at(const struct fixture *x, const char *needle)
{
	const char *p = strstr(x->r.out.buf, needle);

	return p ? p - x->r.out.buf : -1;
}

static void
test_a_fresh_field_shows_its_default_escaped(void **state)
{
	struct fixture x;
	struct form f;

	(void)state;
	start(&x, NULL);
	f = (struct form){.r = &x.r};
	form_field(&f, &(struct form_field){.type = FIELD_TEXT,
					    .name = "title",
					    .label = "Title <b>",
					    .value = "\"quoted\" & <tag>",
					    .required = 1});
	assert_string_equal(x.r.out.buf,
			    "<div class=\"field\"><label for=\"title\">Title &lt;b&gt;</label>"
			    "<input type=\"text\" id=\"title\" name=\"title\" required "
			    "value=\"&quot;quoted&quot; &amp; &lt;tag&gt;\"></div>\n");
	finish(&x);
}

static void
test_a_refused_field_keeps_what_was_typed_and_says_why_beside_it(void **state)
{
	struct fixture x;
	struct form f;

	(void)state;
	start(&x, "score=1.5&reason=a+%3Cb%3E");
	okra_err_set(&x.err, OKRA_EINVAL, "score", "from 0 to 1");
	f = (struct form){.r = &x.r, .err = &x.err};
	form_field(&f, &(struct form_field){.type = FIELD_NUMBER,
					    .name = "score",
					    .id = "close-score",
					    .label = "Score",
					    .value = "0.5",
					    .hint = "empty: the progress"});
	form_field(&f, &(struct form_field){.type = FIELD_TEXTAREA, .name = "reason"});
	form_done(&f);
	assert_true(at(&x, "value=\"1.5\"") > 0);
	assert_true(at(&x, "value=\"0.5\"") < 0);
	assert_true(at(&x, " inputmode=\"decimal\"") > 0);
	assert_true(at(&x,
		       "aria-invalid=\"true\" aria-describedby=\"close-score-hint "
		       "close-score-error\"") > 0);
	assert_true(
		at(&x, "<span class=\"hint\" id=\"close-score-hint\">empty: the progress</span>") >
		0);
	assert_true(at(&x,
		       "<p class=\"error\" id=\"close-score-error\" role=\"alert\">from 0 to "
		       "1</p>") > at(&x, "<input"));
	/* Once, beside its field: not again at the end. */
	assert_null(strstr(strstr(x.r.out.buf, "from 0 to 1") + 1, "from 0 to 1"));
	assert_true(at(&x, ">a &lt;b&gt;</textarea>") > 0);
	finish(&x);
}

static void
test_a_refusal_about_no_field_drawn_goes_to_the_top(void **state)
{
	struct fixture x;
	struct form f;

	(void)state;
	start(&x, "note=kept");
	okra_err_set(&x.err, OKRA_EFORBIDDEN, "objective", "only the DRI");
	f = (struct form){.r = &x.r, .err = &x.err, .action = "/things/1?a=1&b=2", .id = "t"};
	form_open(&f);
	buf_adds(&x.r.out, "<h3>Heading</h3>\n");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_TEXT, .name = "note", .label = "Note"});
	form_close(&f);
	assert_int_equal(at(&x,
			    "<form class=\"panel no-print\" method=\"post\" "
			    "action=\"/things/1?a=1&amp;b=2\" id=\"t\">\n<h3>"),
			 0);
	assert_true(at(&x, "</h3>\n<p class=\"error\" role=\"alert\">only the DRI</p>\n<div") > 0);
	assert_true(at(&x, "value=\"kept\"") > 0);
	assert_true(at(&x, "aria-invalid") < 0);
	assert_true(at(&x, "</form>\n") > 0);
	assert_true(at(&x, "_csrf") < 0); /* nobody signed in: no CSRF field */
	finish(&x);
}

static void
test_a_group_message_and_a_key_other_than_the_name(void **state)
{
	struct fixture x;
	struct form f;

	(void)state;
	start(&x, "kr-3-value=ten");
	okra_err_set(&x.err, OKRA_EINVAL, "value", "a number");
	f = (struct form){.r = &x.r, .err = &x.err};
	form_top(&f);
	form_error(&f, "lines", NULL);
	form_field(&f, &(struct form_field){.type = FIELD_NUMBER,
					    .name = "kr-3-value",
					    .key = "value",
					    .label = "Value now",
					    .value = "4"});
	form_done(&f);
	assert_true(at(&x, "value=\"ten\"") > 0);
	assert_true(at(&x, "id=\"kr-3-value-error\" role=\"alert\">a number") > 0);
	assert_true(at(&x, "<p class=\"error\" role=\"alert\">") < 0);

	buf_reset(&x.r.out);
	okra_err_set(&x.err, OKRA_EINVAL, "lines", "one line per KR");
	f = (struct form){.r = &x.r, .err = &x.err};
	form_top(&f);
	form_error(&f, "lines", NULL);
	form_done(&f);
	assert_string_equal(x.r.out.buf, "<p class=\"error\" role=\"alert\">one line per KR</p>\n");
	finish(&x);
}

static void
test_checkboxes_passwords_selects_and_hidden_fields(void **state)
{
	static const struct form_option opts[] = {{"q1", "Q1"}, {"q2", "Q2 & more"}};
	struct fixture x;
	struct form f;

	(void)state;
	start(&x, "password=secret&cycle=q2");
	okra_err_set(&x.err, OKRA_EINVAL, "", "try again");
	f = (struct form){.r = &x.r, .err = &x.err};
	/* Refused and not sent: an unticked box stays unticked whatever its default. */
	form_field(&f, &(struct form_field){.type = FIELD_CHECKBOX,
					    .name = "final",
					    .label = "Final",
					    .value = "1"});
	assert_true(at(&x,
		       "<div class=\"field\"><input type=\"checkbox\" id=\"final\" "
		       "name=\"final\" value=\"1\"> <label for=\"final\" class=\"inline\">") == 0);
	form_field(&f, &(struct form_field){.type = FIELD_PASSWORD, .name = "password"});
	assert_true(at(&x, "secret") < 0);
	form_field(&f, &(struct form_field){.type = FIELD_SELECT,
					    .name = "cycle",
					    .value = "q1",
					    .options = opts,
					    .noptions = 2});
	assert_true(at(&x, "<option value=\"q2\" selected>Q2 &amp; more</option>") > 0);
	assert_true(at(&x, "<option value=\"q1\">") > 0);
	form_field(&f, &(struct form_field){.type = FIELD_HIDDEN, .name = "v", .value = "3"});
	assert_true(at(&x, "<input type=\"hidden\" name=\"v\" value=\"3\">") > 0);
	finish(&x);
}

static void
test_the_status_a_refused_form_comes_back_with(void **state)
{
	(void)state;
	assert_int_equal(form_status(OKRA_EINVAL), 422);
	assert_int_equal(form_status(OKRA_EUSAGE), 422);
	assert_int_equal(form_status(OKRA_EFORBIDDEN), 403);
	assert_int_equal(form_status(OKRA_ENOTFOUND), 404);
	assert_int_equal(form_status(OKRA_ESTATE), 409);
	assert_int_equal(form_status(OKRA_EDB), 503);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_fresh_field_shows_its_default_escaped),
		cmocka_unit_test(test_a_refused_field_keeps_what_was_typed_and_says_why_beside_it),
		cmocka_unit_test(test_a_refusal_about_no_field_drawn_goes_to_the_top),
		cmocka_unit_test(test_a_group_message_and_a_key_other_than_the_name),
		cmocka_unit_test(test_checkboxes_passwords_selects_and_hidden_fields),
		cmocka_unit_test(test_the_status_a_refused_form_comes_back_with),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
