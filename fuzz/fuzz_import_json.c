/* fuzz_import_json.c: okra import of a JSON export into an empty store; what is taken exports
 * again. */
#include "fuzz.h"
#include "fuzz_store.h"
#include "app/transfer.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_store_open(0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct okra_err err = {0};
	struct buf out = BUF_INIT;
	int rc;

	fuzz_store_begin();
	rc = app_import_json(&fuzz_app, (const char *)data, size, &err);
	if (rc == OKRA_EDB || rc == OKRA_EIO)
		fprintf(stderr, "fuzz_import_json: %s\n", err.msg);
	/* Bad documents are refused as such (OKRA_EINVAL, …), not as a store failure. */
	FUZZ_CHECK(rc != OKRA_EDB && rc != OKRA_EIO);
	if (rc == 0) {
		/* What was taken is a store that exports. */
		app_act_as_system(&fuzz_app);
		FUZZ_CHECK(app_export_json(&fuzz_app, &out, &err) == 0);
	}
	fuzz_store_undo();
	buf_release(&out);
	return 0;
}
