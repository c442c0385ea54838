/* rights.c: R14, who writes which update — the one rule the CLI, the API and the pages ask. */
#include "app/app_int.h"

#include "core/calendar.h"
#include "app/updates.h"

/* Who may, in words: the end of every refusal. */
static void
who_may(struct buf *b, enum update_action what, const struct objective_row *o,
	const struct key_result *kr)
{
	const char *odri = o->dri_handle ? o->dri_handle : "its DRI";

	switch (what) {
	case UPDATE_CHECKIN:
		buf_addf(b, "a check-in on key result %lld is made by its DRI %s",
			 (long long)kr->id, kr->dri_handle ? kr->dri_handle : "");
		if (kr->dri != o->dri)
			buf_addf(b, " or the objective's DRI %s", odri);
		buf_adds(b, ", or by a leader or admin on their behalf");
		break;
	case UPDATE_STATUS:
		buf_addf(b,
			 "the weekly status of objective %lld is written by its DRI %s, or by a "
			 "leader or admin on their behalf",
			 (long long)o->id, odri);
		break;
	case UPDATE_RETRO:
		buf_addf(b,
			 "the retro of objective %lld is written by its DRI %s, a leader or an "
			 "admin",
			 (long long)o->id, odri);
		break;
	case UPDATE_CLOSE:
		buf_addf(b, "objective %lld is closed by its DRI %s, a leader or an admin",
			 (long long)o->id, odri);
		break;
	}
}

static int
refuse(struct app *a, enum update_action what, const struct objective_row *o,
       const struct key_result *kr, struct okra_err *err)
{
	struct buf b = BUF_INIT;
	char joined[11], from[11];
	int rc;

	if (!err)
		return OKRA_EFORBIDDEN;
	if (a->actor.id < 0) {
		buf_adds(&b, "sign in first: ");
	} else if (a->actor.role == ROLE_VIEWER) {
		buf_addf(&b, "%s is a viewer and viewers only read: ", a->actor.handle);
	} else if (cal_is_new_joiner(a->actor.joined_on, a->today)) {
		cal_format_date(a->actor.joined_on, joined);
		cal_format_date(cal_onboarding_ends(a->actor.joined_on), from);
		buf_addf(&b,
			 "%s joined on %s and writes updates from %s (new joiners take no part "
			 "in their first three months): ",
			 a->actor.handle, joined, from);
	} else {
		buf_addf(&b, "%s is not %s: ", a->actor.handle,
			 what == UPDATE_CHECKIN ? "this key result's DRI nor its objective's"
						: "this objective's DRI");
	}
	who_may(&b, what, o, kr);
	rc = okra_err_set(err, OKRA_EFORBIDDEN, "", "%s", b.buf);
	buf_release(&b);
	return rc;
}

int
app_may_update(struct app *a, enum update_action what, const struct objective_row *o,
	       const struct key_result *kr, int64_t *on_behalf_of, struct okra_err *err)
{
	const struct person *me = &a->actor;
	int64_t dri = what == UPDATE_CHECKIN ? kr->dri : o->dri;
	int own;

	if (on_behalf_of)
		*on_behalf_of = 0;
	if (me->id == 0) /* the system: integrations, and the first admin's bootstrap */
		return 0;
	if (me->id < 0 || me->role == ROLE_VIEWER || cal_is_new_joiner(me->joined_on, a->today))
		return refuse(a, what, o, kr, err);
	own = me->id == dri || me->id == o->dri;
	if (!own && me->role < ROLE_LEADER)
		return refuse(a, what, o, kr, err);
	/* Retro and close are the objective's, not an update made for someone. */
	if (on_behalf_of && me->id != dri && (what == UPDATE_CHECKIN || what == UPDATE_STATUS))
		*on_behalf_of = dri;
	return 0;
}

/* Who may edit p, in words: the end of an alignment refusal. */
static void
parent_editors(struct buf *b, const struct objective_row *p)
{
	if (!p->team) {
		buf_adds(b, "a leader or an admin");
		return;
	}
	buf_addf(b, "a member of team %s, its DRI %s, a leader or an admin",
		 p->team_slug ? p->team_slug : "?", p->dri_handle ? p->dri_handle : "");
}

/*
 * R14, alignment: a team aligns its objectives under company objectives freely, but o's
 * weight in p's roll-up is the decision of those who may edit p (without that right the
 * weight is 1: refused when another is given, set to 1 when none is), and aligning under
 * another team's objective needs the right to edit it (moved: o comes to p now; else only its
 * weight changes).
 */
int
app_may_align(struct app *a, const struct objective_row *o, const struct objective_row *p,
	      int moved, int given, double *weight, struct okra_err *err)
{
	struct okra_err why = {0};
	struct buf b = BUF_INIT;
	const char *field = "parent";
	int rc;

	if ((rc = app_may_edit_objective(a, p, &why)) == 0)
		return 0;
	if (rc != OKRA_EFORBIDDEN) {
		if (err)
			*err = why;
		return rc;
	}
	if (moved && p->team && p->team != o->team) {
		buf_addf(&b,
			 "%s may not edit objective %lld of team %s: an objective is aligned "
			 "under it by ",
			 a->actor.handle, (long long)p->id, p->team_slug ? p->team_slug : "?");
	} else if (!given || *weight == 1) {
		*weight = 1;
		return 0;
	} else {
		field = "weight";
		buf_addf(&b,
			 "%s may not edit objective %lld: an objective aligned under it weighs 1 "
			 "in its roll-up unless another weight is given by ",
			 a->actor.handle, (long long)p->id);
	}
	parent_editors(&b, p);
	rc = okra_err_set(err, OKRA_EFORBIDDEN, field, "%s", b.buf);
	buf_release(&b);
	return rc;
}
