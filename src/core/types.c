/* types.c: names of okra's enums in text, string lists, and freeing what domain structs own. */
#include "core/types.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/*
 * One table per enum, indexed by value, so a name and its parse can never
 * disagree. The names are what the CLI, JSON and SQL use: never rename one.
 */
static const char *const role_names[] = {"viewer", "member", "leader", "admin"};
static const char *const health_names[] = {"none", "on_track", "needs_attention", "at_risk"};
static const char *const state_names[] = {"draft", "active", "closed"};
static const char *const kr_kind_names[] = {"metric", "criteria"};
static const char *const cycle_kind_names[] = {"year", "quarter"};
static const char *const item_state_names[] = {"open", "closed"};
static const char *const source_names[] = {"manual", "integration"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *
name_of(const char *const *names, size_t n, int v)
{
	if (v < 0 || (size_t)v >= n)
		return "unknown";
	return names[v];
}

/* Exact, case-sensitive match: stored and API values have one spelling. */
static int
parse_of(const char *const *names, size_t n, size_t first, const char *s)
{
	size_t i;

	if (!s)
		return -1;
	for (i = first; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

const char *
role_name(enum role r)
{
	return name_of(role_names, NELEM(role_names), (int)r);
}

int
role_parse(const char *s)
{
	return parse_of(role_names, NELEM(role_names), 0, s);
}

const char *
health_name(enum health h)
{
	return name_of(health_names, NELEM(health_names), (int)h);
}

/* R12: "none" is how okra shows "nobody has said yet", not a health one can set. */
int
health_parse(const char *s)
{
	return parse_of(health_names, NELEM(health_names), HEALTH_ON_TRACK, s);
}

const char *
state_name(enum obj_state s)
{
	return name_of(state_names, NELEM(state_names), (int)s);
}

int
state_parse(const char *s)
{
	return parse_of(state_names, NELEM(state_names), 0, s);
}

const char *
kr_kind_name(enum kr_kind k)
{
	return name_of(kr_kind_names, NELEM(kr_kind_names), (int)k);
}

int
kr_kind_parse(const char *s)
{
	return parse_of(kr_kind_names, NELEM(kr_kind_names), 0, s);
}

const char *
cycle_kind_name(enum cycle_kind k)
{
	return name_of(cycle_kind_names, NELEM(cycle_kind_names), (int)k);
}

int
cycle_kind_parse(const char *s)
{
	return parse_of(cycle_kind_names, NELEM(cycle_kind_names), 0, s);
}

const char *
item_state_name(enum item_state s)
{
	return name_of(item_state_names, NELEM(item_state_names), (int)s);
}

int
item_state_parse(const char *s)
{
	return parse_of(item_state_names, NELEM(item_state_names), 0, s);
}

const char *
source_name(enum source s)
{
	return name_of(source_names, NELEM(source_names), (int)s);
}

int
source_parse(const char *s)
{
	return parse_of(source_names, NELEM(source_names), 0, s);
}

const char *
level_name(enum level l)
{
	switch (l) {
	case LEVEL_WORKSTREAM_QUARTERLY:
		return "workstream quarterly";
	case LEVEL_COMPANY_QUARTERLY:
		return "company quarterly";
	case LEVEL_COMPANY_ANNUAL:
		return "company annual";
	}
	return "unknown";
}

void
strlist_push(struct strlist *l, const char *s)
{
	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = xstrdup(s);
}

void
strlist_release(struct strlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->alloc = 0;
}

void
strlist_push_arena(struct arena *ar, struct strlist *l, const char *s)
{
	ARENA_GROW(ar, l->v, l->n + 1, l->alloc);
	l->v[l->n++] = arena_strdup(ar, s);
}

/* R1: a team's objective is a workstream one; a company one takes its cycle's kind. */
enum level
objective_level(const struct objective_row *o)
{
	if (o->team != 0)
		return LEVEL_WORKSTREAM_QUARTERLY;
	return o->cycle_kind == CYCLE_YEAR ? LEVEL_COMPANY_ANNUAL : LEVEL_COMPANY_QUARTERLY;
}

/* Releasing twice, or a retro zeroed and never filled, is harmless. */
void
retro_release(struct retro *r)
{
	strlist_release(&r->good);
	strlist_release(&r->bad);
	strlist_release(&r->try);
	r->final_at = 0;
}
