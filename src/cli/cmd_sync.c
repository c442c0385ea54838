/* cmd_sync.c: okra sync — ask the forges' APIs for the state of every open item okra tracks and
 * apply the closes no webhook delivered, one line per change and a summary. */
#include "cli/cli.h"

#include <stdio.h>

#include "sync/sync.h"
#include "util/buf.h"

enum { SYNC_FORGE, SYNC_DRY_RUN, SYNC_NOPTS };
static const struct opt sync_opts_[SYNC_NOPTS] = {
	[SYNC_FORGE] = {"forge", OPT_STRING, "gitlab|github|jira", "ask only this forge"},
	[SYNC_DRY_RUN] = {"dry-run", OPT_FLAG, NULL, "say what would change; change nothing"},
};
static const struct cli_usage sync_usage = {
	"sync",
	NULL,
	0,
	0,
	OPTS(sync_opts_),
	.note = "    (each forge whose token is set: gitlab_api_token, github_api_token, "
		"jira_api_token)"};

int
cmd_sync(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[SYNC_NOPTS];
	struct sync_report rep = {BUF_INIT, 0, 0, 0, 0};
	struct buf sum = BUF_INIT;
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &sync_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0)
		goto out;
	struct sync_opts o = {v[SYNC_FORGE].set ? v[SYNC_FORGE].value : NULL, v[SYNC_DRY_RUN].set};

	rc = sync_run(&c->app, &o, &rep, err);
	/* What was applied before a forge failed stays applied: it is said either way. */
	if (rep.lines.len)
		fputs(rep.lines.buf, stdout);
	if (rc == 0 || rep.forges) {
		sync_report_summary(&rep, &o, &sum);
		printf("%s\n", sum.buf);
	}
	fflush(stdout);
out:
	buf_release(&sum);
	sync_report_release(&rep);
	opt_release(v, SYNC_NOPTS);
	return rc < 0 ? rc : 0;
}
