/* calendar.h: dates, fiscal years and quarters, the update weekday and the onboarding window. */
#ifndef OKRA_CALENDAR_H
#define OKRA_CALENDAR_H

#include <stdint.h>

/* Dates are days since 1970-01-01 (proleptic Gregorian), see types.h. */
int32_t cal_from_civil(int y, int m, int d);
void cal_to_civil(int32_t day, int *y, int *m, int *d);
/* 1 if y-m-d is a real calendar date (years 1..9999). */
int cal_valid(int y, int m, int d);
int cal_days_in_month(int y, int m);

/* Strict "YYYY-MM-DD": returns 0 and sets *out, or -1. */
int cal_parse_date(const char *s, int32_t *out);
/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z]" (UTC) -> UTC seconds; 0 or -1. */
int cal_parse_instant(const char *s, int64_t *out);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
/*
 * A forge's timestamp in UTC seconds (> 0), 0 if s is none: "2013-12-04T10:00:00Z",
 * with fractions or an offset ("+02:00"), or GitLab's older "2013-12-03
 * 17:15:43 UTC" / "… +0100".
 */
int64_t cal_parse_forge_time(const char *s);
void cal_format_date(int32_t day, char out[11]);
/* Writes "YYYY-MM-DDTHH:MM:SSZ" (21 bytes with the NUL). */
void cal_format_instant(int64_t t, char out[21]);
int32_t cal_day_of_instant(int64_t t);

/* ISO weekday: 1 = Monday .. 7 = Sunday. */
int cal_weekday(int32_t day);
/* "monday".."sunday" (any case, or the first three letters) -> 1..7, else -1. */
int cal_parse_weekday(const char *s);
const char *cal_weekday_name(int wd); /* "Monday".. */

/* Add calendar months, clamping the day to the target month's end (Jan 31 + 1 = Feb 28/29). */
int32_t cal_add_months(int32_t day, int months);

/* R8: the latest day on or before `day` that falls on `weekday` (1..7). */
int32_t cal_update_day_on_or_before(int32_t day, int weekday);
/*
 * R15: the update day an update made on `day` counts for — the nearest day
 * that falls on `weekday` (1..7): its window runs from 3 days before to 3
 * days after it (for Wednesday, Sunday to Saturday). due, reminders, the
 * weekly report, the tree's marks and the pages all use this one definition.
 */
int32_t cal_update_day_for(int32_t day, int weekday);
/* R15: update day U's window is the days U - CAL_WINDOW_BEFORE .. U + CAL_WINDOW_AFTER. */
#define CAL_WINDOW_BEFORE 3
#define CAL_WINDOW_AFTER 3
/*
 * R15: an update made on `day` may be corrected (amended, retracted) before the
 * update day after the one it counts for: this returns that next update day.
 */
int32_t cal_correctable_until(int32_t day, int weekday);

/* R4: the first day a person who joined on `joined` takes part: joined + 3 calendar months. */
int32_t cal_onboarding_ends(int32_t joined);
/* R4: 1 if on `day` the person is still a new joiner. DATE_NONE joined = never new. */
int cal_is_new_joiner(int32_t joined, int32_t day);

/*
 * Fiscal years: a year starts on the first day of first_month (1..12).
 * cal_fiscal_year_start gives the start of the fiscal year containing `day`;
 * its name is "FY" + the calendar year in which it ends.
 */
int32_t cal_fiscal_year_start(int32_t day, int first_month);
int cal_fiscal_year_number(int32_t year_start);
/* The first day of fiscal year number fy (FYfy, the one ending in calendar year fy). */
int32_t cal_fiscal_year_named(int fy, int first_month);
/* The year [start, end] and its four quarters, each 3 calendar months. */
int32_t cal_year_end(int32_t year_start);
void cal_quarters(int32_t year_start, int32_t starts[4], int32_t ends[4]);

#endif
