/* csv.c: RFC 4180 CSV fields, with formula cells neutralised (csv.h). */
#include "util/csv.h"

#include <string.h>

/*
 * The characters a spreadsheet may take as a field separator when it guesses
 * (comma, semicolon, tab, pipe), besides the quote and line ends RFC 4180
 * quotes for. A cell holding any of them is quoted, so "ok;=1+1" stays one
 * cell starting with "o" whichever separator the spreadsheet picks.
 */
static const char quote_chars[] = ",;\t|\"\r\n";

int
csv_is_formula(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (!s || !*s)
		return 0;
	if (strchr("=+-@\t\r\n", *s))
		return 1;
	/* The full-width forms of = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20). */
	return u[0] == 0xEF && ((u[1] == 0xBC && (u[2] == 0x9D || u[2] == 0x8B || u[2] == 0x8D)) ||
				(u[1] == 0xBD && u[2] == 0x80));
}

static void
field(struct buf *b, int first, const char *s, int neutralise)
{
	const char *p;

	if (!first)
		buf_addch(b, ',');
	if (!s)
		return;
	if (!strpbrk(s, quote_chars) && !(neutralise && csv_is_formula(s))) {
		buf_adds(b, s);
		return;
	}
	if (!strpbrk(s, quote_chars)) {
		buf_addch(b, '\'');
		buf_adds(b, s);
		return;
	}
	buf_addch(b, '"');
	if (neutralise && csv_is_formula(s))
		buf_addch(b, '\'');
	for (p = s; *p; p++) {
		if (*p == '"')
			buf_addch(b, '"');
		buf_addch(b, *p);
	}
	buf_addch(b, '"');
}

void
csv_text(struct buf *b, int first, const char *s)
{
	field(b, first, s, 1);
}

void
csv_raw(struct buf *b, int first, const char *s)
{
	field(b, first, s, 0);
}

void
csv_end(struct buf *b)
{
	buf_add(b, "\r\n", 2);
}
