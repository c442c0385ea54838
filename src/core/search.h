/* search.h: what a search asks (the words of a query, checked) and what it finds (hits by kind). */
#ifndef OKRA_SEARCH_H
#define OKRA_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"

/* The kinds of text searched, in the order results are grouped. */
enum search_kind {
	SEARCH_OBJECTIVE,
	SEARCH_KR,
	SEARCH_CHECKIN,
	SEARCH_STATUS,
	SEARCH_RETRO,
	SEARCH_COMMENT,
	SEARCH_NKINDS
};

/* The kind's name as the index and the API spell it ("key_result"), and as a heading. */
const char *search_kind_name(enum search_kind k);
const char *search_kind_heading(enum search_kind k);
/* The kind named, or -1. */
int search_kind_parse(const char *name);

#define SEARCH_QUERY_MAX 200 /* bytes of query text */
#define SEARCH_WORDS_MAX 12
#define SEARCH_LIMIT_MAX 100
#define SEARCH_LIMIT_DEFAULT 50

/*
 * A query as words: runs of ASCII letters and digits or of non-ASCII
 * characters, everything else (the engines' operators, quotes, punctuation)
 * a separator, so no query text reaches an engine's query syntax. words
 * point into text, a copy of the query with the separators turned into NULs.
 */
struct search_query {
	char text[SEARCH_QUERY_MAX + 1];
	const char *words[SEARCH_WORDS_MAX];
	size_t n;
};

/*
 * Split q into out. Refused (OKRA_EINVAL naming field "q"): more than
 * SEARCH_QUERY_MAX bytes, a byte that is not valid UTF-8 or a control
 * character. A query of no word (empty, only punctuation) gives n = 0, which
 * finds nothing; words past SEARCH_WORDS_MAX are left out.
 */
int search_query_parse(const char *q, struct search_query *out, struct okra_err *err);

/*
 * One hit. title and snippet are the object's title (highlighted whole) and
 * an excerpt of its text, with each match between the bytes SEARCH_MARK_ON
 * and SEARCH_MARK_OFF; either may be "".
 */
#define SEARCH_MARK_ON '\001'
#define SEARCH_MARK_OFF '\002'
struct search_hit {
	enum search_kind kind;
	int64_t id;  /* the row: objective, KR, check-in, status update or comment; a retro's
			objective */
	int64_t sub; /* the key result of a check-in, a status line or a comment on one, else 0 */
	int64_t objective;
	const char *objective_title;
	const char *cycle;
	int in_title; /* every word is in the title: ranked first */
	const char *title;
	const char *snippet;
};

/* The page a hit links to, "/objectives/12" or "/objectives/12#kr-34" (at most 64 bytes). */
void search_hit_path(const struct search_hit *h, char out[64]);
/* marked (a hit's title or snippet) without its marks, appended to out. */
void search_plain(struct buf *out, const char *marked);
/*
 * The next run of marked text at or after p: its start, and its length in
 * *len; NULL when there is none. A mark not closed runs to the end.
 */
const char *search_next_mark(const char *p, size_t *len);

#endif
