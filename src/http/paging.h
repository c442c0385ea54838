/* paging.h: lists answered page by page (limit, cursor, Link) and versions by ETag (paging.c). */
#ifndef OKRA_HTTP_PAGING_H
#define OKRA_HTTP_PAGING_H

#include <stdint.h>

#include "http/request.h"

/* Pagination: limit (1..200, default 50) and cursor (the last id seen). 0 or -1 after a 400. */
int page_params(struct request *r, int *limit, int64_t *cursor);
/*
 * One page of a list: each item is written (page_item gives the writer) with
 * its id; reply_page sends those after the cursor, sorted by id, at most
 * limit, with a Link to the next page when there is more, and releases p.
 */
struct page {
	struct buf text; /* the items, one after another */
	struct jw w;
	struct page_item *v;
	size_t n, alloc;
};
#define PAGE_INIT                                                                                  \
	{                                                                                          \
		BUF_INIT                                                                           \
	}
struct jw *page_item(struct page *p, int64_t id);
int reply_page(struct request *r, struct page *p);
/* Set Link: <path?cursor=N&limit=L>; rel="next" when there is more. */
void reply_next_link(struct request *r, int64_t next_cursor, int limit);

/* ETags: "\"<kind><id>-v<version>\"" and If-Match checking (428 / 412). */
void etag_set(struct request *r, char kind, int64_t id, int64_t version);
/* The version an If-Match names for kind/id; -1 after a 428/412 reply. */
int64_t etag_required(struct request *r, char kind, int64_t id);
/* The If-Match value m parsed: the newest version it names of kind/id, 0 for "*", -1 for none. */
int64_t etag_match(const char *m, char kind, int64_t id);

#endif
