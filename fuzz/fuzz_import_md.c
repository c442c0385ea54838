/* fuzz_import_md.c: the handbook Markdown parser of okra import (core/md_import.c), no store. */
#include "fuzz.h"

#include "core/md_import.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct md_import doc = {0};
	struct okra_err err = {0};
	int rc = md_import_parse(&doc, "fuzz.md", (const char *)data, size, &err);

	/* Refused with a "FILE:LINE: " message, or at least one objective, each with a title. */
	if (rc < 0) {
		FUZZ_CHECK(rc == OKRA_EINVAL);
		FUZZ_CHECK(!strncmp(err.msg, "fuzz.md:", 8));
	} else {
		FUZZ_CHECK(doc.nobjs >= 1);
		for (size_t i = 0; i < doc.nobjs; i++) {
			FUZZ_CHECK(doc.objs[i].title && doc.objs[i].line >= 1);
			for (size_t j = 0; j < doc.objs[i].nkrs; j++)
				FUZZ_CHECK(doc.objs[i].krs[j].title);
		}
	}
	md_import_release(&doc);
	return 0;
}
