/* fuzz_csv.c: the CSV writer on hostile cells; every record reads back (RFC 4180) to its cells. */
#include "fuzz.h"

#include "util/csv.h"

/*
 * okra has no CSV import: CSV only goes out (app/export_csv.c). So the writer
 * is checked instead: cells split from the input at '\n', each written with
 * csv_text (odd ones) or csv_raw, must read back to the same text (csv_text's
 * formula cells with their apostrophe), and a csv_text cell never reads back
 * as something a spreadsheet would run.
 */
#define MAXCELLS 8

/* Read one RFC 4180 record from *p into cells; the number of cells, or -1 when malformed. */
static int
read_record(const char **p, struct buf *cells, int max)
{
	const char *s = *p;
	int n = 0;

	for (;;) {
		if (n == max)
			return -1;
		buf_reset(&cells[n]);
		if (*s == '"') {
			for (s++;; s++) {
				if (!*s)
					return -1;
				if (*s == '"' && s[1] == '"') {
					buf_addch(&cells[n], '"');
					s++;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					buf_addch(&cells[n], *s);
				}
			}
		} else {
			for (; *s && *s != ',' && *s != '\r'; s++) {
				if (*s == '"' || *s == '\n')
					return -1;
				buf_addch(&cells[n], *s);
			}
		}
		n++;
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] == '\r' && s[1] == '\n') {
			*p = s + 2;
			return n;
		}
		return -1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cell[MAXCELLS];
	char *s = fuzz_split(data, size, '\n', cell, MAXCELLS - 1);
	struct buf out = BUF_INIT, got[MAXCELLS], want = BUF_INIT;
	const char *p;

	for (int i = 0; i < MAXCELLS; i++) {
		buf_init(&got[i], 0);
		(i & 1 ? csv_text : csv_raw)(&out, i == 0, cell[i]);
	}
	csv_end(&out);
	p = out.buf;
	FUZZ_CHECK(read_record(&p, got, MAXCELLS) == MAXCELLS);
	FUZZ_CHECK(*p == '\0');
	for (int i = 0; i < MAXCELLS; i++) {
		buf_reset(&want);
		if ((i & 1) && csv_is_formula(cell[i]))
			buf_addch(&want, '\'');
		buf_adds(&want, cell[i]);
		FUZZ_CHECK(got[i].len == want.len && !memcmp(got[i].buf, want.buf, want.len));
		if (i & 1)
			FUZZ_CHECK(!csv_is_formula(got[i].buf));
		buf_release(&got[i]);
	}
	buf_release(&want);
	buf_release(&out);
	free(s);
	return 0;
}
