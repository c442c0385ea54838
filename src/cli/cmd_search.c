/* cmd_search.c: okra search — find objectives, key results, check-in notes, statuses, retros and
 * comments by their words, title hits first, grouped by kind. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "app/json_write.h"
#include "app/reads.h"

enum { SEARCH_LIMIT, SEARCH_NOPTS };
static const struct opt search_opts[SEARCH_NOPTS] = {
	[SEARCH_LIMIT] = {"limit", OPT_STRING, "N", "at most N hits (1 to 100, default 50)"},
};
static const struct cli_usage search_usage = {
	"search",
	"WORDS…",
	1,
	SEARCH_WORDS_MAX,
	OPTS(search_opts),
	.json = 1,
	.note = "    (the words are found in any order, each where it is stemmed alike)"};

/* marked text with each match between [ and ]. */
static void
print_marked(const char *marked)
{
	for (const char *p = marked; *p; p++)
		putchar(*p == SEARCH_MARK_ON ? '[' : *p == SEARCH_MARK_OFF ? ']' : *p);
}

static void
print_hits(const struct search_hit *v, size_t n)
{
	if (!n)
		printf("Nothing found.\n");
	for (int k = 0; k < SEARCH_NKINDS; k++) {
		int first = 1;

		for (size_t i = 0; i < n; i++) {
			char path[64];

			if (v[i].kind != (enum search_kind)k)
				continue;
			if (first)
				printf("%s%s\n", k && i ? "\n" : "",
				       search_kind_heading(v[i].kind));
			first = 0;
			search_hit_path(&v[i], path);
			printf("  %s  %s  ", path, v[i].cycle);
			print_marked(*v[i].title ? v[i].title : v[i].objective_title);
			putchar('\n');
			if (*v[i].snippet) {
				printf("      ");
				print_marked(v[i].snippet);
				putchar('\n');
			}
		}
	}
}

int
cmd_search(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[SEARCH_NOPTS];
	const char *pos[SEARCH_WORDS_MAX] = {0};
	struct search_hit *hits;
	struct buf q = BUF_INIT;
	int64_t limit = SEARCH_LIMIT_DEFAULT;
	size_t n;
	int rc;

	if ((rc = opt_parse(c, &search_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	for (size_t i = 0; i < SEARCH_WORDS_MAX && pos[i]; i++)
		buf_addf(&q, "%s%s", i ? " " : "", pos[i]);
	if ((v[SEARCH_LIMIT].set &&
	     (rc = cli_id("limit", v[SEARCH_LIMIT].value, &limit, err)) < 0) ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_search(&c->app, &c->arena, q.len ? q.buf : "",
			     limit > 1000 ? 1000 : (int)limit, &hits, &n, err)) < 0)
		goto out;
	if (c->json) {
		app_jw_search(cli_json_begin(), q.len ? q.buf : "", hits, n);
		cli_json_end();
	} else {
		print_hits(hits, n);
	}
out:
	buf_release(&q);
	opt_release(v, SEARCH_NOPTS);
	return rc < 0 ? rc : 0;
}
