/* fuzz_jira.c: Jira webhook payloads (hook_parse_jira), then app_hook_apply on the demo store
 * (rolled back). */
#include "fuzz.h"
#include "fuzz_store.h"

#include "core/ref.h"
#include "http/hook_parse.h"
#include "app/hooks.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_store_open(1);
	return 0;
}

/* The two names of the item: when both are refs and the address is a Jira key, they agree. */
static void
check_names(const struct hook_parse *p)
{
	struct buf c0 = BUF_INIT, c1 = BUF_INIT, host = BUF_INIT;
	enum ref_kind k0 = REF_URL, k1 = REF_URL;
	enum ref_forge f = ref_forge_of(p->ev.refs[1], &host);

	FUZZ_CHECK(p->ev.refs[0] != NULL);
	if (ref_parse(p->ev.refs[0], "ref", &c0, &k0, NULL) == 0 && p->ev.refs[1] &&
	    ref_parse(p->ev.refs[1], "ref", &c1, &k1, NULL) == 0 && k1 == REF_JIRA) {
		FUZZ_CHECK(k0 == REF_JIRA);
		FUZZ_CHECK(!strcmp(c0.buf, c1.buf));
	}
	/* The address names Jira (and its site) or nothing. */
	FUZZ_CHECK(f == REF_FORGE_NONE || f == REF_FORGE_JIRA);
	FUZZ_CHECK(f == REF_FORGE_NONE ? host.len == 0 : host.len > 0);
	buf_release(&c0);
	buf_release(&c1);
	buf_release(&host);
}

/* Input: the JSON payload, as the handler reads it (api_hooks.c body_json). */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hook_parse p = {{0}, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, NULL, NULL, NULL};
	struct okra_err err = {0};
	enum hook_outcome out;
	json_t *j = json_loadb((const char *)data, size, 0, NULL);
	int64_t changed;
	int rc;

	if (!json_is_object(j))
		goto out;
	rc = hook_parse(HOOK_JIRA, NULL, j, &p);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0) {
		FUZZ_CHECK(p.detail && *p.detail && p.field);
		goto out;
	}
	FUZZ_CHECK(p.ev.forge == HOOK_JIRA);
	FUZZ_CHECK(p.ev.at >= 0);
	/* An event acted on names its issue; one ignored says why. */
	FUZZ_CHECK(p.ev.action == HOOK_NONE ? p.ignored != NULL : p.ev.refs[0] != NULL);
	if (p.ev.refs[0])
		check_names(&p);
	p.ev.delivery = "jira:fuzz";
	fuzz_store_begin();
	rc = app_hook_apply(&fuzz_app, &p.ev, &out, &changed, &err);
	if (rc == OKRA_EDB || rc == OKRA_EIO)
		fprintf(stderr, "fuzz_jira: %s\n", err.msg);
	FUZZ_CHECK(rc != OKRA_EDB && rc != OKRA_EIO);
	/* The demo company tracks GitLab items only: a Jira event changes none of them. */
	FUZZ_CHECK(changed == 0);
	FUZZ_CHECK(out != HOOK_APPLIED);
	fuzz_store_undo();
	app_act_as(&fuzz_app, "alex", &err);
out:
	json_decref(j);
	buf_release(&p.ref);
	buf_release(&p.delivery);
	buf_release(&p.project);
	buf_release(&p.url);
	return 0;
}
