/* reads.c: the reads the interfaces need besides the tree, so they never reach past this layer. */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "core/progress.h"
#include "core/ref.h"
#include "store/store.h"
#include "app/reads.h"
#include "app/settings.h"

int
app_is_empty(struct app *a, int *empty, struct okra_err *err)
{
	return store_is_empty(a->db, empty, err);
}

int
app_people(struct app *a, struct arena *ar, struct person **v, size_t *n, struct okra_err *err)
{
	return store_person_list(a->db, ar, v, n, err);
}

int
app_person(struct app *a, struct arena *ar, const char *handle, struct person *out,
	   struct okra_err *err)
{
	return store_person_by_handle(a->db, ar, handle, out, err);
}

int
app_teams(struct app *a, struct arena *ar, struct team **v, size_t *n, struct okra_err *err)
{
	return store_team_list(a->db, ar, v, n, err);
}

int
app_team(struct app *a, struct arena *ar, const char *slug, struct team *out, struct okra_err *err)
{
	return store_team_by_slug(a->db, ar, slug, out, err);
}

int
app_team_members(struct app *a, int64_t team, struct strlist *handles, struct okra_err *err)
{
	return store_team_members(a->db, team, handles, err);
}

int
app_memberships(struct app *a, int64_t **teams, struct strlist *handles, struct okra_err *err)
{
	return store_memberships(a->db, teams, handles, err);
}

int
app_cycles(struct app *a, struct arena *ar, struct cycle **v, size_t *n, struct okra_err *err)
{
	return store_cycle_list(a->db, ar, v, n, err);
}

int
app_kr(struct app *a, struct arena *ar, int64_t id, struct key_result *out,
       struct checkin **history, size_t *n, struct okra_err *err)
{
	int rc;

	*history = NULL;
	*n = 0;
	if ((rc = store_kr_load(a->db, ar, id, out, err)) < 0)
		return rc;
	if ((rc = store_checkins_of_kr(a->db, ar, id, history, n, err)) < 0)
		return rc;
	progress_kr(out);
	if ((rc = app_kr_pace(a, out, *history, *n, err)) < 0) {
		*history = NULL;
		*n = 0;
	}
	return rc;
}

int
app_kr_row(struct app *a, struct arena *ar, int64_t id, struct key_result *out,
	   struct okra_err *err)
{
	int rc;

	if ((rc = store_kr_load(a->db, ar, id, out, err)) < 0)
		return rc;
	progress_kr(out);
	return 0;
}

int
app_status_history(struct app *a, struct arena *ar, int64_t objective, struct status_update **v,
		   size_t *n, struct okra_err *err)
{
	return store_status_of_objective(a->db, ar, objective, v, n, err);
}

int
app_counts(struct app *a, int64_t objectives[3], int64_t *key_results, struct okra_err *err)
{
	return store_counts(a->db, objectives, key_results, err);
}

int
app_revision(struct app *a, int64_t *rev, struct okra_err *err)
{
	/* Read by app_refresh for this request, when nothing was written since. */
	if (a->rev_known && !a->tx_depth) {
		*rev = a->rev;
		return 0;
	}
	return store_revision(a->db, rev, err);
}

int
app_objective_checkins(struct app *a, struct arena *ar, int64_t objective, struct checkin **v,
		       size_t *n, struct okra_err *err)
{
	return store_checkins_of_objective(a->db, ar, objective, v, n, err);
}

int
app_ref_url(struct app *a, const char *ref, const char *base, struct buf *out)
{
	struct arena ar = ARENA_INIT;
	struct forge_item fi = {0};
	enum ref_forge forge = REF_FORGE_NONE;
	struct buf site = BUF_INIT;
	int rc;

	/* Unknown to the store (or the store not answering): the configured forge decides. */
	if (store_forge_item_get(a->db, &ar, ref, &fi, NULL) < 0)
		fi = (struct forge_item){0};
	if (fi.forge)
		forge = !strcmp(fi.forge, "github") ? REF_FORGE_GITHUB
			: !strcmp(fi.forge, "jira") ? REF_FORGE_JIRA
						    : REF_FORGE_GITLAB;
	/* A Jira key typed alone lives on the Jira site, whatever forge_url says. */
	if (ref_is_jira(ref) && !fi.host && app_setting_text(a, "jira_api_url", &site, NULL) == 0)
		base = site.buf ? site.buf : "";
	rc = ref_url(ref, forge, fi.host, base, out);
	buf_release(&site);
	arena_release(&ar);
	return rc;
}

int
app_objective_checkins_daily(struct app *a, struct arena *ar, int64_t objective, struct checkin **v,
			     size_t *n, struct okra_err *err)
{
	return store_checkins_daily(a->db, ar, objective, v, n, err);
}

int
app_objective_checkins_latest(struct app *a, struct arena *ar, int64_t objective, int limit,
			      struct checkin **v, size_t *n, struct okra_err *err)
{
	return store_checkins_latest(a->db, ar, objective, limit < 1 ? 1 : limit, v, n, err);
}
