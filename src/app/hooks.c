/* hooks.c: webhooks from GitLab and GitHub — secrets, settings and applying a delivery once. */
#include "app/app_int.h"
#include "app/json_write.h"

#include <sodium.h>
#include <string.h>

#include "app/settings.h"
#include "core/ref.h"
#include "store/store.h"
#include "util/buf.h"
#include "app/objectives.h"
#include "app/hooks.h"

static const char *const forge_names[] = {"gitlab", "github"};

static int
verify_github(const struct buf *secret, const char *credential, const void *body, size_t len)
{
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES], got[crypto_auth_hmacsha256_BYTES];
	size_t n = 0;
	int ok;

	if (strncmp(credential, "sha256=", 7) || strlen(credential + 7) != 2 * sizeof(got))
		return 0;
	if (sodium_hex2bin(got, sizeof(got), credential + 7, 2 * sizeof(got), NULL, &n, NULL) ||
	    n != sizeof(got))
		return 0;
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret->buf, secret->len);
	crypto_auth_hmacsha256_update(&st, body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	ok = !sodium_memcmp(mac, got, sizeof(mac));
	sodium_memzero(mac, sizeof(mac));
	sodium_memzero(&st, sizeof(st));
	return ok;
}

int
app_hook_verify(struct app *a, enum hook_forge forge, const char *credential, const void *body,
		size_t len, struct okra_err *err)
{
	struct buf secret = BUF_INIT;
	int rc, ok = 0;

	if ((rc = app_setting_text(
		     a, forge == HOOK_GITLAB ? "gitlab_webhook_secret" : "github_webhook_secret",
		     &secret, err)) < 0)
		goto out;
	if (!secret.len || !credential)
		ok = 0;
	else if (forge == HOOK_GITLAB)
		ok = strlen(credential) == secret.len &&
		     !sodium_memcmp(credential, secret.buf, secret.len);
	else
		ok = verify_github(&secret, credential, body, len);
	if (!ok)
		rc = okra_err_set(
			err, OKRA_EFORBIDDEN, "",
			!secret.len ? "the %s webhook is off: its secret is not set"
				    : "the %s webhook secret or signature is wrong or missing",
			forge_names[forge]);
out:
	if (secret.buf)
		sodium_memzero(secret.buf, secret.len);
	buf_release(&secret);
	return rc;
}

/* What a GitHub "closed as not planned" means here: the setting github_not_planned. */
static int
resolve_action(struct app *a, enum hook_action action, enum hook_action *out, struct okra_err *err)
{
	struct buf v = BUF_INIT;
	int rc = 0;

	*out = action;
	if (action == HOOK_CLOSE_NOT_PLANNED) {
		rc = app_setting_text(a, "github_not_planned", &v, err);
		*out = rc == 0 && !strcmp(v.buf, "done") ? HOOK_CLOSE : HOOK_NONE;
	}
	buf_release(&v);
	return rc;
}

int
app_hook_apply(struct app *a, const struct hook_event *ev, enum hook_outcome *out, int64_t *changed,
	       struct okra_err *err)
{
	struct buf canon[2] = {BUF_INIT, BUF_INIT};
	enum hook_action action;
	struct strlist refs = {0};
	int rc, fresh = 0, known = 0;

	*out = HOOK_IGNORED;
	*changed = 0;
	app_act_as_system(a);
	if ((rc = app_tx_begin(a, err)) < 0)
		goto release;
	if ((rc = store_delivery_add(a->db, ev->delivery, forge_names[ev->forge], a->now, &fresh,
				     err)) < 0)
		goto out;
	if (!fresh) {
		*out = HOOK_REPLAY;
		goto out;
	}
	if ((rc = resolve_action(a, ev->action, &action, err)) < 0 || action == HOOK_NONE)
		goto out;
	for (int i = 0; i < 2; i++) {
		int64_t n = 0;

		/* A name that is not a ref, or the same item twice (URL and short form), is
		 * skipped. */
		if (!ev->refs[i] || ref_parse(ev->refs[i], "ref", &canon[i], NULL, NULL) < 0 ||
		    (i && canon[0].len && !strcmp(canon[0].buf, canon[1].buf)))
			continue;
		rc = app_ref_set_state(a, canon[i].buf,
				       action == HOOK_REOPEN ? ITEM_OPEN : ITEM_CLOSED,
				       SOURCE_INTEGRATION, &n, err);
		if (rc == OKRA_ENOTFOUND) {
			okra_err_clear(err);
			rc = 0;
			continue;
		}
		if (rc < 0)
			goto out;
		known = 1;
		*changed += n;
		strlist_push(&refs, canon[i].buf);
	}
	*out = known ? HOOK_APPLIED : HOOK_UNKNOWN_REF;
	if (*changed) {
		struct app_text t;
		struct jw *w = app_text_begin(&t);

		jw_object(w);
		jw_kstr(w, "source", forge_names[ev->forge]);
		jw_kstr(w, "delivery", ev->delivery);
		jw_key(w, "refs");
		jw_array(w);
		for (size_t i = 0; i < refs.n; i++)
			jw_str(w, refs.v[i]);
		jw_end(w);
		jw_end(w);
		rc = app_audit(a, "apply", "delivery", 0, NULL, app_text_end(&t), err);
	}
out:
	rc = app_tx_end(a, rc, err);
release:
	strlist_release(&refs);
	buf_release(&canon[0]);
	buf_release(&canon[1]);
	return rc;
}
