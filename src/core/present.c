/* present.c: health words, percentages and messages as people read them, in one place. */
#include "core/present.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/pace.h"

static const char *const words[] = {"no update yet", "on track", "needs attention", "at risk"};
static const char *const labels[] = {"No update yet", "On track", "Needs attention", "At risk"};

static size_t
health_index(enum health h)
{
	switch (h) {
	case HEALTH_ON_TRACK:
	case HEALTH_NEEDS_ATTENTION:
	case HEALTH_AT_RISK:
		return (size_t)h;
	default:
		return 0;
	}
}

const char *
present_health_words(enum health h)
{
	return words[health_index(h)];
}

const char *
present_health_label(enum health h)
{
	return labels[health_index(h)];
}

/* The percentage to print with "%.0f": finite, and no "-0" from a tiny negative. */
static double
whole_pct(double fraction)
{
	double v = isfinite(fraction) ? fraction * 100 : 0;

	/* Past about 1e306 the product overflows: still show a number, not "inf". */
	if (!isfinite(v) || (v > -0.5 && v < 0.5))
		return 0;
	return v;
}

void
present_pct(struct buf *b, double fraction)
{
	buf_addf(b, "%.0f%%", whole_pct(fraction));
}

char *
present_pct_str(char *out, size_t n, double fraction)
{
	if (n)
		snprintf(out, n, "%.0f%%", whole_pct(fraction));
	return out;
}

double
present_points(double fraction)
{
	double v = round(fraction * 100);

	if (!isfinite(v) || v == 0)
		return 0;
	return v;
}

void
present_change(struct buf *b, double now, double before)
{
	double d = present_points(now - before);

	if (d == 0)
		buf_adds(b, "no change");
	else
		buf_addf(b, "%+.0f pts", d);
}

int
present_cycle_gone(int32_t starts_on, int32_t ends_on, int32_t day, double *gone)
{
	if (day < starts_on || day > ends_on)
		return 0;
	*gone = pace_expected(starts_on, ends_on, day);
	return 1;
}

/* The length of a rule code "R<digits>" at s, or 0. */
static size_t
rule_len(const char *s)
{
	size_t n = 1;

	if (s[0] != 'R' || !isdigit((unsigned char)s[1]))
		return 0;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

/* The first code wins; a code too long for rule is not kept (no such rule). */
static void
keep_rule(char *rule, const char *s, size_t n)
{
	if (!*rule && n < PRESENT_RULE_MAX) {
		memcpy(rule, s, n);
		rule[n] = '\0';
	}
}

/* The length of " (R1)" or " (R6, R7)" at s: codes only, between parentheses; else 0. */
static size_t
codes_len(const char *s, char *rule)
{
	size_t i = 2, n;

	if (s[0] != ' ' || s[1] != '(')
		return 0;
	for (;;) {
		if (!(n = rule_len(s + i)))
			return 0;
		keep_rule(rule, s + i, n);
		i += n;
		if (s[i] == ')')
			return i + 1;
		if (s[i] != ',' || s[i + 1] != ' ')
			return 0;
		i += 2;
	}
}

void
present_plain(struct buf *out, const char *msg, char *rule)
{
	const char *s = msg ? msg : "";
	size_t n;

	*rule = '\0';
	while (*s) {
		if ((n = codes_len(s, rule))) {
			s += n;
		} else if (*s == '(' && (n = rule_len(s + 1)) && s[n + 1] == ':' &&
			   s[n + 2] == ' ') {
			/* "(R10: weights default to 1)" -> "(weights default to 1)" */
			keep_rule(rule, s + 1, n);
			buf_addch(out, '(');
			s += n + 3;
		} else if (s[0] == ',' && s[1] == ' ' && (n = rule_len(s + 2)) && s[n + 2] == ')') {
			/* "(needs a final retro, R11)" -> "(needs a final retro)" */
			keep_rule(rule, s + 2, n);
			s += n + 2;
		} else {
			buf_addch(out, *s++);
		}
	}
}
