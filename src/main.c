/* main.c: okra's entry point: everything is a command of the CLI. */
#include "cli/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
