/* lessons.h: lessons across quarters — the "Try" bullets of the earlier retros of the teams of a
 * cycle, filtered by a word. */
#ifndef OKRA_APP_LESSONS_H
#define OKRA_APP_LESSONS_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct app;
struct arena;

struct lesson {
	const char *text;  /* the bullet */
	int64_t objective; /* whose retro said it */
	const char *title; /* that objective's title */
	const char *team;  /* its team's slug, NULL = company */
	const char *cycle; /* its cycle's name */
	int final;         /* the retro was final (else a draft's bullet) */
};

/*
 * The Try bullets of the retros of every objective of a cycle that ended
 * before cycle (a name) starts and belongs to a team (or the company) that
 * has an objective in cycle; the newest cycle first. q not NULL or "": only
 * the bullets containing it, case aside (ASCII letters), or whose objective's
 * title does. Everything in ar.
 */
int app_lessons(struct app *a, struct arena *ar, const char *cycle, const char *q,
		struct lesson **v, size_t *n, struct okra_err *err);

#endif
