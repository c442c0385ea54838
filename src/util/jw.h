/* jw.h: the one JSON writer, streaming values straight into a buffer in one pass. */
#ifndef OKRA_UTIL_JW_H
#define OKRA_UTIL_JW_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/*
 * A writer appends one JSON value to a buf as it is described: open an
 * object or an array, give keys and values, close it. Commas, and in the
 * indented form the line breaks, are the writer's business. The text is what
 * okra has always sent: compact ("," and ":") or indented (",\n" and ": ",
 * indent spaces a level: 2 for the CLI, 1 for the export), reals as %.15g (or
 * the writer's precision) with ".0" on whole numbers, strings with
 * quote, backslash and control characters escaped and UTF-8 as it is (text
 * is checked at the edge, core/validate; a stray byte that is not UTF-8 is
 * written \uFFFD, so the output is always valid JSON).
 *
 *	struct jw w;
 *	jw_init(&w, &b, 0);
 *	jw_object(&w);
 *	jw_kint(&w, "id", 7);
 *	jw_key(&w, "tags");
 *	jw_array(&w);
 *	jw_str(&w, "a");
 *	jw_end(&w);
 *	jw_end(&w);
 *	jw_release(&w);          // b now holds {"id":7,"tags":["a"]}
 *
 * A writer keeps its first levels inside itself: use it where jw_init put it,
 * never a copy.
 */
struct jw {
	struct buf *b;
	int indent;    /* spaces a level; 0 = compact */
	int precision; /* significant digits of reals: 15, or 17 to read back bit for bit */
	int depth;
	unsigned char *lv; /* per open level: has a member yet, is an array */
	size_t alloc;
	unsigned char small[16];
};

void jw_init(struct jw *w, struct buf *b, int indent); /* precision 15 */
void jw_release(struct jw *w);

void jw_object(struct jw *w);
void jw_array(struct jw *w);
void jw_end(struct jw *w);                /* closes the innermost object or array */
void jw_key(struct jw *w, const char *k); /* inside an object, before each value */

void jw_null(struct jw *w);
void jw_bool(struct jw *w, int v);
void jw_int(struct jw *w, int64_t v);
/* Non-finite numbers cannot be JSON: null. Negative zero is written 0.0. */
void jw_real(struct jw *w, double x);
void jw_str(struct jw *w, const char *s);         /* NULL: null */
void jw_str_or_null(struct jw *w, const char *s); /* NULL or "": null */
void jw_id_or_null(struct jw *w, int64_t id);     /* 0: null */
/* A value already written as JSON text (in the same form), placed as the next value. */
void jw_raw(struct jw *w, const char *json, size_t len);

/* key and value together */
void jw_knull(struct jw *w, const char *k);
void jw_kbool(struct jw *w, const char *k, int v);
void jw_kint(struct jw *w, const char *k, int64_t v);
void jw_kreal(struct jw *w, const char *k, double x);
void jw_kstr(struct jw *w, const char *k, const char *s);
void jw_kstr_or_null(struct jw *w, const char *k, const char *s);
void jw_kid_or_null(struct jw *w, const char *k, int64_t id);

/* The number as jw_real writes it with precision digits, into s (at least 32 bytes); its length. */
size_t jw_format_real(char *s, double x, int precision);
/* 1 if s is valid UTF-8 (what jw_str writes unchanged), else 0. */
int jw_utf8_valid(const char *s);

#endif
