/* csv.h: RFC 4180 CSV fields, with cells a spreadsheet would run as formulas neutralised. */
#ifndef OKRA_CSV_H
#define OKRA_CSV_H

#include "util/buf.h"

/*
 * A record is its fields separated by commas and ended by CRLF (RFC 4180).
 * A field holding a comma, a double quote, CR or LF — or a semicolon, TAB or
 * pipe, which a spreadsheet may take as the separator — is quoted and its
 * quotes doubled. csv_text() is for text a person typed: a cell starting with
 * =, +, -, @ (or their full-width forms), TAB, CR or LF would be run as a
 * formula by a spreadsheet (CSV injection), so it gets a leading apostrophe. csv_raw() is for cells
 * okra formats itself (numbers, ids, dates): "-5" is a number, not a formula, and stays as it is.
 */
/* Append a field; first = 1 for the record's first field (no comma before it). */
void csv_text(struct buf *b, int first, const char *s);
void csv_raw(struct buf *b, int first, const char *s);
/* End the record with CRLF. */
void csv_end(struct buf *b);
/* 1 if a spreadsheet would run the text s as a formula. */
int csv_is_formula(const char *s);

#endif
