/* fuzz_import_md.c: okra import of handbook Markdown into the demo store (each input rolled back).
 */
#include "fuzz.h"
#include "fuzz_store.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_store_open(1);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct import_md_defaults d = {"FY2026-Q4", "sam", NULL};
	struct okra_err err = {0};
	int64_t created = 0, updated = 0;
	int rc;

	fuzz_store_begin();
	rc = app_import_md(&fuzz_app, "fuzz.md", (const char *)data, size, &d, &created, &updated,
			   &err);
	/* Refused with a "FILE:LINE: " message, or taken: never a store failure or a crash. */
	if (rc == OKRA_EDB || rc == OKRA_EIO)
		fprintf(stderr, "fuzz_import_md: %s\n", err.msg);
	FUZZ_CHECK(rc != OKRA_EDB && rc != OKRA_EIO);
	if (rc < 0)
		FUZZ_CHECK(!strncmp(err.msg, "fuzz.md:", 8));
	else
		FUZZ_CHECK(created >= 0 && updated >= 0);
	fuzz_store_undo();
	return 0;
}
