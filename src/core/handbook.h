/* handbook.h: the handbook Markdown of objective and KR descriptions and the retro (R6, R7, R11). */
#ifndef OKRA_HANDBOOK_H
#define OKRA_HANDBOOK_H

#include "core/types.h"
#include "util/buf.h"

/*
 * Objective (R6):
 *   ### Context\n\n<context>\n\n### Linked Epics and Issues\n\n1. <ref> — <title>\n...
 * then o->sections (if any), then the retro (handbook_retro) once it is final.
 * An empty context or list leaves its heading with no body. Each section is
 * separated by one blank line; the text ends with exactly one newline.
 * A closed item is marked " (closed)".
 */
void handbook_objective(struct buf *out, const struct objective *o);

/*
 * Key result (R7):
 *   ### Context\n\n<context>\n\n### Scoring Criteria\n\n1. <ref> — <title> — 50%\n...
 * A metric KR's scoring criterion is its metric: "1. <title>: from S to T <unit> — 100%".
 * Initiatives (R5) follow as "### Initiatives" with a bulleted list, when there are any:
 * "- <title> — <ref>" (no ref: "- <title>"). A criterion or initiative with no title
 * drops its " — <title>"; a closed one ends in " (closed)".
 */
void handbook_kr(struct buf *out, const struct key_result *kr);

/* R11: ### Retro, #### Good, #### Bad, #### Try, "- " bullets. */
void handbook_retro(struct buf *out, const struct retro *r);

/* A number as people write it: no trailing zeros, at most 6 decimals ("99.99", "9.5", "95"). */
void handbook_number(struct buf *out, double x);

#endif
