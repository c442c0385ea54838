/* paging.c: what the forges of okra sync share: finding an item of a batch, the Link header's next
 * page, a header as a number, and a path made one URL segment. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sync/forge.h"

struct sync_item *
sync_batch_find(struct sync_batch *b, int64_t num)
{
	for (size_t i = 0; i < b->n; i++)
		if (b->v[i]->num == num)
			return b->v[i];
	return NULL;
}

/* Does the parameter list p .. end (after a link's ">") hold rel="next" (or rel=next)? */
static int
rel_next(const char *p, const char *end)
{
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));

		if (!semi)
			return 0;
		p = semi + 1;
		while (p < end && *p == ' ')
			p++;
		if (end - p >= 4 && !strncasecmp(p, "rel=", 4)) {
			const char *v = p + 4, *ve;

			if (v < end && *v == '"')
				v++;
			for (ve = v; ve < end && *ve != '"' && *ve != ';'; ve++)
				;
			/* rel may hold several space-separated types. */
			while (v < ve) {
				size_t n = strcspn(v, " \";");

				if ((const char *)v + n > ve)
					n = (size_t)(ve - v);
				if (n == 4 && !strncasecmp(v, "next", 4))
					return 1;
				v += n;
				while (v < ve && *v == ' ')
					v++;
			}
		}
	}
	return 0;
}

int
sync_link_next(const struct fetch_ans *ans, struct buf *out)
{
	size_t len = 0;
	const char *h = fetch_header(ans, "Link", &len), *end = h ? h + len : NULL;

	/* Link: <URL>; rel="prev", <URL>; rel="next" */
	while (h && h < end) {
		const char *lt = memchr(h, '<', (size_t)(end - h)), *gt, *comma;

		if (!lt || !(gt = memchr(lt, '>', (size_t)(end - lt))))
			return 0;
		comma = memchr(gt, ',', (size_t)(end - gt));
		if (rel_next(gt + 1, comma ? comma : end)) {
			buf_add(out, lt + 1, (size_t)(gt - lt - 1));
			return 1;
		}
		h = comma ? comma + 1 : end;
	}
	return 0;
}

int64_t
sync_header_int(const struct fetch_ans *ans, const char *name)
{
	size_t len = 0;
	const char *h = fetch_header(ans, name, &len);
	int64_t v = 0;

	if (!h || !len || len > 18)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (h[i] < '0' || h[i] > '9')
			return -1;
		v = v * 10 + (h[i] - '0');
	}
	return v;
}

void
sync_path_enc(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_' || c == '.' || c == '~') {
			buf_addch(out, (char)c);
		} else {
			buf_addch(out, '%');
			buf_addch(out, hex[c >> 4]);
			buf_addch(out, hex[c & 15]);
		}
	}
}
