/* validate.c: the input checks every write goes through (R1, R2, R4, R7, R11, R12). */
#include "core/validate.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/handbook.h"
#include "util/buf.h"

/* Sums of percentages such as 33.3 + 33.3 + 33.4 may come out a hair over 100. */
#define PCT_EPSILON 1e-9
#define NUMBER_MAX 1e15

/*
 * Checks that s is UTF-8 (shortest form, no surrogates, <= U+10FFFF) with no
 * control characters (C0, DEL, C1) except those in `allow`. Returns 0, or -1
 * with *what saying which and *at its byte offset.
 */
static int
check_utf8(const char *s, const char *allow, const char **what, size_t *at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n, k;
	unsigned long cp, min;

	while (p[i]) {
		unsigned char c = p[i];
		if (c < 0x80) {
			if ((c < 0x20 || c == 0x7f) && !(c && strchr(allow, c))) {
				*what = "a control character";
				*at = i;
				return -1;
			}
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1f;
			min = 0x80;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0f;
			min = 0x800;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07;
			min = 0x10000;
		} else {
			goto bad;
		}
		for (k = 1; k <= n; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (p[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			goto bad;
		if (cp >= 0x80 && cp <= 0x9f) {
			*what = "a control character";
			*at = i;
			return -1;
		}
		i += n + 1;
	}
	return 0;
bad:
	*what = "bytes that are not UTF-8";
	*at = i;
	return -1;
}

/* Title-like text: one line, not blank, at most max bytes. */
static int
check_line(const char *field, const char *s, size_t max, struct okra_err *err)
{
	const char *what, *p;
	size_t len, at;

	if (!s)
		return okra_err_set(err, OKRA_EINVAL, field, "%s is missing: give it a few words",
				    field);
	for (p = s; *p == ' '; p++)
		;
	if (!*p)
		return okra_err_set(err, OKRA_EINVAL, field, "%s is empty: give it a few words",
				    field);
	len = strlen(s);
	if (len > max)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s is %zu bytes long; at most %zu are allowed", field, len,
				    max);
	if (check_utf8(s, "", &what, &at) < 0)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s has %s at byte %zu: use one line of plain text", field,
				    what, at);
	return 0;
}

int
validate_title(const char *field, const char *s, struct okra_err *err)
{
	return check_line(field, s, TITLE_MAX, err);
}

int
validate_line(const char *field, const char *s, struct okra_err *err)
{
	return check_line(field, s, LINE_MAX_LEN, err);
}

int
validate_text(const char *field, const char *s, size_t max, struct okra_err *err)
{
	const char *what;
	size_t len, at;

	if (!s)
		return 0;
	len = strlen(s);
	if (len > max)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s is %zu bytes long; at most %zu are allowed", field, len,
				    max);
	if (check_utf8(s, "\n\t", &what, &at) < 0)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s has %s at byte %zu: use plain text (new lines and tabs are "
				    "fine)",
				    field, what, at);
	return 0;
}

int
validate_handle(const char *field, const char *s, struct okra_err *err)
{
	size_t i;

	if (!s || !*s)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s is empty: use a short name such as pat", field);
	for (i = 0; s[i]; i++) {
		char c = s[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 (i > 0 && (c == '.' || c == '_' || c == '-'));
		if (!ok || i >= 40)
			return okra_err_set(err, OKRA_EINVAL, field,
					    "%s must be 1-40 characters: lower-case letters and "
					    "digits, then also '.', '_' or '-'",
					    field);
	}
	return 0;
}

int
validate_email(const char *field, const char *s, struct okra_err *err)
{
	const char *at, *dot, *p;

	if (!s || !*s)
		return 0;
	if (strlen(s) > 254)
		return okra_err_set(err, OKRA_EINVAL, field, "%s is longer than 254 bytes", field);
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || strchr("<>\"(),;:\\[]", *p))
			return okra_err_set(err, OKRA_EINVAL, field,
					    "%s has a space or a character an address may not "
					    "contain: write it as name@example.com",
					    field);
	at = strchr(s, '@');
	dot = at ? strrchr(at, '.') : NULL;
	if (!at || at == s || strchr(at + 1, '@') || !dot || dot == at + 1 || !dot[1])
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s is not an e-mail address: write it as name@example.com",
				    field);
	return 0;
}

/*
 * The grammar strtod is allowed to see: [-+]? (D+ (. D*)? | . D+) ([eE] [-+]? D+)?.
 * strtod alone would also take hex, "inf", "nan" and leading spaces.
 */
static int
decimal_syntax(const char *s)
{
	int nd = 0;

	if (*s == '-' || *s == '+')
		s++;
	for (; *s >= '0' && *s <= '9'; s++)
		nd++;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			nd++;
	if (nd == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

int
validate_number(const char *field, const char *s, double *out, struct okra_err *err)
{
	char *end;
	double x;

	if (!s || !decimal_syntax(s))
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s must be a decimal number such as 42 or -3.5", field);
	errno = 0;
	x = strtod(s, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(x) || fabs(x) > NUMBER_MAX)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s is out of range: use a number between -1e15 and 1e15",
				    field);
	*out = x == 0 ? 0 : x; /* no -0 */
	return 0;
}

int
validate_id(const char *field, const char *s, int64_t *out, struct okra_err *err)
{
	char *end;
	long long v;
	size_t i;

	if (!s || !*s || s[0] == '0')
		goto bad;
	for (i = 0; s[i]; i++)
		if (s[i] < '0' || s[i] > '9')
			goto bad;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end != '\0' || errno == ERANGE || v <= 0)
		goto bad;
	*out = (int64_t)v;
	return 0;
bad:
	return okra_err_set(err, OKRA_EINVAL, field,
			    "%s must be a positive whole number, not %.40s", field,
			    s ? s : "nothing");
}

int
validate_date(const char *field, const char *s, int32_t *out, struct okra_err *err)
{
	if (cal_parse_date(s, out) < 0)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s must be a real date written YYYY-MM-DD, such as 2026-07-01",
				    field);
	return 0;
}

int
validate_metric(double start, double target, struct okra_err *err)
{
	struct buf b = BUF_INIT;
	int rc;

	if ((rc = validate_amount("start", start, err)) < 0 ||
	    (rc = validate_amount("target", target, err)) < 0)
		return rc;
	if (target != start)
		return 0;
	handbook_number(&b, start);
	rc = okra_err_set(err, OKRA_EINVAL, "target",
			  "target equals start (R2): a key result must move from %s to something "
			  "else",
			  b.buf);
	buf_release(&b);
	return rc;
}

int
validate_amount(const char *field, double x, struct okra_err *err)
{
	if (!isfinite(x) || fabs(x) > NUMBER_MAX)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s is out of range: use a number between -1e15 and 1e15 (R2)",
				    field);
	return 0;
}

int
validate_reading(const char *field, double start, double target, double value, struct okra_err *err)
{
	if (!isfinite((value - start) / (target - start)))
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s gives no finite progress: the value is too far from start "
				    "for a target this close to it (R2)",
				    field);
	return 0;
}

int
validate_weight(const char *field, double w, struct okra_err *err)
{
	if (!isfinite(w) || w <= 0 || w > 100)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s must be more than 0 and at most 100 (R10: weights default "
				    "to 1)",
				    field);
	return 0;
}

/* Short printable ASCII: safe and useful to quote back in a message. */
static int
quotable(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (n >= 40 || s[n] < 0x20 || s[n] > 0x7e)
			return 0;
	return n > 0;
}

static int
refuse_health(const char *field, const char *given, struct okra_err *err)
{
	int echo = given && quotable(given);

	return okra_err_set(err, OKRA_EINVAL, field,
			    "%s is one of on_track, needs_attention, at_risk (R12)%s%s", field,
			    echo ? ", not " : "", echo ? given : "");
}

int
validate_health(const char *field, const char *s, enum health *out, struct okra_err *err)
{
	int h = s ? health_parse(s) : -1;

	if (h <= 0)
		return refuse_health(field, s, err);
	*out = (enum health)h;
	return 0;
}

int
validate_health_set(const char *field, enum health h, struct okra_err *err)
{
	if (h == HEALTH_ON_TRACK || h == HEALTH_NEEDS_ATTENTION || h == HEALTH_AT_RISK)
		return 0;
	return refuse_health(field, NULL, err);
}

int
validate_progress(const char *field, double p, struct okra_err *err)
{
	if (!isfinite(p) || p < -10 || p > 10)
		return okra_err_set(err, OKRA_EINVAL, field,
				    "%s must be a fraction between -10 and 10 (1 means 100%%)",
				    field);
	return 0;
}

int
validate_score(const char *field, double s, struct okra_err *err)
{
	if (!(isfinite(s) && s >= 0 && s <= 1))
		return okra_err_set(err, OKRA_EINVAL, field,
				    "the final %s is a fraction from 0 to 1 (0.7 = 70%%), not %g",
				    field, s);
	return 0;
}

int
validate_contribution(double pct, double other_total, struct okra_err *err)
{
	if (!isfinite(pct) || pct <= 0 || pct > 100)
		return okra_err_set(err, OKRA_EINVAL, "contribution",
				    "contribution must be more than 0%% and at most 100%% (R7)");
	if (other_total + pct > 100 + PCT_EPSILON)
		return okra_err_set(err, OKRA_EINVAL, "contribution",
				    "contributions would total %g%% (R7): the other criteria "
				    "already have %g%%, so at most %g%% is left",
				    other_total + pct, other_total,
				    other_total >= 100 ? 0 : 100 - other_total);
	return 0;
}

int
validate_fiscal_year(const char *field, const char *s, int *out, struct okra_err *err)
{
	const char *d = s;
	int v = 0;

	if (d && (d[0] == 'F' || d[0] == 'f') && (d[1] == 'Y' || d[1] == 'y'))
		d += 2;
	for (size_t i = 0; d && d[i] && v <= VALIDATE_FY_MAX; i++) {
		if (d[i] < '0' || d[i] > '9')
			goto bad;
		v = v * 10 + (d[i] - '0');
	}
	if (d && *d && v >= VALIDATE_FY_MIN && v <= VALIDATE_FY_MAX) {
		*out = v;
		return 0;
	}
bad:
	return okra_err_set(err, OKRA_EINVAL, field,
			    "%s is a fiscal year like 2027 (or FY2027), from %d to %d, not %.40s",
			    field, VALIDATE_FY_MIN, VALIDATE_FY_MAX, s && *s ? s : "nothing");
}

int
validate_cycle_dates(int32_t starts_on, int32_t ends_on, struct okra_err *err)
{
	if (starts_on == DATE_NONE)
		return okra_err_set(err, OKRA_EINVAL, "start", "a cycle needs a start date");
	if (ends_on == DATE_NONE)
		return okra_err_set(err, OKRA_EINVAL, "end", "a cycle needs an end date");
	if (starts_on > ends_on) {
		char s[11], e[11];
		cal_format_date(starts_on, s);
		cal_format_date(ends_on, e);
		return okra_err_set(err, OKRA_EINVAL, "end",
				    "the cycle ends on %s, before it starts on %s", e, s);
	}
	return 0;
}

int
validate_alignment(enum level child, const struct cycle *child_cycle, enum level parent,
		   const struct cycle *parent_cycle, struct okra_err *err)
{
	if (parent < child)
		return okra_err_set(err, OKRA_EINVAL, "parent",
				    "a %s objective cannot align under a %s one (R1): align to an "
				    "objective of the same or a higher level",
				    level_name(child), level_name(parent));
	if (!child_cycle || !parent_cycle)
		return 0;
	if (parent_cycle->id == child_cycle->id ||
	    (child_cycle->parent != 0 && child_cycle->parent == parent_cycle->id))
		return 0;
	return okra_err_set(err, OKRA_EINVAL, "parent",
			    "the parent objective is in %s but this one is in %s (R1): align to an "
			    "objective in the same cycle or in the year that contains it",
			    parent_cycle->name ? parent_cycle->name : "another cycle",
			    child_cycle->name ? child_cycle->name : "its own");
}

int
validate_dri(const struct person *p, int32_t today, struct okra_err *err)
{
	char joined[11], from[11];

	if (!cal_is_new_joiner(p->joined_on, today))
		return 0;
	cal_format_date(p->joined_on, joined);
	cal_format_date(cal_onboarding_ends(p->joined_on), from);
	return okra_err_set(err, OKRA_EINVAL, "dri", "%s joined %s and can be a DRI from %s (R4)",
			    p->handle ? p->handle : "this person", joined, from);
}

int
validate_retro(const struct retro *r, int final, struct okra_err *err)
{
	static const char *const names[3] = {"Good", "Bad", "Try"};
	static const char *const fields[3] = {"good", "bad", "try"};
	const struct strlist *lists[3] = {&r->good, &r->bad, &r->try};
	size_t i, k;
	int rc;

	for (i = 0; i < 3; i++)
		for (k = 0; k < lists[i]->n; k++)
			if ((rc = validate_line(fields[i], lists[i]->v[k], err)) < 0)
				return rc;
	for (i = 0; i < 3; i++) {
		size_t n = lists[i]->n;
		if (final && (n < 2 || n > 3))
			return okra_err_set(err, OKRA_EINVAL, fields[i],
					    "a final retro needs 2–3 bullets in each of Good, Bad "
					    "and Try (R11): %s has %zu",
					    names[i], n);
		if (n > 3)
			return okra_err_set(
				err, OKRA_EINVAL, fields[i],
				"a retro has at most 3 bullets in each of Good, Bad and "
				"Try (R11): %s has %zu",
				names[i], n);
	}
	return 0;
}
