/* jw.c: the streaming JSON writer (see jw.h for the text it writes). */
#include "util/jw.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

enum { LV_ANY = 1, LV_ARRAY = 2 };

void
jw_init(struct jw *w, struct buf *b, int indent)
{
	w->b = b;
	w->indent = indent;
	w->precision = 15;
	w->depth = 0;
	w->lv = w->small;
	w->alloc = 0;
	w->small[0] = 0;
}

void
jw_release(struct jw *w)
{
	if (w->alloc)
		free(w->lv);
	w->lv = w->small;
	w->alloc = 0;
	w->depth = 0;
}

static void
newline(struct jw *w)
{
	static const char spaces[] =
		"                                                                ";
	size_t n = (size_t)w->depth * (size_t)w->indent;

	buf_addch(w->b, '\n');
	while (n) {
		size_t k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		buf_add(w->b, spaces, k);
		n -= k;
	}
}

/* Before a member or an element: the comma, and in the indented form the line break. */
static void
next(struct jw *w)
{
	unsigned char *l = &w->lv[w->depth];

	if (*l & LV_ANY)
		buf_addch(w->b, ',');
	*l |= LV_ANY;
	if (w->indent)
		newline(w);
}

/* Before a value: in an array it is an element; after a key, or at the top, nothing. */
static void
value(struct jw *w)
{
	if (w->depth && (w->lv[w->depth] & LV_ARRAY))
		next(w);
}

static void
open_(struct jw *w, char c, unsigned char kind)
{
	size_t need = (size_t)w->depth + 2;

	value(w);
	buf_addch(w->b, c);
	if (need > sizeof(w->small)) {
		if (!w->alloc) {
			size_t a = 2 * sizeof(w->small);
			unsigned char *p = xmalloc(a);

			memcpy(p, w->small, sizeof(w->small));
			w->lv = p;
			w->alloc = a;
		}
		ALLOC_GROW(w->lv, need, w->alloc);
	}
	w->depth++;
	w->lv[w->depth] = kind;
}

void
jw_object(struct jw *w)
{
	open_(w, '{', 0);
}

void
jw_array(struct jw *w)
{
	open_(w, '[', LV_ARRAY);
}

void
jw_end(struct jw *w)
{
	unsigned char l = w->lv[w->depth];

	w->depth--;
	if ((l & LV_ANY) && w->indent)
		newline(w);
	buf_addch(w->b, (l & LV_ARRAY) ? ']' : '}');
}

/* okra's own short names: nothing to escape; one append for the quoted name and its colon. */
void
jw_key(struct jw *w, const char *k)
{
	char s[40];
	size_t n = strlen(k);

	next(w);
	if (n + 4 > sizeof(s)) {
		buf_addch(w->b, '"');
		buf_add(w->b, k, n);
		buf_adds(w->b, w->indent ? "\": " : "\":");
		return;
	}
	s[0] = '"';
	memcpy(s + 1, k, n);
	s[n + 1] = '"';
	s[n + 2] = ':';
	s[n + 3] = ' ';
	buf_add(w->b, s, n + 3 + (w->indent ? 1 : 0));
}

void
jw_null(struct jw *w)
{
	value(w);
	buf_adds(w->b, "null");
}

void
jw_bool(struct jw *w, int v)
{
	value(w);
	buf_adds(w->b, v ? "true" : "false");
}

/* v's decimal digits into s (at least 21 bytes), NUL-terminated; their count. Ids, counts and
 * whole amounts are most of what a tree writes, and snprintf costs ten times this. */
static size_t
format_int(char *s, int64_t v)
{
	char digits[20];
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0, len = 0;

	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		s[len++] = '-';
	while (n)
		s[len++] = digits[--n];
	s[len] = 0;
	return len;
}

void
jw_int(struct jw *w, int64_t v)
{
	char s[24];
	size_t n = format_int(s, v);

	value(w);
	buf_add(w->b, s, n);
}

size_t
jw_format_real(char *s, double x, int precision)
{
	char *e;
	int n;

	if (x == 0)
		x = 0; /* -0.0 is a zero */
	/* Whole numbers below 1e15 print as %.15g prints them: their digits, then ".0". Most
	 * amounts are whole (start 0, target 100, weight 1), so they skip snprintf. */
	if (fabs(x) < 1e15 && x == (double)(int64_t)x) {
		size_t len = format_int(s, (int64_t)x);

		memcpy(s + len, ".0", 3);
		return len + 2;
	}
	n = snprintf(s, 32, "%.*g", precision, x);
	/* a dot or an exponent, so that it reads back as a real */
	if (!strchr(s, '.') && !strchr(s, 'e')) {
		s[n++] = '.';
		s[n++] = '0';
		s[n] = 0;
	}
	/* no '+' and no leading zeros in the exponent: 1e+20 is 1e20, 1e-05 is 1e-5 */
	if ((e = strchr(s, 'e'))) {
		char *start = e + 1, *end = e + 2;

		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start) {
			memmove(start, end, strlen(end) + 1);
			n = (int)strlen(s);
		}
	}
	return (size_t)n;
}

void
jw_real(struct jw *w, double x)
{
	char s[32];

	if (!isfinite(x)) {
		jw_null(w);
		return;
	}
	value(w);
	buf_add(w->b, s, jw_format_real(s, x, w->precision));
}

/* The length of the valid UTF-8 sequence at p (1 to 4), or 0 (overlong, surrogate, past U+10FFFF).
 */
static size_t
utf8_len(const unsigned char *p)
{
	unsigned c = p[0];
	size_t n;
	unsigned min, cp;

	if (c < 0xC2 || c > 0xF4)
		return 0;
	n = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	min = n == 2 ? 0x80 : n == 3 ? 0x800 : 0x10000;
	cp = c & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

int
jw_utf8_valid(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		size_t n;

		if (*p < 0x80)
			continue;
		if (!(n = utf8_len(p)))
			return 0;
		p += n - 1;
	}
	return 1;
}

/*
 * Quote, backslash and control characters escaped; UTF-8 as it is. Text is
 * checked at the edge, but a byte that is not UTF-8 (a query parameter quoted
 * in an error, say) is written \uFFFD, so the output is always JSON.
 */
void
jw_str(struct jw *w, const char *s)
{
	struct buf *b = w->b;
	const char *run = s;

	if (!s) {
		jw_null(w);
		return;
	}
	value(w);
	buf_addch(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		size_t n;

		if (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
			continue;
		if (*p >= 0x80 && (n = utf8_len(p))) {
			p += n - 1;
			continue;
		}
		buf_add(b, run, (size_t)((const char *)p - run));
		run = (const char *)p + 1;
		switch (*p) {
		case '"':
			buf_adds(b, "\\\"");
			break;
		case '\\':
			buf_adds(b, "\\\\");
			break;
		case '\b':
			buf_adds(b, "\\b");
			break;
		case '\f':
			buf_adds(b, "\\f");
			break;
		case '\n':
			buf_adds(b, "\\n");
			break;
		case '\r':
			buf_adds(b, "\\r");
			break;
		case '\t':
			buf_adds(b, "\\t");
			break;
		default:
			if (*p >= 0x80)
				buf_adds(b, "\\uFFFD");
			else
				buf_addf(b, "\\u%04X", *p);
		}
	}
	buf_adds(b, run);
	buf_addch(b, '"');
}

void
jw_str_or_null(struct jw *w, const char *s)
{
	jw_str(w, s && *s ? s : NULL);
}

void
jw_id_or_null(struct jw *w, int64_t id)
{
	if (id)
		jw_int(w, id);
	else
		jw_null(w);
}

void
jw_raw(struct jw *w, const char *json, size_t len)
{
	value(w);
	buf_add(w->b, json, len);
}

void
jw_knull(struct jw *w, const char *k)
{
	jw_key(w, k);
	jw_null(w);
}

void
jw_kbool(struct jw *w, const char *k, int v)
{
	jw_key(w, k);
	jw_bool(w, v);
}

void
jw_kint(struct jw *w, const char *k, int64_t v)
{
	jw_key(w, k);
	jw_int(w, v);
}

void
jw_kreal(struct jw *w, const char *k, double x)
{
	jw_key(w, k);
	jw_real(w, x);
}

void
jw_kstr(struct jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	jw_str(w, s);
}

void
jw_kstr_or_null(struct jw *w, const char *k, const char *s)
{
	jw_key(w, k);
	jw_str_or_null(w, s);
}

void
jw_kid_or_null(struct jw *w, const char *k, int64_t id)
{
	jw_key(w, k);
	jw_id_or_null(w, id);
}
