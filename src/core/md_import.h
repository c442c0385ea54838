/* md_import.h: the handbook Markdown (docs/markdown-format.md) read into plain structs. */
#ifndef OKRA_MD_IMPORT_H
#define OKRA_MD_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/handbook.h"
#include "core/types.h"
#include "util/err.h"

/*
 * The first half of `okra import`: the file parsed (cmark-gfm's AST, walked
 * top-level block by block) into the structs below, every item remembering its
 * line, with no store in sight; app/import_md.c applies them in one
 * transaction. Free text (contexts, further sections) is taken verbatim from
 * the source lines between the structural headings, so it comes back byte for
 * byte. All strings are owned; a field the file does not give is NULL (or its
 * has_ flag 0).
 */

struct md_import_item {
	int line;
	struct handbook_item it;
};

struct md_import_items {
	struct md_import_item *v;
	size_t n, alloc;
};

struct md_import_kr {
	int line, head_line; /* the heading's line; the okra block's (or the heading's) */
	int64_t id;
	char *title, *dri, *kind, *unit, *context;
	int has_start, has_target, has_weight;
	double start, target, weight;
	struct md_import_items criteria, initiatives;
};

struct md_import_obj {
	int line, head_line;
	int64_t id, parent;
	int has_parent, has_weight;
	double weight;
	char *title, *cycle, *team, *dri, *state, *retro_kind;
	char *context, *sections;
	struct md_import_items links;
	int has_retro, retro_line;
	struct strlist good, bad, try;
	struct md_import_kr *krs;
	size_t nkrs;
};

struct md_import {
	struct md_import_obj *objs;
	size_t nobjs;
};

/*
 * Parse len bytes of text (NUL bytes refused; CRLF and CR read as LF) into
 * *out, which must be zeroed. Returns 0, or OKRA_EINVAL with err's message
 * starting "FILE:LINE: " (file is the name to give). A file without any
 * objective is refused. Release *out either way.
 */
int md_import_parse(struct md_import *out, const char *file, const char *text, size_t len,
		    struct okra_err *err);
void md_import_release(struct md_import *m);

#endif
