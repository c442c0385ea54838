/* asof.h: a tree as it stood at an instant, rebuilt from what the history keeps (no I/O). */
#ifndef OKRA_ASOF_H
#define OKRA_ASOF_H

#include <stddef.h>
#include <stdint.h>

#include "core/types.h"

/*
 * What the history says about one objective at an instant: when it was
 * created and closed, and its latest weekly status (R8) before the instant.
 */
struct asof_objective {
	int64_t id;
	int64_t created_at;
	int64_t closed_at; /* 0 = not closed (now) */
	int64_t status_at; /* the latest status before the instant, 0 = none */
	enum health status_health;
};

/* One KR: when it was created and its latest check-in before the instant. */
struct asof_kr {
	int64_t id;
	int64_t created_at;
	int64_t checkin_at; /* 0 = no check-in before the instant */
	int has_value;
	double value;    /* metric KRs: the value measured */
	double progress; /* the KR's progress that check-in recorded (raw) */
	enum health health;
	enum source source;
	char *author; /* handle; NULL = the system */
};

/* Both arrays sorted by id; until is exclusive (the first second after the day asked about). */
struct asof_history {
	int64_t until;
	struct asof_objective *objectives;
	size_t nobjectives;
	struct asof_kr *krs;
	size_t nkrs;
};

void asof_history_release(struct asof_history *h);

/*
 * Turn the objectives v[0..*n) (sorted by id, as store_tree_load gives them)
 * (their strings in ar) into what they were before h->until: objectives and KRs created since (or
 * unknown to h) are dropped (their memory is the arena's), keeping the order; an objective
 * closed since is active again; its health and last status time are its
 * latest status's (else none, 0); a KR's health and last check-in are its
 * latest check-in's (else none, never); a metric KR's current value is that
 * check-in's value (else its start); a criteria KR's progress is the progress
 * that check-in recorded (else 0). Titles, targets, weights, parents and
 * criteria states are not versioned and stay as they are now. Call
 * asof_rollup() afterwards, not progress_rollup().
 */
void asof_apply(struct arena *ar, struct objective *v, size_t *n, const struct asof_history *h);

/*
 * progress_rollup() (R10, R3) over objectives that asof_apply() prepared:
 * each criteria KR keeps the progress its check-in recorded instead of the
 * one its criteria give now, since criteria states have no history.
 * Returns what progress_rollup() returns.
 */
int asof_rollup(struct arena *ar, struct objective *v, size_t n, size_t **roots, size_t *nroots);

#endif
