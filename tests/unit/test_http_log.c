/* test_http_log.c: the server log folds a line repeated many times into one count. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/log.h"

/* Run the lines through http_log with stderr in a file; what was written into out. */
static void
logged(char *out, size_t n)
{
	char path[] = "/tmp/okra-log-XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	FILE *f;
	size_t len;

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, 2);
	for (int i = 0; i < 100000; i++)
		http_log("okra: http: Error accepting connection: %s", "Too many open files");
	http_log("okra: a different line");
	http_log_raw("{\"path\": \"/healthz\"}");
	http_log_flush();
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	f = fdopen(fd, "r");
	rewind(f);
	len = fread(out, 1, n - 1, f);
	out[len] = '\0';
	fclose(f);
	unlink(path);
}

static void
test_repeats_are_folded(void **state)
{
	static char out[1 << 20];
	unsigned long before = http_log_folded();
	const char *p;
	unsigned long total = 0;
	int lines = 0;

	(void)state;
	logged(out, sizeof(out));
	for (p = out; (p = strchr(p, '\n')); p++)
		lines++;
	/* The first line, a count line or a few (one a second at most), the other two. */
	assert_true(lines >= 4 && lines < 20);
	assert_non_null(
		strstr(out, "okra: http: Error accepting connection: Too many open files\n"));
	for (p = out; (p = strstr(p, "last line repeated ")); p++)
		total += strtoul(p + strlen("last line repeated "), NULL, 10);
	assert_int_equal(total, 99999);
	assert_int_equal(http_log_folded() - before, 99999);
	assert_non_null(strstr(out, "okra: a different line\n{\"path\": \"/healthz\"}\n"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repeats_are_folded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
