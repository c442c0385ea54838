/* test_core_ref.c: parsing and canonicalising epic, issue and URL refs (R5, R7, R9). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "core/ref.h"

static void
ok(const char *in, const char *want, enum ref_kind want_kind)
{
	struct buf b = BUF_INIT;
	struct okra_err err = {0};
	enum ref_kind kind = (enum ref_kind) - 1;

	if (ref_parse(in, "ref", &b, &kind, &err) != 0)
		fail_msg("refused \"%s\": %s", in, err.msg);
	assert_string_equal(b.buf, want);
	assert_int_equal(kind, want_kind);
	buf_release(&b);
}

static void
refused(const char *in)
{
	struct buf b = BUF_INIT;
	struct okra_err err = {0};
	enum ref_kind kind;

	if (ref_parse(in, "ref", &b, &kind, &err) != OKRA_EINVAL)
		fail_msg("accepted \"%s\" as \"%s\"", in ? in : "(null)", b.buf);
	assert_int_equal(err.code, OKRA_EINVAL);
	assert_string_equal(err.field, "ref");
	/* the message lists the accepted forms, so a person knows what to type */
	assert_non_null(strstr(err.msg, "group/project#123"));
	assert_non_null(strstr(err.msg, "group&45"));
	assert_non_null(strstr(err.msg, "http(s) URL"));
	assert_int_equal(b.len, 0); /* nothing half-written */
	buf_release(&b);
}

static void
test_r7_short_issue_refs(void **state)
{
	(void)state;
	ok("gitlab-org/platform#101", "gitlab-org/platform#101", REF_ISSUE);
	ok("group/sub/project#123", "group/sub/project#123", REF_ISSUE);
	ok("owner/repo.js#7", "owner/repo.js#7", REF_ISSUE);
	ok("My_Org/my-repo#0042", "my_org/my-repo#42",
	   REF_ISSUE); /* zeros dropped, path lower case */
	ok("https://gitlab.com/Group/Project/-/issues/7", "group/project#7", REF_ISSUE);
}

static void
test_r7_short_epic_refs(void **state)
{
	(void)state;
	ok("group&45", "group&45", REF_EPIC);
	ok("gitlab-org/platform&7", "gitlab-org/platform&7", REF_EPIC);
}

static void
test_r7_gitlab_issue_url_canonicalised(void **state)
{
	(void)state;
	ok("https://gitlab.example/group/sub/project/-/issues/12", "group/sub/project#12",
	   REF_ISSUE);
	ok("https://gitlab.com/gitlab-org/gitlab/-/issues/1/", "gitlab-org/gitlab#1", REF_ISSUE);
	ok("http://gitlab.local:8080/a/b/-/work_items/9", "a/b#9", REF_ISSUE);
	ok("HTTPS://gitlab.com/g/p/-/issues/3", "g/p#3", REF_ISSUE);
}

static void
test_r7_gitlab_epic_url_canonicalised(void **state)
{
	(void)state;
	ok("https://gitlab.com/groups/gitlab-org/-/epics/45", "gitlab-org&45", REF_EPIC);
	ok("https://gitlab.com/groups/g/sub/-/epics/8", "g/sub&8", REF_EPIC);
	ok("https://gitlab.com/groups/g/-/work_items/8", "g&8", REF_EPIC);
}

static void
test_r7_github_issue_url_canonicalised(void **state)
{
	(void)state;
	ok("https://github.com/owner/repo/issues/7", "owner/repo#7", REF_ISSUE);
	ok("https://www.github.com/owner/repo/issues/7", "owner/repo#7", REF_ISSUE);
	/* a pull request is numbered with the issues (issue 21 item 6): owner/repo#7 names it */
	ok("https://github.com/owner/repo/pull/7", "owner/repo#7", REF_ISSUE);
	ok("https://github.com/owner/repo/pull/7/files",
	   "https://github.com/owner/repo/pull/7/files", REF_URL);
	/* a comment anchor or query is kept as a URL rather than silently dropped */
	ok("https://github.com/owner/repo/issues/7#issuecomment-1",
	   "https://github.com/owner/repo/issues/7#issuecomment-1", REF_URL);
}

static void
test_r7_other_urls_kept(void **state)
{
	(void)state;
	ok("https://example.com/roadmap?q=1&x=%20y", "https://example.com/roadmap?q=1&x=%20y",
	   REF_URL);
	ok("https://example.com", "https://example.com", REF_URL);
	ok("HTTP://Example.com/A", "http://Example.com/A", REF_URL);
	ok("https://gitlab.com/g/-/issues/5", "https://gitlab.com/g/-/issues/5", REF_URL);
}

static void
test_r7_refs_refused(void **state)
{
	char longref[600];

	(void)state;
	refused(NULL);
	refused("");
	refused("group project#1");
	refused(" group/project#1");
	refused("group/project#1 ");
	refused("javascript:alert(1)");
	refused("javascript:alert(1)#1");
	refused("ftp://example.com/x");
	refused("project#1"); /* an issue needs group/project */
	refused("group/project#");
	refused("group/project#0");
	refused("group/project#-1");
	refused("group/project#+1");
	refused("group/project#1a");
	refused("group/project#1#2");
	refused("group&4&5");
	refused("group//project#1");
	refused("/group/project#1");
	refused("group/../project#1");
	refused("group/project");
	refused("gröup/project#1");
	refused("group/project#1234567890123456"); /* absurd number */
	refused("https://");
	refused("https:///path");
	refused("https://user@evil.example/x");
	refused("https://example.com/<script>");
	refused("https://example.com/a\"b");
	refused("https://example.com:99999/");
	refused("https://exa mple.com/");
	memset(longref, 'a', sizeof(longref));
	memcpy(longref, "g/p#", 4);
	memcpy(longref + 500, "#1", 3);
	refused(longref);
}

static void
test_r7_ref_at_max_length_accepted(void **state)
{
	char r[501];
	struct buf b = BUF_INIT;

	(void)state;
	memset(r, 'a', 500);
	r[1] = '/';
	memcpy(r + 497, "#12", 3);
	r[500] = '\0';
	assert_int_equal(ref_parse(r, "ref", &b, NULL, NULL), 0);
	assert_int_equal(b.len, 500);
	buf_release(&b);
}

static void
test_r7_ref_appends_to_buffer(void **state)
{
	struct buf b = BUF_INIT;
	enum ref_kind kind;

	(void)state;
	buf_adds(&b, "ref: ");
	assert_int_equal(ref_parse("g&1", "ref", &b, &kind, NULL), 0);
	assert_string_equal(b.buf, "ref: g&1");
	buf_release(&b);
}

/* Webhooks: which forge (and host) a ref as given names; short forms name none. */
static void
forge_is(const char *in, enum ref_forge want, const char *want_host)
{
	struct buf host = BUF_INIT;
	enum ref_forge f = ref_forge_of(in, &host);

	if (f != want || strcmp(host.len ? host.buf : "", want_host))
		fail_msg("\"%s\": forge %d host \"%s\", expected %d \"%s\"", in, (int)f,
			 host.len ? host.buf : "", (int)want, want_host);
	buf_release(&host);
}

static void
test_r9_forge_of_a_ref(void **state)
{
	(void)state;
	forge_is("https://github.com/Owner/Repo/issues/7", REF_FORGE_GITHUB, "github.com");
	forge_is("https://WWW.GitHub.com/o/r/issues/7", REF_FORGE_GITHUB, "github.com");
	forge_is("https://GitLab.Example.com:8443/g/p/-/issues/3", REF_FORGE_GITLAB,
		 "gitlab.example.com:8443");
	forge_is("https://gitlab.example.com/groups/g/-/epics/4", REF_FORGE_GITLAB,
		 "gitlab.example.com");
	forge_is("https://gitlab.example.com/g/p/-/work_items/5", REF_FORGE_GITLAB,
		 "gitlab.example.com");
	forge_is("owner/repo#1", REF_FORGE_NONE, "");
	forge_is("group&7", REF_FORGE_NONE, "");
	forge_is("http://example.com/diaspora/issues/23", REF_FORGE_NONE, "");
	forge_is("https://github.com/o/r/pull/2", REF_FORGE_GITHUB, "github.com");
	forge_is("https://gitlab.example.com/g/p/-/merge_requests/2", REF_FORGE_GITLAB,
		 "gitlab.example.com");
	forge_is("g/p!2", REF_FORGE_NONE, "");
	forge_is("not a ref", REF_FORGE_NONE, "");
	forge_is(NULL, REF_FORGE_NONE, "");
}

static void
expect_url(const char *ref, enum ref_forge forge, const char *host, const char *base,
	   const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(ref_url(ref, forge, host, base, &b), want != NULL);
	assert_string_equal(b.buf ? b.buf : "", want ? want : "");
	buf_release(&b);
}

/* Where a page links an epic or issue: the URL given, its recorded host, else the forge_url. */
static void
test_ref_url_links_to_the_forge(void **state)
{
	(void)state;
	expect_url("https://docs.example.com/plan?q=1", REF_FORGE_NONE, NULL, "",
		   "https://docs.example.com/plan?q=1");
	expect_url("g/p#12", REF_FORGE_NONE, NULL, "", NULL);
	expect_url("g/p#12", REF_FORGE_NONE, NULL, NULL, NULL);
	expect_url("g/sub/p#12", REF_FORGE_NONE, NULL, "https://gl.example/",
		   "https://gl.example/g/sub/p/-/issues/12");
	expect_url("g&45", REF_FORGE_NONE, NULL, "https://gl.example",
		   "https://gl.example/groups/g/-/epics/45");
	expect_url("o/r#5", REF_FORGE_NONE, NULL, "https://github.com",
		   "https://github.com/o/r/issues/5");
	expect_url("o&5", REF_FORGE_NONE, NULL, "https://github.com", NULL);
	expect_url("o/r#5", REF_FORGE_GITHUB, "github.com", "https://gl.example",
		   "https://github.com/o/r/issues/5");
	expect_url("g/p#7", REF_FORGE_GITLAB, "git.corp:8443", "",
		   "https://git.corp:8443/g/p/-/issues/7");
	expect_url("", REF_FORGE_NONE, NULL, "https://gl.example", NULL);
	expect_url("g/p!3", REF_FORGE_NONE, NULL, "https://gl.example",
		   "https://gl.example/g/p/-/merge_requests/3");
	expect_url("g/p!3", REF_FORGE_GITLAB, "git.corp", "",
		   "https://git.corp/g/p/-/merge_requests/3");
	expect_url("g/p!3", REF_FORGE_NONE, NULL, "https://github.com", NULL);
}

/* Merge requests (issue 21 item 6): group/project!N, from the short form or the URL. */
static void
test_merge_request_refs(void **state)
{
	(void)state;
	ok("Group/Sub/Project!12", "group/sub/project!12", REF_MR);
	ok("g/p!007", "g/p!7", REF_MR);
	ok("https://gitlab.example.com/g/sub/p/-/merge_requests/12", "g/sub/p!12", REF_MR);
	ok("https://gitlab.example.com/g/p/-/merge_requests/12/diffs",
	   "https://gitlab.example.com/g/p/-/merge_requests/12/diffs", REF_URL);
	refused("project!1");
	refused("g/p!0");
	refused("g/p!");
	refused("g/p!1!2");
	refused("g/p#1!2");
	refused("g/p!1&2");
}

/* Jira (issue 21 item 8): PROJ-123 and …/browse/PROJ-123, on Jira Cloud or a self-hosted site. */
static void
test_jira_refs(void **state)
{
	char longkey[300];

	(void)state;
	ok("PROJ-123", "PROJ-123", REF_JIRA);
	ok("proj-0123", "PROJ-123", REF_JIRA); /* upper case, as Jira shows keys; zeros dropped */
	ok("AB_2-7", "AB_2-7", REF_JIRA);
	ok("https://acme.atlassian.net/browse/PROJ-123", "PROJ-123", REF_JIRA);
	ok("HTTPS://Acme.Atlassian.net/browse/proj-123/", "PROJ-123", REF_JIRA);
	ok("https://jira.example.com:8443/jira/browse/KEY-9", "KEY-9", REF_JIRA);
	ok("http://jira.local/a/b/browse/K2-1", "K2-1", REF_JIRA);
	/* a query or anything after the key stays a URL */
	ok("https://acme.atlassian.net/browse/PROJ-1?focusedCommentId=2",
	   "https://acme.atlassian.net/browse/PROJ-1?focusedCommentId=2", REF_URL);
	ok("https://acme.atlassian.net/browse/PROJ-1/x",
	   "https://acme.atlassian.net/browse/PROJ-1/x", REF_URL);
	ok("https://acme.atlassian.net/browse/PROJ", "https://acme.atlassian.net/browse/PROJ",
	   REF_URL);
	ok("https://acme.atlassian.net/xbrowse/PROJ-1", "https://acme.atlassian.net/xbrowse/PROJ-1",
	   REF_URL);
	ok("https://acme.atlassian.net/../browse/PROJ-1",
	   "https://acme.atlassian.net/../browse/PROJ-1", REF_URL);
	/* hostile and malformed keys */
	refused("P-1");   /* a project key has two characters or more */
	refused("1AB-1"); /* and starts with a letter */
	refused("_AB-1");
	refused("AB-0");
	refused("AB-");
	refused("AB--1");
	refused("AB-1-2");
	refused("AB-1a");
	refused("AB-+1");
	refused("A.B-1");
	refused("AB-1 ");
	refused("AB -1");
	refused("ÄB-1");
	refused("AB-1234567890123456");
	refused("AB-\n1");
	memset(longkey, 'A', sizeof(longkey));
	memcpy(longkey + 256, "-1", 3);
	refused(longkey); /* a key over 255 characters */
	longkey[255] = '-', longkey[256] = '1', longkey[257] = '\0';
	ok(longkey, longkey, REF_JIRA);
	/* a canonical key is a fixed point; ref_is_jira knows only canonical keys */
	assert_true(ref_is_jira("PROJ-123"));
	assert_false(ref_is_jira("proj-123"));
	assert_false(ref_is_jira("PROJ-0123"));
	assert_false(ref_is_jira("g/p#1"));
	assert_false(ref_is_jira("https://acme.atlassian.net/browse/PROJ-1"));
	assert_false(ref_is_jira(""));
	assert_false(ref_is_jira(NULL));
	/* Jira's addresses name Jira and the site (host and context path) */
	forge_is("https://Acme.Atlassian.NET/browse/PROJ-1", REF_FORGE_JIRA, "acme.atlassian.net");
	forge_is("https://Jira.Example.com:8443/Jira/browse/KEY-9", REF_FORGE_JIRA,
		 "jira.example.com:8443/Jira");
	forge_is("PROJ-1", REF_FORGE_NONE, "");
	forge_is("https://acme.atlassian.net/browse/PROJ-1?x=1", REF_FORGE_NONE, "");
	/* and link there; a key typed alone links under the Jira site's address */
	expect_url("PROJ-1", REF_FORGE_JIRA, "acme.atlassian.net", "",
		   "https://acme.atlassian.net/browse/PROJ-1");
	expect_url("KEY-9", REF_FORGE_JIRA, "jira.example.com/jira", NULL,
		   "https://jira.example.com/jira/browse/KEY-9");
	expect_url("PROJ-1", REF_FORGE_NONE, NULL, "https://acme.atlassian.net/",
		   "https://acme.atlassian.net/browse/PROJ-1");
	expect_url("PROJ-1", REF_FORGE_NONE, NULL, "", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_r7_short_issue_refs),
		cmocka_unit_test(test_r7_short_epic_refs),
		cmocka_unit_test(test_r7_gitlab_issue_url_canonicalised),
		cmocka_unit_test(test_r7_gitlab_epic_url_canonicalised),
		cmocka_unit_test(test_r7_github_issue_url_canonicalised),
		cmocka_unit_test(test_r7_other_urls_kept),
		cmocka_unit_test(test_r7_refs_refused),
		cmocka_unit_test(test_r7_ref_at_max_length_accepted),
		cmocka_unit_test(test_r7_ref_appends_to_buffer),
		cmocka_unit_test(test_r9_forge_of_a_ref),
		cmocka_unit_test(test_ref_url_links_to_the_forge),
		cmocka_unit_test(test_merge_request_refs),
		cmocka_unit_test(test_jira_refs),
	};

	return cmocka_run_group_tests_name("core_ref", tests, NULL, NULL);
}
