/* progress.h: key result progress and the roll-up of objectives (R3, R9, R10). */
#ifndef OKRA_PROGRESS_H
#define OKRA_PROGRESS_H

#include <stddef.h>

#include "core/types.h"

/* Raw metric progress (current - start) / (target - start): may be < 0 or > 1. 0 when target ==
 * start. */
double progress_metric(double start, double target, double current);
/* Clamp to [0, 1]; NaN becomes 0. Every progress shown as a bar or rolled up goes through it. */
double progress_clamp(double p);
/*
 * A KR's or an objective's weight in a roll-up. Validation keeps weights in
 * (0, 100]; anything else can only be a weight nobody set (a zeroed struct),
 * which means the default, 1.
 */
double progress_weight(double w);
/* R9: sum of contribution * (1 if closed, else clamped own progress) / 100. */
double progress_criteria(const struct criterion *c, size_t n);
/* Either of the above by kind; also stores the result in kr->progress. */
double progress_kr(struct key_result *kr);

/*
 * R10 over a set of objectives: computes every KR's progress, then each
 * objective's progress as the weighted mean of its KRs' and of its aligned
 * children's clamped progress (children = objectives in v whose parent is in v),
 * and achieved (R3). Fills children/nchildren (allocated in ar), replacing
 * any arrays a previous roll-up left. v may list objectives in any
 * order: ids are found through a hash map and the pass is an iterative
 * post-order walk, so the cost is O(objectives + KRs) and a deep chain cannot
 * overflow the stack. A weight (KR or objective) that is not a finite number
 * > 0 can only be one nobody set, and counts as the default, 1.
 * Objectives whose parent is not in v are roots; their indices go to *roots
 * (allocated in ar) when roots is not NULL.
 * Returns 0, or -1 if the parent links form a cycle (then *roots is NULL and
 * the objectives' progress is left at 0).
 */
int progress_rollup(struct arena *ar, struct objective *v, size_t n, size_t **roots,
		    size_t *nroots);

/*
 * The roll-up of v[i] alone from its KRs' and its children's progress as they are (what
 * progress_rollup does for each, children first): a kept tree patches a changed objective and
 * then each of its ancestors with it.
 */
void progress_rollup_one(struct objective *v, size_t i);

/* R3: has KRs and every one has progress >= 1 (after progress_kr). */
int progress_achieved(const struct objective *o);

#endif
