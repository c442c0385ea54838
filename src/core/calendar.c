/* calendar.c: dates as day numbers, fiscal years and quarters, the update weekday, onboarding (R4,
 * R8). */
#include "core/calendar.h"

#include <string.h>

#include "core/types.h"

/* Floor division, so dates before 1970 and negative month offsets work. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar. */
int32_t
cal_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = floordiv(yy, 400);
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (int32_t)(era * 146097 + doe - 719468);
}

void
cal_to_civil(int32_t day, int *y, int *m, int *d)
{
	int64_t z = (int64_t)day + 719468;
	int64_t era = floordiv(z, 146097);
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int64_t dd = doy - (153 * mp + 2) / 5 + 1;
	int64_t mm = mp < 10 ? mp + 3 : mp - 9;

	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = (int)mm;
	*d = (int)dd;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
cal_days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

int
cal_valid(int y, int m, int d)
{
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= cal_days_in_month(y, m);
}

/* n decimal digits at s, or -1: the strict parsers want exact widths, no signs or spaces. */
static int
digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The "YYYY-MM-DD" at the start of s, not caring what follows. */
static int
parse_date_prefix(const char *s, int32_t *out)
{
	int y, m, d;

	if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0 || !cal_valid(y, m, d))
		return -1;
	*out = cal_from_civil(y, m, d);
	return 0;
}

int
cal_parse_date(const char *s, int32_t *out)
{
	if (!s || strlen(s) != 10)
		return -1;
	return parse_date_prefix(s, out);
}

int
cal_parse_instant(const char *s, int64_t *out)
{
	int32_t day;
	int h, mi, sec = 0;
	const char *p;

	if (!s || parse_date_prefix(s, &day) < 0)
		return -1;
	p = s + 10;
	if (*p == '\0') {
		*out = (int64_t)day * 86400;
		return 0;
	}
	if (*p != 'T' || strnlen(p, 6) < 6 || p[3] != ':')
		return -1;
	h = digits(p + 1, 2);
	mi = digits(p + 4, 2);
	p += 6;
	if (*p == ':') {
		if (strnlen(p, 3) < 3)
			return -1;
		sec = digits(p + 1, 2);
		p += 3;
	}
	if (*p == 'Z')
		p++;
	if (*p != '\0' || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59)
		return -1;
	*out = (int64_t)day * 86400 + h * 3600 + mi * 60 + sec;
	return 0;
}

/* Fixed-width zero-padded decimal, written by hand so no format can overflow out[]. */
static void
put_digits(char *out, int v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
cal_format_date(int32_t day, char out[11])
{
	int y, m, d;

	cal_to_civil(day, &y, &m, &d);
	/* Dates outside years 0..9999 cannot be written in this format; show the nearest end. */
	if (y < 0)
		y = 0;
	if (y > 9999)
		y = 9999;
	put_digits(out, y, 4);
	out[4] = '-';
	put_digits(out + 5, m, 2);
	out[7] = '-';
	put_digits(out + 8, d, 2);
	out[10] = '\0';
}

int32_t
cal_day_of_instant(int64_t t)
{
	return (int32_t)floordiv(t, 86400);
}

void
cal_format_instant(int64_t t, char out[21])
{
	int64_t secs = t - floordiv(t, 86400) * 86400;

	cal_format_date(cal_day_of_instant(t), out);
	out[10] = 'T';
	put_digits(out + 11, (int)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (int)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (int)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

/* 1970-01-01 was a Thursday (ISO 4). */
int
cal_weekday(int32_t day)
{
	return (int)((day % 7 + 7 + 3) % 7) + 1;
}

static const char *const weekday_names[7] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
					     "Friday", "Saturday", "Sunday"};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* s equals name ignoring ASCII case. */
static int
eq_nocase(const char *s, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '\0' || lower((unsigned char)s[i]) != lower((unsigned char)name[i]))
			return 0;
	return s[n] == '\0';
}

int
cal_parse_weekday(const char *s)
{
	int i;

	if (!s)
		return -1;
	for (i = 0; i < 7; i++)
		if (eq_nocase(s, weekday_names[i], strlen(weekday_names[i])) ||
		    eq_nocase(s, weekday_names[i], 3))
			return i + 1;
	return -1;
}

const char *
cal_weekday_name(int wd)
{
	if (wd < 1 || wd > 7)
		return "unknown";
	return weekday_names[wd - 1];
}

int32_t
cal_add_months(int32_t day, int months)
{
	int y, m, d, dim;
	int64_t total;

	cal_to_civil(day, &y, &m, &d);
	total = (int64_t)y * 12 + (m - 1) + months;
	y = (int)floordiv(total, 12);
	m = (int)(total - (int64_t)y * 12) + 1;
	dim = cal_days_in_month(y, m);
	if (d > dim)
		d = dim;
	return cal_from_civil(y, m, d);
}

int32_t
cal_update_day_on_or_before(int32_t day, int weekday)
{
	if (weekday < 1 || weekday > 7)
		weekday = 3; /* R8's default, Wednesday, rather than a nonsense date */
	return day - (cal_weekday(day) - weekday + 7) % 7;
}

int32_t
cal_update_day_for(int32_t day, int weekday)
{
	if (weekday < 1 || weekday > 7)
		weekday = 3;
	/* 0..6 days ahead to the next update day, less 3: -3..+3, the nearest one. */
	return day + (weekday - cal_weekday(day) + 7 + CAL_WINDOW_BEFORE) % 7 - CAL_WINDOW_BEFORE;
}

int32_t
cal_correctable_until(int32_t day, int weekday)
{
	return cal_update_day_for(day, weekday) + 7;
}

int32_t
cal_onboarding_ends(int32_t joined)
{
	return cal_add_months(joined, 3);
}

int
cal_is_new_joiner(int32_t joined, int32_t day)
{
	if (joined == DATE_NONE)
		return 0;
	return day < cal_onboarding_ends(joined);
}

int32_t
cal_fiscal_year_start(int32_t day, int first_month)
{
	int y, m, d;

	if (first_month < 1 || first_month > 12)
		first_month = 1;
	cal_to_civil(day, &y, &m, &d);
	return cal_from_civil(m >= first_month ? y : y - 1, first_month, 1);
}

/* Named for the calendar year it ends in: Feb 2026 - Jan 2027 is FY2027. */
int
cal_fiscal_year_number(int32_t year_start)
{
	int y, m, d;

	cal_to_civil(cal_year_end(year_start), &y, &m, &d);
	return y;
}

int32_t
cal_fiscal_year_named(int fy, int first_month)
{
	if (first_month < 1 || first_month > 12)
		first_month = 1;
	return cal_from_civil(first_month == 1 ? fy : fy - 1, first_month, 1);
}

int32_t
cal_year_end(int32_t year_start)
{
	return cal_add_months(year_start, 12) - 1;
}

void
cal_quarters(int32_t year_start, int32_t starts[4], int32_t ends[4])
{
	int q;

	for (q = 0; q < 4; q++) {
		starts[q] = cal_add_months(year_start, 3 * q);
		ends[q] = cal_add_months(year_start, 3 * (q + 1)) - 1;
	}
}

static int
forge_digits(const char *s, int n, int *out)
{
	*out = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*out = *out * 10 + (s[i] - '0');
	}
	return 0;
}

/*
 * A forge's timestamp in UTC seconds (> 0), 0 if s is none: "2013-12-04T10:00:00Z",
 * with fractions or an offset ("+02:00"), or GitLab's older "2013-12-03
 * 17:15:43 UTC" / "… +0100".
 */
int64_t
cal_parse_forge_time(const char *s)
{
	int y, mo, d, h, mi, se, oh = 0, om = 0, sign = 0;
	int64_t t;

	if (!s || strlen(s) < 19 || forge_digits(s, 4, &y) || s[4] != '-' ||
	    forge_digits(s + 5, 2, &mo) || s[7] != '-' || forge_digits(s + 8, 2, &d) ||
	    (s[10] != 'T' && s[10] != ' ') || forge_digits(s + 11, 2, &h) || s[13] != ':' ||
	    forge_digits(s + 14, 2, &mi) || s[16] != ':' || forge_digits(s + 17, 2, &se))
		return 0;
	if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return 0;
	s += 19;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	if (*s == ' ')
		s++;
	if (*s == '+' || *s == '-') {
		sign = *s == '-' ? -1 : 1;
		if (forge_digits(s + 1, 2, &oh) ||
		    (s[3] == ':' ? forge_digits(s + 4, 2, &om) || s[6]
				 : forge_digits(s + 3, 2, &om) || s[5]))
			return 0;
	} else if (strcmp(s, "Z") && strcmp(s, "UTC") && *s) {
		return 0;
	}
	t = (int64_t)cal_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se -
	    sign * (oh * 3600 + om * 60);
	return t > 0 ? t : 0;
}
