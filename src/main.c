/* main.c: okra's entry point: everything is a command of the CLI. */
#include <sys/stat.h>

#include "cli/cli.h"

int
main(int argc, char **argv)
{
	/*
	 * Everything okra creates — the database, its WAL, backups, exports — can
	 * hold password hashes, webhook secrets and session tokens: readable by
	 * the owner only, whatever umask okra was started with.
	 */
	umask(077);
	return cli_main(argc, argv);
}
