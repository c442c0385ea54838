/* lint.h: checks of good OKR practice that warn but do not refuse (R2 KR count, R7 totals). */
#ifndef OKRA_LINT_H
#define OKRA_LINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"

struct lint_finding {
	int64_t objective;
	int64_t key_result; /* 0 when the finding is about the objective */
	char rule[4];       /* "R2", "R7", ... */
	char msg[256];
};

struct lint_report {
	struct lint_finding *v;
	size_t n, alloc;
};

/*
 * Append the findings for one objective: fewer than 2 or more than 5 KRs (R2);
 * a criteria KR whose contributions do not total exactly 100 (R7); a criteria KR
 * with no criteria; an active objective with no DRI-set health yet is not a finding.
 */
void lint_objective(const struct objective *o, struct lint_report *r);
/*
 * Planning's own findings (the cycle's planning page): an objective below the annual level
 * not aligned to one above it, a company objective nothing is aligned to yet (R1). Needs o
 * rolled up (its children counted).
 */
void lint_plan(const struct objective *o, struct lint_report *r);
void lint_report_release(struct lint_report *r);

#endif
