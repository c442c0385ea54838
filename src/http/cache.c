/* cache.c: reply bodies kept per store revision and key (the tree's JSON, the tree pages), with
 * their gzip. */
#include "http/cache.h"

#include <stdio.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/*
 * The store revision is the newest audit id and every write adds one, so a
 * body is good until the next write. Revisions only grow and every request
 * reads the newest, so an entry of an older revision can never be asked for
 * again: putting a newer one drops them. A few keys (cycles, days, teams)
 * live side by side; past CACHE_SLOTS, or past max_bytes in all, the least
 * recently used go.
 */

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct body_cache *listed[CACHE_LIST_MAX];
static size_t nlisted;

/* Put c in the list /metrics reads, once (called with c->lock held). */
static void
list(struct body_cache *c)
{
	if (c->listed)
		return;
	pthread_mutex_lock(&list_lock);
	if (nlisted < CACHE_LIST_MAX)
		listed[nlisted++] = c;
	pthread_mutex_unlock(&list_lock);
	c->listed = 1;
}

size_t
cache_list(struct body_cache *out[CACHE_LIST_MAX])
{
	size_t n;

	pthread_mutex_lock(&list_lock);
	n = nlisted;
	memcpy(out, listed, n * sizeof(*out));
	pthread_mutex_unlock(&list_lock);
	return n;
}

void
cache_stats(struct body_cache *c, size_t *bytes, size_t *entries)
{
	pthread_mutex_lock(&c->lock);
	*bytes = c->bytes;
	*entries = 0;
	for (int i = 0; i < CACHE_SLOTS; i++)
		*entries += c->e[i].body != NULL;
	pthread_mutex_unlock(&c->lock);
}

static void
entry_clear(struct body_cache *c, struct cache_entry *e)
{
	c->bytes -= e->bytes;
	shared_unref(e->body);
	shared_unref(e->gz);
	free(e->note);
	memset(e, 0, sizeof(*e));
}

/* Make room for need more bytes and one entry, the least recently used first, sparing keep. */
static int
make_room(struct body_cache *c, size_t need, const struct cache_entry *keep)
{
	if (need > c->max_bytes)
		return -1;
	for (;;) {
		int victim = -1, free_slot = 0;

		for (int i = 0; i < CACHE_SLOTS; i++) {
			if (!c->e[i].body) {
				free_slot = 1;
				continue;
			}
			if (&c->e[i] != keep && (victim < 0 || c->e[i].used < c->e[victim].used))
				victim = i;
		}
		if ((free_slot || keep) && c->bytes + need <= c->max_bytes)
			return 0;
		if (victim < 0)
			return -1;
		entry_clear(c, &c->e[victim]);
	}
}

static struct cache_entry *
find(struct body_cache *c, const char *key, int64_t revision)
{
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (c->e[i].body && c->e[i].revision == revision && !strcmp(c->e[i].key, key))
			return &c->e[i];
	return NULL;
}

static struct cache_build *
building(struct body_cache *c, const char *key, int64_t revision)
{
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (c->b[i].on && c->b[i].revision == revision && !strcmp(c->b[i].key, key))
			return &c->b[i];
	return NULL;
}

/* The build of key at revision is over, whatever came of it: wake who waits for it. */
static void
build_done(struct body_cache *c, const char *key, int64_t revision)
{
	struct cache_build *b = building(c, key, revision);

	if (b) {
		b->on = 0;
		pthread_cond_broadcast(&c->built);
	}
}

int
cache_get(struct body_cache *c, const char *key, int64_t revision, struct cache_hit *hit)
{
	struct cache_entry *e;

	memset(hit, 0, sizeof(*hit));
	pthread_mutex_lock(&c->lock);
	list(c);
	while (!(e = find(c, key, revision)) && building(c, key, revision))
		pthread_cond_wait(&c->built, &c->lock);
	if (e) {
		hit->body = shared_ref(e->body);
		hit->gz = shared_ref(e->gz);
		hit->note = e->note ? xstrdup(e->note) : NULL;
		e->used = ++c->clock;
	} else {
		/* a newer revision is being asked for: what is older is dead weight while it is
		 * built */
		for (int i = 0; i < CACHE_SLOTS; i++)
			if (c->e[i].body && c->e[i].revision < revision)
				entry_clear(c, &c->e[i]);
		/* this request builds it; with every slot busy (or a key too long) it builds
		 * unannounced */
		for (int i = 0; i < CACHE_SLOTS && strlen(key) < sizeof(c->b[i].key); i++) {
			if (!c->b[i].on) {
				snprintf(c->b[i].key, sizeof(c->b[i].key), "%s", key);
				c->b[i].revision = revision;
				c->b[i].on = 1;
				break;
			}
		}
	}
	pthread_mutex_unlock(&c->lock);
	return e ? 1 : 0;
}

void
cache_give_up(struct body_cache *c, const char *key, int64_t revision)
{
	pthread_mutex_lock(&c->lock);
	build_done(c, key, revision);
	pthread_mutex_unlock(&c->lock);
}

void
cache_hit_release(struct cache_hit *hit)
{
	shared_unref(hit->body);
	shared_unref(hit->gz);
	free(hit->note);
	memset(hit, 0, sizeof(*hit));
}

void
cache_put(struct body_cache *c, const char *key, int64_t revision, struct shared_body *body,
	  const char *note)
{
	int victim = -1;
	size_t need;

	pthread_mutex_lock(&c->lock);
	build_done(c, key, revision);
	if (strlen(key) >= sizeof(c->e[0].key)) {
		/* never cut a key: two could meet */
		pthread_mutex_unlock(&c->lock);
		return;
	}
	for (int i = 0; i < CACHE_SLOTS; i++) {
		if (c->e[i].body && c->e[i].revision > revision) {
			/* a slower request built from an older revision: keep the newer */
			pthread_mutex_unlock(&c->lock);
			return;
		}
	}
	for (int i = 0; i < CACHE_SLOTS; i++)
		if (c->e[i].body && (c->e[i].revision < revision || !strcmp(c->e[i].key, key)))
			entry_clear(c, &c->e[i]);
	need = shared_len(body) + (note ? strlen(note) + 1 : 0);
	if (make_room(c, need, NULL) < 0) {
		pthread_mutex_unlock(&c->lock);
		return;
	}
	for (int i = 0; i < CACHE_SLOTS && victim < 0; i++)
		if (!c->e[i].body)
			victim = i;
	c->e[victim].bytes = need;
	c->bytes += need;
	snprintf(c->e[victim].key, sizeof(c->e[victim].key), "%s", key);
	c->e[victim].revision = revision;
	c->e[victim].body = shared_ref(body);
	c->e[victim].note = note ? xstrdup(note) : NULL;
	c->e[victim].used = ++c->clock;
	pthread_mutex_unlock(&c->lock);
}

void
cache_trim(void)
{
#ifdef __GLIBC__
	/* each worker thread has its own malloc arena; what one freed, another cannot reuse */
	malloc_trim(0);
#endif
}

void
cache_put_gz(struct body_cache *c, const char *key, int64_t revision, struct shared_body *gz)
{
	struct cache_entry *e;

	pthread_mutex_lock(&c->lock);
	if ((e = find(c, key, revision)) && !e->gz && make_room(c, shared_len(gz), e) == 0) {
		e->gz = shared_ref(gz);
		e->bytes += shared_len(gz);
		c->bytes += shared_len(gz);
	}
	pthread_mutex_unlock(&c->lock);
}
