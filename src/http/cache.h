/* cache.h: bodies kept per store revision and key, with a gzip copy made on demand (cache.c). */
#ifndef OKRA_HTTP_CACHE_H
#define OKRA_HTTP_CACHE_H

#include <pthread.h>
#include <stdint.h>

#include "http/shared.h"

#define CACHE_SLOTS 16
/*
 * The bytes each body cache may hold (bodies, their gzip copies, notes): the largest body okra
 * builds is the tree of L, 28 MB of JSON with its 1.8 MB gzip copy, or its 17 MB page; 64 MiB
 * keeps that and a few smaller keys beside it, and bounds what a cache adds to the RSS (and to
 * the memory files the bodies are sealed in) whatever the keys asked for.
 */
#define CACHE_BYTES_MAX (64u * 1024 * 1024)
struct cache_entry {
	char key[704];
	int64_t revision;
	struct shared_body *body, *gz; /* gz: NULL until a client asks for it */
	char *note;                    /* what the caller needs besides the body (a page title) */
	size_t bytes;                  /* body, gz and note */
	uint64_t used;
};
struct cache_build {
	char key[704];
	int64_t revision;
	int on;
};
struct body_cache {
	pthread_mutex_t lock;
	pthread_cond_t built; /* a build finished (or was given up) */
	const char *name;     /* in /metrics: okra_cache_bytes{cache="NAME"} */
	size_t max_bytes;     /* what the entries may hold in all; past it the least recent go */
	size_t bytes;         /* what they hold */
	int listed;           /* in the list /metrics reads */
	struct cache_entry e[CACHE_SLOTS];
	struct cache_build b[CACHE_SLOTS]; /* what is being built now */
	uint64_t clock;
};
#define BODY_CACHE_INIT(NAME, MAX)                                                                 \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, NAME, MAX, 0, 0, {{{0}}},     \
			{{{0}}}, 0                                                                 \
	}
struct cache_hit {
	struct shared_body *body, *gz;
	char *note;
};
/*
 * 1 and references in hit (cache_hit_release them), or 0: nothing for key at
 * revision, and the caller builds it, then calls cache_put or cache_give_up.
 * While one request builds a key, the others asking for it wait for it
 * instead of building it too (a page of L takes 100 MB and a second to build).
 */
int cache_get(struct body_cache *c, const char *key, int64_t revision, struct cache_hit *hit);
/* The build cache_get asked for will not come: let the next request try. */
void cache_give_up(struct body_cache *c, const char *key, int64_t revision);
void cache_hit_release(struct cache_hit *hit);
/*
 * Keep body (and note) for key at revision; older revisions leave, and the least recently used
 * entries while the cache would hold more than max_bytes (a body larger than that is not kept).
 * Keys are under 704 bytes.
 */
void cache_put(struct body_cache *c, const char *key, int64_t revision, struct shared_body *body,
	       const char *note);
/* Attach the gzip copy to the entry, if it is still there (and fits, as above). */
void cache_put_gz(struct body_cache *c, const char *key, int64_t revision, struct shared_body *gz);
/* What a cache holds now: bytes and entries. */
void cache_stats(struct body_cache *c, size_t *bytes, size_t *entries);
/* The body caches used so far (each listed at its first lookup), for /metrics; returns n. */
#define CACHE_LIST_MAX 8
size_t cache_list(struct body_cache *out[CACHE_LIST_MAX]);
/* Give the memory a big build freed back to the system (after a cache miss, not per request). */
void cache_trim(void);

#endif
