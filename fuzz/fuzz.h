/* fuzz.h: what every harness shares — the input as a C string, and property checks that abort. */
#ifndef OKRA_FUZZ_H
#define OKRA_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/err.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A property that must hold: a failure is a crash the fuzzer keeps as a reproducer. */
#define FUZZ_CHECK(c)                                                                              \
	do {                                                                                       \
		if (!(c)) {                                                                        \
			fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #c);   \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* The input as a NUL-terminated string (cut at its first NUL, as C callers would see it). */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * Split the input at its first n bytes equal to sep into n + 1 strings (missing
 * parts are ""); parts[] point into one allocation, returned for free().
 */
static inline char *
fuzz_split(const uint8_t *data, size_t size, char sep, char **parts, int n)
{
	char *s = fuzz_cstr(data, size), *p = s;

	for (int i = 0; i <= n; i++) {
		parts[i] = p;
		if (i < n) {
			char *q = memchr(p, sep, strlen(p));

			if (q) {
				*q = '\0';
				p = q + 1;
			} else {
				p += strlen(p);
			}
		}
	}
	return s;
}

#endif
