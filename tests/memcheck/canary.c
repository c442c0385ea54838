/* canary.c: a program with one known leak and one uninitialised read, which memcheck must report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * tests/memcheck/run runs this first: if the options or a suppression ever hid these two,
 * every clean log after it would prove nothing, so the run fails instead.
 */
int
main(int argc, char **argv)
{
	char *lost = malloc(64);
	int *unset = malloc(2 * sizeof *unset);

	if (!lost || !unset)
		return 1;
	snprintf(lost, 64, "%s", argv[0]);
	lost = NULL; /* the only pointer to the 64 bytes is gone: definitely lost */
	if (argc > 0 && unset[1] > 3) /* read before any write */
		puts("canary");
	free(unset);
	return lost != NULL;
}
