/* cache.h: bodies kept per store revision and key, with a gzip copy made on demand (cache.c). */
#ifndef OKRA_HTTP_CACHE_H
#define OKRA_HTTP_CACHE_H

#include <pthread.h>
#include <stdint.h>

#include "http/shared.h"

#define CACHE_SLOTS 16
struct cache_entry {
	char key[704];
	int64_t revision;
	struct shared_body *body, *gz; /* gz: NULL until a client asks for it */
	char *note;                    /* what the caller needs besides the body (a page title) */
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
	struct cache_entry e[CACHE_SLOTS];
	struct cache_build b[CACHE_SLOTS]; /* what is being built now */
	uint64_t clock;
};
#define BODY_CACHE_INIT                                                                            \
	{                                                                                          \
		PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, {{{0}}}, {{{0}}}, 0           \
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
/* Keep body (and note) for key at revision; older revisions leave. Keys are under 704 bytes. */
void cache_put(struct body_cache *c, const char *key, int64_t revision, struct shared_body *body,
	       const char *note);
/* Attach the gzip copy to the entry, if it is still there. */
void cache_put_gz(struct body_cache *c, const char *key, int64_t revision, struct shared_body *gz);
/* Give the memory a big build freed back to the system (after a cache miss, not per request). */
void cache_trim(void);

#endif
