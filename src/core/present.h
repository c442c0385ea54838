/* present.h: how okra says a health, a percentage and a change in points, the same everywhere. */
#ifndef OKRA_PRESENT_H
#define OKRA_PRESENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"
#include "util/buf.h"

/*
 * The CLI, the pages, the reports and the reminders all word these through
 * here, so a health or a percentage reads the same in each.
 */

/* "on track", "needs attention", "at risk"; HEALTH_NONE (or any other) "no update yet". */
const char *present_health_words(enum health h);
/* The same with a capital, for a label standing on its own: "On track", "No update yet". */
const char *present_health_label(enum health h);

/*
 * A fraction as a whole percentage: 0.625 -> "62%" (printf rounding).
 * Not a finite number -> "0%"; anything that rounds to zero -> "0%", never "-0%".
 * Values outside [0, 1] are shown as they are ("-20%", "130%"): clamp first
 * (progress_clamp) where the thing shown cannot leave that range.
 */
void present_pct(struct buf *b, double fraction);
/* The same into out (n bytes, always terminated); returns out. 16 bytes hold any result. */
char *present_pct_str(char *out, size_t n, double fraction);
/*
 * A fraction as whole percentage points, rounded half away from zero:
 * 0.204 -> 20, -0.005 -> -1; not a finite number -> 0. Never returns -0.
 */
double present_points(double fraction);
/* The change from before to now in points: "+12 pts", "-3 pts", "no change". */
void present_change(struct buf *b, double now, double before);

/*
 * How much of a cycle is gone on `day`, for "62% of the cycle gone": 1 and
 * *gone = pace_expected(...) while the cycle runs (starts_on <= day <=
 * ends_on), else 0 (before it starts and after it ends nothing is said).
 */
int present_cycle_gone(int32_t starts_on, int32_t ends_on, int32_t day, double *gone);

/*
 * A message for people reading a page or an API problem: msg without its rule
 * codes (" (R8)", " (R6, R7)", "R10: " opening a parenthesis, ", R11" closing
 * one), which are for the handbook's readers and the CLI. Appended to out; the
 * first code ("R8") into rule (PRESENT_RULE_MAX bytes, "" when there is none).
 */
#define PRESENT_RULE_MAX 8
void present_plain(struct buf *out, const char *msg, char *rule);

#endif
