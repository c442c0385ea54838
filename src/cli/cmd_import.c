/* cmd_import.c: okra import FILE — handbook Markdown (or an okra JSON export) back into the
 * database. */
#include "cli/cli.h"

#include "app/transfer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The whole file, at most max bytes (one more is read to tell "too large"). */
static int
slurp(const char *path, size_t max, struct buf *out, struct okra_err *err)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (!f)
		return okra_err_set(err, OKRA_EIO, "file", "cannot read %s: %s", path,
				    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		buf_add(out, chunk, n);
		if (out->len > max) {
			rc = okra_err_set(err, OKRA_EINVAL, "file", "%s: larger than %zu bytes",
					  path, max);
			break;
		}
	}
	if (rc == 0 && ferror(f))
		rc = okra_err_set(err, OKRA_EIO, "file", "cannot read %s: %s", path,
				  strerror(errno));
	fclose(f);
	return rc;
}

enum { IMPORT_FORMAT, IMPORT_CYCLE, IMPORT_DRI, IMPORT_TEAM, IMPORT_NOPTS };
static const struct opt import_opts[IMPORT_NOPTS] = {
	[IMPORT_FORMAT] = {"format", OPT_STRING, "md|json",
			   "default: json for a FILE ending in .json, else md"},
	[IMPORT_CYCLE] = {"cycle", OPT_STRING, "C",
			  "md: the cycle of objectives whose okra block has none"},
	[IMPORT_DRI] = {"dri", OPT_STRING, "H",
			"md: the DRI of objectives and KRs whose okra block has none"},
	[IMPORT_TEAM] = {"team", OPT_STRING, "SLUG",
			 "md: the team of new objectives whose okra block has none"},
};
static const struct cli_usage import_usage = {"import", "FILE", 1, 1, OPTS(import_opts)};

int
cmd_import(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[IMPORT_NOPTS];
	const char *pos[1], *fmt;
	struct buf text = BUF_INIT;
	struct import_md_defaults d;
	int64_t created = 0, updated = 0;
	size_t len;
	int rc;

	if ((rc = opt_parse(c, &import_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	len = strlen(pos[0]);
	fmt = v[IMPORT_FORMAT].value                              ? v[IMPORT_FORMAT].value
	      : len > 5 && strcmp(pos[0] + len - 5, ".json") == 0 ? "json"
								  : "md";
	if (strcmp(fmt, "md") != 0 && strcmp(fmt, "json") != 0) {
		rc = okra_err_set(err, OKRA_EUSAGE, "format", "--format is md or json");
		goto out;
	}
	if ((rc = slurp(pos[0], IMPORT_MD_MAX, &text, err)) < 0 || (rc = cli_open(c, 0, err)) < 0)
		goto out;
	if (strcmp(fmt, "json") == 0) {
		if ((rc = app_import_json(&c->app, text.buf, text.len, err)) == 0)
			printf("imported %s\n", pos[0]);
		goto out;
	}
	d = (struct import_md_defaults){v[IMPORT_CYCLE].value, v[IMPORT_DRI].value,
					v[IMPORT_TEAM].value};
	if ((rc = app_import_md(&c->app, pos[0], text.buf, text.len, &d, &created, &updated, err)) <
	    0)
		goto out;
	printf("%lld created, %lld updated\n", (long long)created, (long long)updated);
out:
	buf_release(&text);
	opt_release(v, IMPORT_NOPTS);
	return rc < 0 ? rc : 0;
}
