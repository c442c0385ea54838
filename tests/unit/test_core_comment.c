/* test_core_comment.c: a comment's body check and the @mentions read from its text (issue 19). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/comment.h"
#include "util/buf.h"

/* Every mention of s, joined by spaces. */
static void
mentions(const char *s, struct buf *out)
{
	size_t pos = 0;
	char h[41];

	buf_reset(out);
	while (comment_next_mention(s, &pos, h)) {
		if (out->len)
			buf_addch(out, ' ');
		buf_adds(out, h);
	}
}

static void
test_mentions_read_as_handles(void **state)
{
	struct buf b = BUF_INIT;

	(void)state;
	mentions("@pat please ask @sam.", &b);
	assert_string_equal(b.buf, "pat sam");
	mentions("(@a.b-c_d), @rio: @x1!", &b);
	assert_string_equal(b.buf, "a.b-c_d rio x1");
	mentions("mail pat@example.com or @pat@example.com, not a@b", &b);
	assert_string_equal(b.buf, "");
	mentions("@ @- @_x @Pat @-pat", &b);
	assert_string_equal(b.buf, "");
	mentions("@@pat @pat-", &b);
	assert_string_equal(b.buf, "pat");
	mentions("line\n@kim\tand `@lou`", &b);
	assert_string_equal(b.buf, "kim lou");
	buf_release(&b);
}

static void
test_mention_longer_than_a_handle_names_nobody(void **state)
{
	char s[64];
	struct buf b = BUF_INIT;

	(void)state;
	memset(s, 'a', sizeof(s));
	s[0] = '@';
	s[sizeof(s) - 1] = '\0';
	mentions(s, &b);
	assert_string_equal(b.buf, "");
	s[41] = ' ';
	mentions(s, &b);
	assert_int_equal(b.len, 40);
	buf_release(&b);
}

static void
test_body_checks(void **state)
{
	struct okra_err err = {0};
	static char big[COMMENT_MAX + 2];

	(void)state;
	assert_int_equal(comment_check_body("body", "**fine**\n\n- a\n\t- b", &err), 0);
	assert_int_equal(comment_check_body("body", " \n\t ", &err), OKRA_EINVAL);
	assert_string_equal(err.field, "body");
	assert_non_null(strstr(err.msg, "empty"));
	assert_int_equal(comment_check_body("body", NULL, &err), OKRA_EINVAL);
	assert_int_equal(comment_check_body("body", "bell\a", &err), OKRA_EINVAL);
	assert_int_equal(comment_check_body("body", "\xff\xfe", &err), OKRA_EINVAL);
	memset(big, 'x', COMMENT_MAX);
	assert_int_equal(comment_check_body("body", big, &err), 0);
	big[COMMENT_MAX] = 'x';
	assert_int_equal(comment_check_body("body", big, &err), OKRA_EINVAL);
	assert_non_null(strstr(err.msg, "at most"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mentions_read_as_handles),
		cmocka_unit_test(test_mention_longer_than_a_handle_names_nobody),
		cmocka_unit_test(test_body_checks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
