/* fuzz_hooks.c: GitLab and GitHub webhook payloads, parsed and applied to the demo store (rolled
 * back). */
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

/* Input: one byte (bit 0: GitHub), the X-GitHub-Event value, '\n', the JSON payload. */
int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hook_parse p = {{0}, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, NULL, NULL, NULL};
	struct okra_err err = {0};
	enum hook_forge forge;
	enum hook_outcome out;
	const char *nl;
	char *event;
	json_t *j;
	int64_t changed;
	int rc;

	if (size < 1)
		return 0;
	forge = data[0] & 1 ? HOOK_GITHUB : HOOK_GITLAB;
	data++, size--;
	nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	event = fuzz_cstr(data, (size_t)((const uint8_t *)nl - data));
	size -= (size_t)((const uint8_t *)nl - data) + 1;
	data = (const uint8_t *)nl + 1;
	/* As the handler reads it (api_hooks.c body_json). */
	j = json_loadb((const char *)data, size, 0, NULL);
	if (!json_is_object(j))
		goto out;
	rc = hook_parse(forge, event, j, &p);
	FUZZ_CHECK(rc == 0 || rc == -1);
	if (rc < 0) {
		FUZZ_CHECK(p.detail && *p.detail);
		goto out;
	}
	FUZZ_CHECK(p.ev.forge == forge);
	FUZZ_CHECK(p.ev.at >= 0);
	for (int i = 0; i < 2; i++) {
		struct buf canon = BUF_INIT, host = BUF_INIT;
		enum ref_forge f = ref_forge_of(p.ev.refs[i], &host);

		if (p.ev.refs[i] && ref_parse(p.ev.refs[i], "ref", &canon, NULL, &err) == 0)
			FUZZ_CHECK(canon.len > 0);
		/* A forge's URL always names its host; anything else names none. */
		FUZZ_CHECK(f == REF_FORGE_NONE ? host.len == 0 : host.len > 0);
		buf_release(&canon);
		buf_release(&host);
	}
	p.ev.delivery = "fuzz:delivery";
	fuzz_store_begin();
	rc = app_hook_apply(&fuzz_app, &p.ev, &out, &changed, &err);
	/* A payload is applied, ignored or names nothing known: never a store failure. */
	if (rc == OKRA_EDB || rc == OKRA_EIO)
		fprintf(stderr, "fuzz_hooks: %s\n", err.msg);
	FUZZ_CHECK(rc != OKRA_EDB && rc != OKRA_EIO);
	FUZZ_CHECK(changed >= 0);
	fuzz_store_undo();
	app_act_as(&fuzz_app, "alex", &err);
out:
	json_decref(j);
	buf_release(&p.ref);
	buf_release(&p.delivery);
	buf_release(&p.project);
	buf_release(&p.url);
	free(event);
	return 0;
}
