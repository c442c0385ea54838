/* csv.c: RFC 4180 CSV fields, with formula cells neutralised (csv.h). */
#include "util/csv.h"

#include <string.h>

int
csv_is_formula(const char *s)
{
	return s && *s && strchr("=+-@\t\r", *s) != NULL;
}

static void
field(struct buf *b, int first, const char *s, int neutralise)
{
	const char *p;

	if (!first)
		buf_addch(b, ',');
	if (!s)
		return;
	if (!strpbrk(s, ",\"\r\n") && !(neutralise && csv_is_formula(s))) {
		buf_adds(b, s);
		return;
	}
	if (!strpbrk(s, ",\"\r\n")) {
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
