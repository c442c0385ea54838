/*
 * ref.h: references to epics, issues and merge or pull requests (group/project#123, group&45,
 * group/project!12, owner/repo#123, Jira's PROJ-123, URLs).
 */
#ifndef OKRA_REF_H
#define OKRA_REF_H

#include "util/buf.h"
#include "util/err.h"

enum ref_kind { REF_ISSUE, REF_EPIC, REF_URL, REF_MR, REF_JIRA };

/*
 * Parse and canonicalise a ref into out (appended); the path of a short form is
 * kept in lower case (both forges ignore case in paths). Known issue and epic URLs
 * become their short form: https://gitlab.example/group/sub/project/-/issues/12
 * -> group/sub/project#12, .../groups/group/-/epics/45 -> group&45,
 * .../group/project/-/merge_requests/3 -> group/project!3,
 * https://github.com/owner/repo/issues/7 and .../pull/7 -> owner/repo#7 (GitHub
 * numbers pull requests with the issues); a project's
 * .../-/work_items/N is an issue and a group's /groups/G/-/work_items/N an epic.
 * A Jira issue is its key, PROJ-123 (REF_JIRA: a letter, then one or more
 * letters, digits or '_', '-', a number; kept in upper case, as Jira shows it),
 * and a Jira issue's address, https://SITE[/CONTEXT]/browse/PROJ-123, becomes
 * that key too.
 * A URL with a query or fragment, and any other http(s) URL, stays as given
 * (scheme lower-cased). Numbers lose leading zeros ("g/p#007" -> "g/p#7").
 * At most 500 bytes; no spaces, control or non-ASCII bytes; a URL has a host
 * and no user@. kind may be NULL. On error nothing is appended.
 * Returns 0, or OKRA_EINVAL with a message naming field.
 */
int ref_parse(const char *in, const char *field, struct buf *out, enum ref_kind *kind,
	      struct okra_err *err);

/*
 * The forge a ref as given names, for webhooks (R9): a github.com issue or pull
 * request URL is GitHub's, a GitLab issue, work item, epic or merge request URL
 * (…/-/issues/N, /groups/G/-/epics/N, …/-/merge_requests/N) GitLab's, and its host (lower case,
 * port kept) is appended to host (may be NULL). A short form, any other URL or a ref that does not
 * parse names no forge (REF_FORGE_NONE): "g/p#1" is both forges' notation.
 */
enum ref_forge { REF_FORGE_NONE, REF_FORGE_GITLAB, REF_FORGE_GITHUB, REF_FORGE_JIRA };
enum ref_forge ref_forge_of(const char *in, struct buf *host);
/*
 * Jira: a …/browse/KEY-N address is Jira's, and its "host" is the site's
 * address without the scheme: the host (lower case, port kept) and the
 * context path a self-hosted Jira may live under ("jira.example.com/jira").
 * A key typed as PROJ-123 names no host, but only Jira can name it:
 * ref_is_jira says so of a canonical ref.
 */
int ref_is_jira(const char *canon);

/*
 * Where a person opens the item of a canonical ref, appended to out; returns 1,
 * or 0 (nothing appended) when there is nowhere to link to. A URL is its own
 * address, as the person gave it. A short form links on the host it was first
 * given on (forge and host as forge_items keeps them, https) or else under
 * base (a configured forge's address; its forge is GitHub on github.com, else
 * the recorded one, else GitLab): group/project#12 is
 * BASE/group/project/-/issues/12 on GitLab and BASE/owner/repo/issues/12 on
 * GitHub, group&45 is BASE/groups/group/-/epics/45 and group/project!3
 * BASE/group/project/-/merge_requests/3 (GitLab only). A Jira key links to
 * https://HOST/browse/KEY (host as ref_forge_of gives it) or else
 * BASE/browse/KEY (base: the Jira site's address).
 */
int ref_url(const char *ref, enum ref_forge forge, const char *host, const char *base,
	    struct buf *out);

#endif
