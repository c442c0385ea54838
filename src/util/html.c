/* html.c: the escapers every page and header goes through, and form decoding. */
#include "util/html.h"

#include <string.h>

/*
 * Unicode's explicit direction marks (LRE RLE LRO RLO, closed by PDF; LRI RLI
 * FSI, closed by PDI) reach past the end of the text that opens them: an
 * RLO in a title would turn the DRI's name after it around. Each escaped
 * string closes what it left open, so its marks stay inside it (UAX #9 §3.3.2;
 * 125 levels is the deepest the algorithm counts).
 */
#define BIDI_DEPTH 125

/* 1 for an embedding or override, 2 for an isolate, -1 for PDF, -2 for PDI, 0 otherwise. */
static int
bidi_mark(const unsigned char *p)
{
	if (p[0] != 0xe2)
		return 0;
	if (p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
		return p[2] == 0xac ? -1 : 1;
	if (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
		return p[2] == 0xa9 ? -2 : 2;
	return 0;
}

static void
bidi_close(struct buf *b, const char *open, int depth)
{
	while (depth-- > 0)
		buf_adds(b, open[depth] == 2 ? "\xe2\x81\xa9" : "\xe2\x80\xac");
}

/* Text escapes & < >; an attribute value also both quotes. */
static void
escape(struct buf *b, const char *s, int attr)
{
	char open[BIDI_DEPTH];
	int depth = 0, mark;

	for (; *s; s++) {
		if ((mark = bidi_mark((const unsigned char *)s)) != 0) {
			if (mark > 0 && depth < BIDI_DEPTH) {
				open[depth++] = (char)mark;
			} else if (mark == -1 && depth && open[depth - 1] == 1) {
				depth--; /* PDF closes an embedding, never an isolate */
			} else if (mark == -2) {
				/* PDI closes the last isolate and the embeddings inside it */
				int i = depth;

				while (i > 0 && open[i - 1] != 2)
					i--;
				if (i > 0)
					depth = i - 1;
			}
			buf_add(b, s, 3);
			s += 2;
			continue;
		}
		switch (*s) {
		case '&':
			buf_adds(b, "&amp;");
			break;
		case '<':
			buf_adds(b, "&lt;");
			break;
		case '>':
			buf_adds(b, "&gt;");
			break;
		case '"':
			buf_adds(b, attr ? "&quot;" : "\"");
			break;
		case '\'':
			buf_adds(b, attr ? "&#39;" : "'");
			break;
		default:
			buf_addch(b, *s);
		}
	}
	bidi_close(b, open, depth);
}

void
html_txt(struct buf *b, const char *s)
{
	escape(b, s, 0);
}

void
html_attr(struct buf *b, const char *s)
{
	escape(b, s, 1);
}

void
url_enc(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_addch(b, (char)c);
		} else {
			buf_addch(b, '%');
			buf_addch(b, hex[c >> 4]);
			buf_addch(b, hex[c & 15]);
		}
	}
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
form_get(const char *body, const char *key, struct buf *out)
{
	size_t klen = strlen(key);
	const char *p = body;

	while (p && *p) {
		const char *end = strchr(p, '&');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > klen && !strncmp(p, key, klen) && p[klen] == '=') {
			for (size_t i = klen + 1; i < len; i++) {
				if (p[i] == '+') {
					buf_addch(out, ' ');
				} else if (p[i] == '%') {
					int hi, lo;

					if (i + 2 >= len)
						return -1;
					hi = hexval(p[i + 1]);
					lo = hexval(p[i + 2]);
					if (hi < 0 || lo < 0)
						return -1;
					if (hi == 0 && lo == 0)
						return -1; /* no NUL inside a C string */
					buf_addch(out, (char)(hi * 16 + lo));
					i += 2;
				} else {
					buf_addch(out, p[i]);
				}
			}
			return 1;
		}
		if (len == klen && !strncmp(p, key, klen))
			return 1; /* "key" alone: present and empty */
		p = end ? end + 1 : NULL;
	}
	return 0;
}
