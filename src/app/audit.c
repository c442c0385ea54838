/* audit.c: reading the audit trail: the filters as typed turned into a query, and the rows. */
#include "app/app_int.h"

#include <string.h>

#include "core/validate.h"
#include "store/store.h"
#include "app/reads.h"

/* The entities the use cases write audit rows for. */
const char *const app_audit_entities[] = {
	"person",  "team",   "cycle", "objective", "key_result", "criterion", "initiative", "link",
	"checkin", "status", "retro", "comment",   "ref",        "setting",   "api_token",  NULL};

static int
given(const char *s)
{
	return s && *s;
}

/* A person's, team's or cycle's id from its handle, slug or name. */
static int
entity_by_name(struct app *a, struct arena *ar, const char *entity, const char *name, int64_t *id,
	       struct okra_err *err)
{
	struct person p = {0};
	struct team t = {0};
	struct cycle c = {0};
	int rc;

	if (!strcmp(entity, "person"))
		rc = store_person_by_handle(a->db, ar, name, &p, err);
	else if (!strcmp(entity, "team"))
		rc = store_team_by_slug(a->db, ar, name, &t, err);
	else if (!strcmp(entity, "cycle"))
		rc = store_cycle_by_name(a->db, ar, name, &c, err);
	else
		return okra_err_set(err, OKRA_EINVAL, "id",
				    "id is a number (a name only for a person, team or cycle)");
	if (rc == OKRA_ENOTFOUND)
		return okra_err_set(err, OKRA_EINVAL, "id", "there is no %s %s", entity, name);
	*id = p.id ? p.id : t.id ? t.id : c.id;
	return rc;
}

static int
entity_of(struct app *a, struct arena *ar, const struct audit_typed *t, struct audit_query *q,
	  struct okra_err *err)
{
	int known = 0;

	for (size_t i = 0; given(t->entity) && app_audit_entities[i]; i++)
		known |= !strcmp(t->entity, app_audit_entities[i]);
	if (given(t->entity) && !known)
		return okra_err_set(err, OKRA_EINVAL, "entity", "entity is not one okra records");
	q->entity = given(t->entity) ? t->entity : NULL;
	if (!given(t->id))
		return 0;
	if (t->id[0] >= '0' && t->id[0] <= '9')
		return validate_id("id", t->id, &q->entity_id, err);
	if (!q->entity)
		return okra_err_set(err, OKRA_EINVAL, "id",
				    "a name needs the kind of thing it names");
	return entity_by_name(a, ar, q->entity, t->id, &q->entity_id, err);
}

/* from and to, days included, as [since, until) in UTC seconds. */
static int
dates_of(const struct audit_typed *t, struct audit_query *q, struct okra_err *err)
{
	int32_t from = 0, to = 0;
	int rc;

	if (given(t->from)) {
		if ((rc = validate_date("from", t->from, &from, err)) < 0)
			return rc;
		q->since = (int64_t)from * 86400;
	}
	if (given(t->to)) {
		if ((rc = validate_date("to", t->to, &to, err)) < 0)
			return rc;
		q->until = ((int64_t)to + 1) * 86400;
	}
	if (given(t->from) && given(t->to) && to < from)
		return okra_err_set(err, OKRA_EINVAL, "to", "to is before from");
	return 0;
}

int
app_audit_query(struct app *a, struct arena *ar, const struct audit_typed *t, struct audit_query *q,
		struct okra_err *err)
{
	struct person p;
	int rc;

	memset(q, 0, sizeof(*q));
	if ((rc = app_may_plan(a, "read the audit trail", err)) < 0 ||
	    (rc = entity_of(a, ar, t, q, err)) < 0 || (rc = dates_of(t, q, err)) < 0)
		return rc;
	if (given(t->objective) &&
	    (rc = validate_id("objective", t->objective, &q->objective, err)) < 0)
		return rc;
	if (given(t->actor)) {
		rc = store_person_by_handle(a->db, ar, t->actor, &p, err);
		if (rc == OKRA_ENOTFOUND)
			return okra_err_set(err, OKRA_EINVAL, "actor", "there is no person %s",
					    t->actor);
		if (rc < 0)
			return rc;
		q->actor = t->actor;
	}
	return 0;
}

int
app_audit_list(struct app *a, const struct audit_query *q, struct audit_row **v, size_t *n,
	       struct okra_err *err)
{
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = app_may_plan(a, "read the audit trail", err)) < 0)
		return rc;
	return store_audit_list(a->db, q, v, n, err);
}
