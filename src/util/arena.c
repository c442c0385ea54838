/* arena.c: the bump allocator of arena.h — blocks chained newest first, freed all at once. */
#include "util/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t size; /* bytes of data */
	size_t used;
	int own; /* a block of one large allocation, never reused */
};

/* The data of a block starts after its header, rounded up to ARENA_ALIGN. */
#define HDR ((sizeof(struct arena_block) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1))

static unsigned char *
data(struct arena_block *b)
{
	return (unsigned char *)b + HDR;
}

static void
oom(size_t n)
{
	fprintf(stderr, "okra: out of memory allocating %zu bytes\n", n);
	abort();
}

static struct arena_block *
new_block(struct arena *a, size_t size, int own)
{
	struct arena_block *b;

	if (size > SIZE_MAX - HDR)
		oom(size);
	b = malloc(HDR + size);
	if (!b)
		oom(HDR + size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	b->own = own;
	a->total += size;
	return b;
}

static void *
bump(struct arena *a, size_t n, size_t align)
{
	struct arena_block *b = a->head;
	size_t size;

	if (b) {
		size_t off = (b->used + align - 1) & ~(align - 1);

		if (off <= b->size && n <= b->size - off) {
			b->used = off + n;
			a->last = off;
			return data(b) + off;
		}
	}
	if (n > ARENA_BLOCK_MAX / 4) {
		b = new_block(a, n, 1);
		b->used = n;
		if (a->head) {
			/* Behind the current block, whose free space stays in use. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			a->head = b;
			a->last = 0;
		}
		return data(b);
	}
	size = a->next_size ? a->next_size : ARENA_BLOCK;
	while (size < n)
		size *= 2;
	b = new_block(a, size, 0);
	b->next = a->head;
	a->head = b;
	a->next_size = size < ARENA_BLOCK_MAX ? size * 2 : ARENA_BLOCK_MAX;
	b->used = n;
	a->last = 0;
	return data(b);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	return bump(a, n, ARENA_ALIGN);
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	void *p = bump(a, n, ARENA_ALIGN);

	memset(p, 0, n);
	return p;
}

void *
arena_calloc(struct arena *a, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return arena_zalloc(a, nmemb * size);
}

void *
arena_grow(struct arena *a, void *p, size_t old, size_t n)
{
	struct arena_block *b = a->head;
	void *q;

	if (!p)
		return arena_alloc(a, n);
	if (b && (unsigned char *)p == data(b) + a->last && b->used == a->last + old &&
	    n <= b->size - a->last) {
		b->used = a->last + n;
		return p;
	}
	q = arena_alloc(a, n);
	memcpy(q, p, old < n ? old : n);
	return q;
}

void *
arena_grow_array(struct arena *a, void *p, size_t oldn, size_t nmemb, size_t size)
{
	if (size && nmemb > SIZE_MAX / size)
		oom(SIZE_MAX);
	return arena_grow(a, p, oldn * size, nmemb * size);
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	n = strnlen(s, n);
	p = bump(a, n + 1, 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, SIZE_MAX);
}

char *
arena_vsprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list aq;
	char *p;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0) /* an encoding error: nothing sensible to print */
		n = 0;
	p = bump(a, (size_t)n + 1, 1);
	if (n)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	p[n] = '\0';
	return p;
}

char *
arena_sprintf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = arena_vsprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_reset(struct arena *a)
{
	struct arena_block *b, *next, *keep = NULL;

	for (b = a->head; b; b = b->next)
		if (!b->own && (!keep || b->size > keep->size))
			keep = b;
	for (b = a->head; b; b = next) {
		next = b->next;
		if (b != keep)
			free(b);
	}
	a->head = keep;
	a->last = 0;
	a->total = 0;
	if (keep) {
		keep->next = NULL;
		keep->used = 0;
		a->total = keep->size;
	}
}

void
arena_release(struct arena *a)
{
	struct arena_block *b, *next;

	for (b = a->head; b; b = next) {
		next = b->next;
		free(b);
	}
	memset(a, 0, sizeof(*a));
}
