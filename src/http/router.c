/* router.c: the route table — every URL okra answers, its method and who may call it. */
#include "http/http_int.h"

#include <string.h>

#include "core/validate.h"
#include "util/xalloc.h"

/*
 * One table, read top to bottom. PUBLIC routes answer anyone; HOOK routes too
 * (the forges' webhooks check their own secrets); everything else needs a
 * session or a token, and the app layer checks the role of what is asked.
 */
const struct route routes[] = {
	{"GET", "/healthz", h_healthz, PUBLIC},
	{"GET", "/readyz", h_readyz, PUBLIC},
	{"GET", "/metrics", h_metrics, SIGNED_IN},
	{"GET", "/openapi.json", h_openapi, PUBLIC},
	{"GET", "/login", h_login_page, PUBLIC},
	{"POST", "/login", h_login_post, PUBLIC},
	{"POST", "/logout", h_logout_post, SIGNED_IN},
	{"GET", "/static/{name}", h_static, PUBLIC},

	/* Pages: signed out, a browser is sent to /login instead of a 401. */
	{"GET", "/", h_home, PAGE},
	{"GET", "/cycles/{name}", h_page_cycle, PAGE},
	{"GET", "/teams/{slug}", h_page_team, PAGE},
	{"GET", "/objectives/{id}", h_page_objective, PAGE},
	{"POST", "/objectives/{id}/status", h_page_status, PAGE},
	{"POST", "/objectives/{id}/retro", h_page_retro, PAGE},
	{"POST", "/objectives/{id}/close", h_page_close, PAGE},
	{"POST", "/key-results/{id}/checkin", h_page_kr_checkin, PAGE},
	{"GET", "/checkin", h_page_checkin, PAGE},
	{"POST", "/checkin", h_page_checkin_post, PAGE},
	{"GET", "/people/{handle}", h_page_person, PAGE},

	{"GET", "/api/v1/session", h_session_get, SIGNED_IN},
	{"POST", "/api/v1/session", h_session_post, PUBLIC},
	{"DELETE", "/api/v1/session", h_session_delete, SIGNED_IN},
	{"GET", "/api/v1/tokens", h_tokens_list, SIGNED_IN},
	{"POST", "/api/v1/tokens", h_tokens_post, SIGNED_IN},
	{"DELETE", "/api/v1/tokens/{id}", h_token_delete, SIGNED_IN},

	{"GET", "/api/v1/people", h_people_list, SIGNED_IN},
	{"POST", "/api/v1/people", h_people_post, SIGNED_IN},
	{"GET", "/api/v1/people/{handle}", h_person_get, SIGNED_IN},
	{"PUT", "/api/v1/people/{handle}/password", h_person_password, SIGNED_IN},
	{"GET", "/api/v1/teams", h_teams_list, SIGNED_IN},
	{"POST", "/api/v1/teams", h_teams_post, SIGNED_IN},
	{"GET", "/api/v1/teams/{slug}", h_team_get, SIGNED_IN},
	{"POST", "/api/v1/teams/{slug}/members", h_team_members_post, SIGNED_IN},
	{"GET", "/api/v1/settings", h_settings_get, SIGNED_IN},
	{"PUT", "/api/v1/settings/{name}", h_setting_put, SIGNED_IN},
	{"GET", "/api/v1/cycles", h_cycles_list, SIGNED_IN},
	{"POST", "/api/v1/cycles", h_cycles_post, SIGNED_IN},
	{"POST", "/api/v1/cycles/years", h_cycle_year_post, SIGNED_IN},
	{"GET", "/api/v1/cycles/{name}", h_cycle_get, SIGNED_IN},

	{"GET", "/api/v1/objectives", h_objectives_list, SIGNED_IN},
	{"POST", "/api/v1/objectives", h_objectives_post, SIGNED_IN},
	{"GET", "/api/v1/objectives/{id}", h_objective_get, SIGNED_IN},
	{"PATCH", "/api/v1/objectives/{id}", h_objective_patch, SIGNED_IN},
	{"GET", "/api/v1/objectives/{id}/status", h_objective_status_get, SIGNED_IN},
	{"POST", "/api/v1/objectives/{id}/status", h_objective_status_post, SIGNED_IN},
	{"POST", "/api/v1/objectives/{id}/retro", h_objective_retro_post, SIGNED_IN},
	{"POST", "/api/v1/objectives/{id}/close", h_objective_close, SIGNED_IN},
	{"POST", "/api/v1/objectives/{id}/links", h_objective_links_post, SIGNED_IN},
	{"POST", "/api/v1/key-results", h_krs_post, SIGNED_IN},
	{"GET", "/api/v1/key-results/{id}", h_kr_get, SIGNED_IN},
	{"PATCH", "/api/v1/key-results/{id}", h_kr_patch, SIGNED_IN},
	{"GET", "/api/v1/key-results/{id}/checkins", h_kr_checkins_get, SIGNED_IN},
	{"POST", "/api/v1/key-results/{id}/checkins", h_kr_checkins_post, SIGNED_IN},
	{"POST", "/api/v1/criteria", h_criteria_post, SIGNED_IN},
	{"POST", "/api/v1/criteria/close", h_criteria_close, SIGNED_IN},
	{"POST", "/api/v1/criteria/reopen", h_criteria_reopen, SIGNED_IN},
	{"POST", "/api/v1/initiatives", h_initiatives_post, SIGNED_IN},

	{"GET", "/api/v1/tree", h_tree, SIGNED_IN},
	{"GET", "/api/v1/due", h_due, SIGNED_IN},
	{"GET", "/api/v1/report/weekly", h_report_weekly, SIGNED_IN},
	{"GET", "/api/v1/lint", h_lint, SIGNED_IN},
	{"GET", "/api/v1/audit", h_audit, SIGNED_IN},

	/* Webhooks from the forges: HOOK routes check their own secret (api_hooks.c). */
	{"POST", "/hooks/gitlab", h_hook_gitlab, HOOK},
	{"POST", "/hooks/github", h_hook_github, HOOK},
};
const int nroutes = (int)(sizeof(routes) / sizeof(routes[0]));

/*
 * Match pattern against path segment by segment; {x} takes one non-empty
 * segment. Captured segments are copied into buf (NUL-separated) and their
 * starts put in params. Returns 1 on a match.
 */
static int
match(const char *pattern, const char *path, const char **params, char *buf)
{
	int np = 0;

	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++;
		path++;
		if (*pattern == '{') {
			size_t len = strcspn(path, "/");

			if (!len || np >= MAX_PARAMS)
				return 0;
			if (buf) {
				memcpy(buf, path, len);
				buf[len] = '\0';
				params[np] = buf;
				buf += len + 1;
			}
			np++;
			path += len;
			pattern = strchr(pattern, '}') + 1;
		} else {
			size_t plen = strcspn(pattern, "/"), len = strcspn(path, "/");

			if (plen != len || strncmp(pattern, path, len))
				return 0;
			pattern += plen;
			path += len;
		}
	}
	return !*pattern && !*path;
}

int
router_match(struct request *r, const char *method, const char *path)
{
	int path_seen = 0;
	int head = !strcmp(method, "HEAD");

	/*
	 * The path arrives percent-decoded: bytes that are not UTF-8 (or control
	 * characters) name nothing okra stores, so no route matches them; they
	 * never reach a lookup (PostgreSQL would refuse such text outright).
	 */
	if (strlen(path) > 2048 || validate_text("path", path, 2048, NULL) < 0)
		return -1;
	for (int i = 0; i < nroutes; i++) {
		if (!match(routes[i].pattern, path, NULL, NULL))
			continue;
		path_seen = 1;
		if (strcmp(routes[i].method, method) && !(head && !strcmp(routes[i].method, "GET")))
			continue;
		free(r->param_buf);
		r->param_buf = xmalloc(strlen(path) + 1);
		match(routes[i].pattern, path, r->params, r->param_buf);
		return i;
	}
	return path_seen ? -2 : -1;
}

void
router_allowed(const char *path, struct buf *out)
{
	for (int i = 0; i < nroutes; i++) {
		if (!match(routes[i].pattern, path, NULL, NULL))
			continue;
		if (out->len)
			buf_adds(out, ", ");
		buf_adds(out, routes[i].method);
		if (!strcmp(routes[i].method, "GET"))
			buf_adds(out, ", HEAD");
	}
}
