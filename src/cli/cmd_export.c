/* cmd_export.c: okra export --format md|json|csv — the OKRs as handbook Markdown, JSON or CSV. */
#include "cli/cli.h"

#include "app/transfer.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Write the whole of b to path (or stdout when NULL). */
static int
write_out(const char *path, const struct buf *b, struct okra_err *err)
{
	FILE *f = path ? fopen(path, "wb") : stdout;
	int rc = 0;

	if (!f)
		return okra_err_set(err, OKRA_EIO, "out", "cannot write %s: %s", path,
				    strerror(errno));
	if (fwrite(b->buf, 1, b->len, f) != b->len || fflush(f) != 0)
		rc = okra_err_set(err, OKRA_EIO, "out", "cannot write %s: %s",
				  path ? path : "stdout", strerror(errno));
	if (path && fclose(f) != 0 && rc == 0)
		rc = okra_err_set(err, OKRA_EIO, "out", "cannot write %s: %s", path,
				  strerror(errno));
	return rc;
}

/*
 * md is built here (app_export_md, docs/markdown-format.md); json and csv are
 * src/app/export_json.c and export_csv.c (app_export_json, app_export_csv).
 */
enum { EXPORT_FORMAT, EXPORT_CYCLE, EXPORT_OUT, EXPORT_WHAT, EXPORT_NOPTS };
static const struct opt export_opts[EXPORT_NOPTS] = {
	[EXPORT_FORMAT] = {"format", OPT_STRING, "md|json|csv", "what to write (required)",
			   .flags = OPT_REQUIRED},
	[EXPORT_CYCLE] = {"cycle", OPT_STRING, "C",
			  "md only: the objectives of cycle C (default: every cycle)"},
	[EXPORT_OUT] = {"out", OPT_STRING, "FILE", "write to FILE instead of stdout"},
	[EXPORT_WHAT] = {"what", OPT_STRING, "T",
			 "csv only: objectives (default), key_results or checkins"},
};
static const struct cli_usage export_usage = {"export", NULL, 0, 0, OPTS(export_opts)};

int
cmd_export(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[EXPORT_NOPTS];
	const char *pos[1], *fmt, *cycle, *what;
	struct buf b = BUF_INIT;
	int rc;

	if ((rc = opt_parse(c, &export_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	fmt = v[EXPORT_FORMAT].value;
	cycle = v[EXPORT_CYCLE].value;
	what = v[EXPORT_WHAT].value;
	if (!fmt || (strcmp(fmt, "md") && strcmp(fmt, "json") && strcmp(fmt, "csv"))) {
		rc = okra_err_set(err, OKRA_EUSAGE, "format", "--format is md, json or csv");
		goto out;
	}
	if (cycle && strcmp(fmt, "md") != 0) {
		rc = okra_err_set(err, OKRA_EUSAGE, "cycle", "--cycle goes with --format md only");
		goto out;
	}
	if (what && strcmp(fmt, "csv") != 0) {
		rc = okra_err_set(err, OKRA_EUSAGE, "what", "--what goes with --format csv only");
		goto out;
	}
	if ((rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (strcmp(fmt, "md") == 0)
		rc = app_export_md(&c->app, cycle, &b, err);
	else if (strcmp(fmt, "json") == 0)
		rc = app_export_json(&c->app, &b, err);
	else
		rc = app_export_csv(&c->app, what ? what : "objectives", &b, err);
	if (rc < 0)
		goto out;
	rc = write_out(v[EXPORT_OUT].value, &b, err);
out:
	buf_release(&b);
	opt_release(v, EXPORT_NOPTS);
	return rc < 0 ? rc : 0;
}
