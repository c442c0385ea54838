/* types.h: okra's domain types and the names they have in text (CLI, JSON, SQL). */
#ifndef OKRA_TYPES_H
#define OKRA_TYPES_H

#include <stddef.h>
#include <stdint.h>

#include "util/arena.h"

/*
 * A date is a count of days since 1970-01-01 (negative before); DATE_NONE
 * means "not set". An instant is UTC seconds since the epoch.
 */
#define DATE_NONE INT32_MIN

enum role { ROLE_VIEWER, ROLE_MEMBER, ROLE_LEADER, ROLE_ADMIN };
/* R12; HEALTH_NONE = nobody has said yet. */
enum health { HEALTH_NONE, HEALTH_ON_TRACK, HEALTH_NEEDS_ATTENTION, HEALTH_AT_RISK };
enum obj_state { STATE_DRAFT, STATE_ACTIVE, STATE_CLOSED };
enum kr_kind { KR_METRIC, KR_CRITERIA };
enum cycle_kind { CYCLE_YEAR, CYCLE_QUARTER };
enum item_state { ITEM_OPEN, ITEM_CLOSED };
enum source { SOURCE_MANUAL, SOURCE_INTEGRATION };
/* R1: higher number = higher level; a parent's level is >= its child's. */
enum level {
	LEVEL_WORKSTREAM_QUARTERLY = 1,
	LEVEL_COMPANY_QUARTERLY = 2,
	LEVEL_COMPANY_ANNUAL = 3
};

/* Each *_name() returns a static string; each *_parse() returns the value or -1. */
const char *role_name(enum role r);
int role_parse(const char *s);
const char *health_name(enum health h); /* HEALTH_NONE -> "none" */
int health_parse(const char *s);        /* accepts the three R12 names only */
const char *state_name(enum obj_state s);
int state_parse(const char *s);
const char *kr_kind_name(enum kr_kind k);
int kr_kind_parse(const char *s);
const char *cycle_kind_name(enum cycle_kind k);
int cycle_kind_parse(const char *s);
const char *item_state_name(enum item_state s);
int item_state_parse(const char *s);
const char *source_name(enum source s);
int source_parse(const char *s);
const char *level_name(enum level l); /* "company annual", ... */

/* A list of owned strings. */
struct strlist {
	char **v;
	size_t n, alloc;
};
void strlist_push(struct strlist *l, const char *s);
void strlist_release(struct strlist *l);
/* Push a copy of s made in ar: such a list lives in ar and is never released. */
void strlist_push_arena(struct arena *ar, struct strlist *l, const char *s);

struct person {
	int64_t id;
	const char *handle, *name, *email;
	enum role role;
	int32_t joined_on;      /* date, or DATE_NONE */
	int64_t deactivated_at; /* UTC seconds they were deactivated; 0 = active */
};

/* Something a person is DRI of, to be handed over when they leave. */
struct owned {
	char kind; /* 'o' an objective, 'k' a key result */
	int64_t id, objective;
	const char *title;
};

struct team {
	int64_t id;
	const char *slug, *name;
};

struct cycle {
	int64_t id;
	enum cycle_kind kind;
	const char *name;
	int32_t starts_on, ends_on; /* dates, inclusive */
	int64_t parent;             /* 0 = none */
};

/*
 * Ownership. The OKR structs below (criterion, initiative, link, key_result,
 * objective) and cycle are read by the store into the caller's arena (util/arena.h):
 * their strings and arrays live as long as that arena and are never freed
 * one by one. Written, they are borrowed: the store copies nothing it keeps.
 * So their strings are const. person and team are read onto the heap
 * (free them with their *_release) and written from borrowed strings, so
 * theirs are const too: never release one filled with borrowed strings.
 * A strlist owns its strings.
 */
struct criterion {
	int64_t id, key_result;
	const char *ref, *title;
	double contribution; /* percent, 0 < c <= 100 */
	enum item_state state;
	double progress; /* the item's own progress while open, 0..1 */
};

struct initiative {
	int64_t id, key_result;
	const char *title, *ref; /* ref may be NULL */
	enum item_state state;
};

struct link {
	int64_t id, objective;
	const char *ref, *title; /* title may be NULL */
	enum item_state state;
};

/*
 * Pace (core/pace.h): where progress should stand on a date and the health
 * that suggests. known = 0 until the app has computed it (no cycle dates).
 */
struct pace {
	int known;
	double expected; /* the elapsed share of the cycle, 0..1 */
	double gap;      /* progress - expected */
	enum health suggested;
	int disagrees; /* the recorded health and the suggested one disagree (pace.h) */
};

struct key_result {
	int64_t id, objective;
	const char *title, *context;
	int64_t dri;
	const char *dri_handle;
	enum kr_kind kind;
	const char *unit; /* metric only, may be "" */
	double start, target, current;
	enum health health;
	double weight;
	int64_t version;
	struct criterion *criteria;
	size_t ncriteria;
	struct initiative *initiatives;
	size_t ninitiatives;
	/* where the current value came from: the latest check-in, if any */
	int64_t last_checkin_at; /* 0 = never */
	const char *last_checkin_author;
	enum source last_source;
	/* computed by progress_kr() / progress_rollup() */
	double progress;
	/* computed by the app (core/pace.h): pace, and the check-ins' trend at forecast_on */
	struct pace pace;
	int has_forecast;
	double forecast;     /* raw progress */
	int32_t forecast_on; /* the last day of the cycle */
};

struct retro {
	struct strlist good, bad, try;
	int64_t final_at; /* 0 = still a draft */
};

/*
 * An objective has three shapes:
 *   - struct objective_row, the stored row, with its cycle's name and kind,
 *     its team's slug and its DRI's handle joined in: what
 *     store_objective_get() reads and store_objective_add/update() write;
 *   - struct objective, a node of the rolled-up tree: the row plus what is
 *     attached to it and computed over it (KRs, links, retro, progress,
 *     children, pace). The row is both o->row, to hand to what takes a row,
 *     and each of its fields by name (o->title is o->row.title);
 *   - struct objective_input and struct objective_edit (app/app.h): what a
 *     write is asked to do, as given.
 */
#define OBJECTIVE_ROW_FIELDS                                                                       \
	int64_t id;                                                                                \
	int64_t cycle;                                                                             \
	const char *cycle_name;                                                                    \
	enum cycle_kind cycle_kind;                                                                \
	int64_t team; /* 0 = company */                                                            \
	const char *team_slug;                                                                     \
	int64_t parent; /* 0 = none */                                                             \
	const char *title, *context;                                                               \
	const char *sections; /* further Markdown sections after the R6 block, may be "" */        \
	int64_t dri;                                                                               \
	const char *dri_handle;                                                                    \
	enum health health;                                                                        \
	enum obj_state state;                                                                      \
	double weight; /* its weight in its parent's roll-up */                                    \
	int64_t version;                                                                           \
	int64_t last_status_at; /* the latest weekly status (R8), 0 = none */                      \
	/* the final score recorded at close, 0..1 (docs/decisions.md, "Pace and final score") */  \
	int has_final;                                                                             \
	double final_score;                                                                        \
	const char *final_reason; /* NULL = none given */

struct objective_row {
	OBJECTIVE_ROW_FIELDS
};

struct objective {
	union {
		struct objective_row row;
		struct {
			OBJECTIVE_ROW_FIELDS
		};
	};
	struct key_result *krs;
	size_t nkrs;
	struct link *links;
	size_t nlinks;
	int has_retro;
	struct retro retro;
	/* computed by progress_rollup() */
	double progress;
	int achieved;
	size_t *children; /* indices into the rolled-up array (in the arena) */
	size_t nchildren;
	struct pace pace; /* computed by the app (core/pace.h) */
};

/* The level of an objective (R1): from its team and its cycle's kind. */
enum level objective_level(const struct objective_row *o);

/* Free what a retro filled by strlist_push owns (not one read into an arena). */
void retro_release(struct retro *r);

#endif
