/* arena.h: a bump allocator, so that what one request or one command reads is freed at once. */
#ifndef OKRA_ARENA_H
#define OKRA_ARENA_H

#include <stdarg.h>
#include <stddef.h>

/*
 * An arena hands out memory from a chain of blocks by moving an offset;
 * nothing in it is freed on its own. Everything allocated lives until
 * arena_reset() or arena_release(), which free it all at once: the arena is
 * the one owner of a lifetime (an HTTP request, a CLI command), and what is
 * read into it needs no *_release call.
 *
 *   - ARENA_INIT (all zeros) is an empty arena; it allocates nothing until
 *     the first arena_alloc().
 *   - Blocks are chained, newest first. The first is ARENA_BLOCK bytes and
 *     each next one twice the last, up to ARENA_BLOCK_MAX, so a large read
 *     costs a few malloc() calls, not one per row.
 *   - arena_alloc() returns uninitialised memory aligned for any type
 *     (ARENA_ALIGN, alignof(max_align_t)); arena_zalloc() zeroes it. Zero
 *     bytes is a valid request: the pointer is not NULL (and not to be used).
 *   - The strings (arena_strdup, arena_strndup, arena_sprintf) are packed
 *     with no alignment.
 *   - A request larger than a quarter of ARENA_BLOCK_MAX gets a block of its
 *     own, chained behind the current one, whose free space is kept.
 *   - arena_grow() extends the arena's latest allocation in place while its
 *     block has room, else copies it to new memory (the old bytes stay until
 *     the reset): ARENA_GROW grows arrays the way ALLOC_GROW does.
 *   - Out of memory, or a size that overflows, aborts with a message like
 *     xmalloc (util/xalloc.h): okra does not limp on without memory.
 *   - arena_reset() frees every block but the largest ordinary one, which is
 *     emptied and kept for the next use (a worker thread's next request);
 *     arena_release() frees every block and leaves ARENA_INIT.
 *   - An arena is not thread-safe: one owner, one thread.
 */
struct arena_block;
struct arena {
	struct arena_block *head; /* the block allocations come from; older ones follow */
	size_t last;              /* offset in head of the latest allocation (arena_grow) */
	size_t next_size;         /* size of the next ordinary block, 0 = ARENA_BLOCK */
	size_t total;             /* bytes held in blocks, for tests and metrics */
};

#define ARENA_INIT                                                                                 \
	{                                                                                          \
		NULL, 0, 0, 0                                                                      \
	}
#define ARENA_ALIGN _Alignof(max_align_t)
#define ARENA_BLOCK ((size_t)4096)
#define ARENA_BLOCK_MAX ((size_t)1 << 20)

void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
/* nmemb * size zeroed bytes; aborts if the product overflows. */
void *arena_calloc(struct arena *a, size_t nmemb, size_t size);
/* p (old bytes, from a, or NULL) grown to n bytes; see above. */
void *arena_grow(struct arena *a, void *p, size_t old, size_t n);
/* The same for arrays of nmemb elements of size bytes. */
void *arena_grow_array(struct arena *a, void *p, size_t oldn, size_t nmemb, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_sprintf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vsprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Free everything allocated; keep the largest ordinary block, emptied, for reuse. */
void arena_reset(struct arena *a);
/* Free every block: a is ARENA_INIT again. */
void arena_release(struct arena *a);

/* Grow array v (allocated from ar, *alloc slots) to hold at least n elements. */
#define ARENA_GROW(ar, v, n, alloc)                                                                \
	do {                                                                                       \
		if ((n) > (alloc)) {                                                               \
			size_t arena_grow_n_ = (alloc) < 8 ? 8 : (alloc)*2;                        \
			if (arena_grow_n_ < (n))                                                   \
				arena_grow_n_ = (n);                                               \
			(v) = arena_grow_array((ar), (v), (alloc), arena_grow_n_, sizeof(*(v)));   \
			(alloc) = arena_grow_n_;                                                   \
		}                                                                                  \
	} while (0)

#endif
