/* validate.h: input checks every write goes through (R1, R2, R4, R7, R11, R12). */
#ifndef OKRA_VALIDATE_H
#define OKRA_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"
#include "util/err.h"

/*
 * Each returns 0, or OKRA_EINVAL (OKRA_EFORBIDDEN / OKRA_ESTATE where said)
 * with err->field = field and a one-line message a person can act on, naming
 * the rule where there is one ("target equals start (R2): ...").
 */

#define TITLE_MAX 200
#define TEXT_MAX 20000
#define LINE_MAX_LEN 500
#define NAME_MAX_LEN 100

/* Non-empty after trimming, valid UTF-8, no control characters, <= TITLE_MAX bytes. */
int validate_title(const char *field, const char *s, struct okra_err *err);
/* Valid UTF-8, no control characters but \n and \t, <= max bytes (may be empty). */
int validate_text(const char *field, const char *s, size_t max, struct okra_err *err);
/* One line: as validate_title but <= LINE_MAX_LEN. */
int validate_line(const char *field, const char *s, struct okra_err *err);
/* Handles and slugs: [a-z0-9][a-z0-9._-]{0,39}. */
int validate_handle(const char *field, const char *s, struct okra_err *err);
/* Optional e-mail: something@something.tld, no spaces, <= 254. */
int validate_email(const char *field, const char *s, struct okra_err *err);
/* Strict finite decimal number (no hex, inf, nan, trailing junk), |x| <= 1e15. */
int validate_number(const char *field, const char *s, double *out, struct okra_err *err);
/* Strict positive integer id. */
int validate_id(const char *field, const char *s, int64_t *out, struct okra_err *err);
/* Strict date "YYYY-MM-DD". */
int validate_date(const char *field, const char *s, int32_t *out, struct okra_err *err);

/* R2: start and target are amounts (validate_amount), target != start. */
int validate_metric(double start, double target, struct okra_err *err);
/* A measured amount (start, target, a check-in's value): finite and |x| <= 1e15. */
int validate_amount(const char *field, double x, struct okra_err *err);
/*
 * A metric KR's value against its start and target: its progress
 * (value - start) / (target - start) must be a finite number, so a value far
 * from a start and target a hair apart cannot make it infinite (field names
 * what moved: "value", "start" or "target").
 */
int validate_reading(const char *field, double start, double target, double value,
		     struct okra_err *err);
/* Weight of a KR or an objective in its roll-up: finite, 0 < w <= 100. */
int validate_weight(const char *field, double w, struct okra_err *err);
/*
 * R12 health, the one wording every interface shows: text to a health one can
 * set (on_track, needs_attention, at_risk; exact case). NULL or "" is refused
 * as missing; any other text is refused naming it (when it is short and
 * printable ASCII; never a long or odd input echoed back). On success *out is set.
 */
int validate_health(const char *field, const char *s, enum health *out, struct okra_err *err);
/* R12 for a health already parsed: one of the three one can set (not HEALTH_NONE). */
int validate_health_set(const char *field, enum health h, struct okra_err *err);
/* Progress given directly in a check-in: finite, -10 <= p <= 10 (1 = 100%). */
int validate_progress(const char *field, double p, struct okra_err *err);
/* A final score given at close: finite, 0 <= s <= 1 (0.7 = 70%). */
int validate_score(const char *field, double s, struct okra_err *err);
/* R7: 0 < pct <= 100, and other_total + pct <= 100 (other_total = the KR's other criteria). */
int validate_contribution(double pct, double other_total, struct okra_err *err);
/* A fiscal year's number, "2027" or "FY2027", from VALIDATE_FY_MIN to VALIDATE_FY_MAX. */
#define VALIDATE_FY_MIN 2000
#define VALIDATE_FY_MAX 2199
int validate_fiscal_year(const char *field, const char *s, int *out, struct okra_err *err);
/* A cycle: starts_on <= ends_on. */
int validate_cycle_dates(int32_t starts_on, int32_t ends_on, struct okra_err *err);

/*
 * R1 alignment: may an objective of level `child` in cycle `child_cycle` align
 * under a parent of level `parent` in `parent_cycle`? The parent's level must be
 * the same or higher, and its cycle the child's own or the year containing it
 * (child_cycle->parent == parent_cycle->id). With a NULL cycle only the levels
 * are checked.
 */
int validate_alignment(enum level child, const struct cycle *child_cycle, enum level parent,
		       const struct cycle *parent_cycle, struct okra_err *err);

/* R4: refuse a new joiner as DRI on `today`, naming the date they can be one. */
int validate_dri(const struct person *p, int32_t today, struct okra_err *err);

/* R11: each bullet a line; a final retro has 2-3 bullets in each of Good, Bad, Try; a draft <= 3.
 */
int validate_retro(const struct retro *r, int final, struct okra_err *err);

#endif
