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
