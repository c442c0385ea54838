/* handbook.h: the handbook Markdown of objective and KR descriptions and the retro (R6, R7, R11).
 */
#ifndef OKRA_HANDBOOK_H
#define OKRA_HANDBOOK_H

#include "core/types.h"
#include "util/buf.h"
#include "util/err.h"

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
 * The same description without its "### Linked Epics and Issues" section,
 * for a page that draws the links itself: what comes before it into before,
 * what comes after it into after.
 */
void handbook_objective_around_links(struct buf *before, struct buf *after,
				     const struct objective *o);

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

/*
 * Export (docs/markdown-format.md): "# <title>", a fenced ```okra block of
 * "key: value" lines (id, cycle, team, parent, dri, state, weight, health,
 * progress, retro), the objective's description as handbook_objective builds it
 * but with a draft retro too, then per KR "## KR: <title>", its ```okra block
 * (id, dri, kind, unit, start, target, current, weight, health, progress) and
 * handbook_kr. Ends with exactly one newline.
 */
void handbook_export_objective(struct buf *out, const struct objective *o);

/*
 * Import helpers: one list item's text (without its "1. " or "- " marker).
 *   link        REF[ — TITLE][ (closed)]
 *   criterion   REF[ — TITLE] — PCT%[ (closed)]
 *   initiative  TITLE[ — REF][ (closed)]   (the last part is a REF only if it parses as one)
 * Refs are canonicalised (core/ref.h). Returns 0, or OKRA_EINVAL with a message.
 */
struct handbook_item {
	char *ref, *title; /* owned; title NULL when absent, ref NULL for an initiative without */
	double pct;
	int closed;
};
int handbook_parse_link(const char *s, struct handbook_item *out, struct okra_err *err);
int handbook_parse_criterion(const char *s, struct handbook_item *out, struct okra_err *err);
int handbook_parse_initiative(const char *s, struct handbook_item *out, struct okra_err *err);
void handbook_item_release(struct handbook_item *it);
/* A "key: value" line of an okra block: key [a-z_]+, value trimmed (owned). */
int handbook_parse_field(const char *line, char **key, char **value, struct okra_err *err);

#endif
