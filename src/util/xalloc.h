/* xalloc.h: allocation that aborts with a message instead of returning NULL. */
#ifndef OKRA_XALLOC_H
#define OKRA_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for arrays: aborts if nmemb * size overflows. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/*
 * free() for heap memory a struct holds through a const pointer: person,
 * team and cycle (core/types.h) are read onto the heap and released, and
 * also filled with borrowed strings to be written, so their strings are
 * const and their *_release frees them this way.
 */
void xfree(const void *p);

/* Grow array a (with *alloc slots) to hold at least n elements. */
#define ALLOC_GROW(a, n, alloc)                                                                    \
	do {                                                                                       \
		if ((n) > (alloc)) {                                                               \
			size_t alloc_grow_n_ = (alloc) < 8 ? 8 : (alloc)*2;                        \
			if (alloc_grow_n_ < (n))                                                   \
				alloc_grow_n_ = (n);                                               \
			(a) = xreallocarray((a), alloc_grow_n_, sizeof(*(a)));                     \
			(alloc) = alloc_grow_n_;                                                   \
		}                                                                                  \
	} while (0)

#endif
