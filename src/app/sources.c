/* sources.c: a metric KR's source set, cleared and shown; a reading recorded as a check-in of
 * source integration (the health kept); a failure kept and worded for the KR's DRI. */
#include "app/sources.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/json_write.h"
#include "app/settings.h"
#include "app/updates.h"
#include "core/progress.h"
#include "core/validate.h"
#include "store/store.h"
#include "store/store_sources.h"
#include "util/jw.h"
#include "util/uri.h"

void
app_source_url_shown(const char *url, struct buf *out)
{
	char shown[2048];
	char *q;

	uri_redact(url ? url : "", shown, sizeof(shown));
	/* A JSON URL's query string often carries its token: its values are not shown again. */
	if ((q = strchr(shown, '?'))) {
		*q = 0;
		buf_adds(out, shown);
		buf_adds(out, "?***");
		return;
	}
	buf_adds(out, shown);
}

/* kr and its objective, and whether the actor may set, clear or read its source. */
static int
load(struct app *a, struct arena *ar, int64_t id, struct key_result *kr, struct objective_row *o,
     struct okra_err *err)
{
	int rc;

	if ((rc = store_kr_load(a->db, ar, id, kr, err)) < 0 ||
	    (rc = store_objective_get(a->db, ar, kr->objective, o, err)) < 0)
		return rc;
	return app_may_update(a, UPDATE_CHECKIN, o, kr, NULL, err);
}

int
app_source_may(struct app *a, int64_t id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	int rc = load(a, &ar, id, &kr, &o, err);

	arena_release(&ar);
	return rc;
}

static char *
text_source(const struct kr_source *s)
{
	struct app_text t;
	struct jw *w = app_text_begin(&t);
	struct buf url = BUF_INIT;

	app_source_url_shown(s->url, &url);
	jw_object(w);
	jw_kint(w, "key_result", s->key_result);
	jw_kstr(w, "kind", source_kind_name(s->kind));
	jw_kstr(w, "url", url.buf);
	jw_kstr(w, "query", s->query);
	jw_kint(w, "every", s->every_s);
	jw_end(w);
	buf_release(&url);
	return app_text_end(&t);
}

int
app_source_set(struct app *a, const struct kr_source *in, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct kr_source old = {0};
	char *before = NULL;
	int rc;

	if ((rc = source_check(in, err)) < 0)
		return rc;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = load(a, &ar, in->key_result, &kr, &o, err)) < 0 ||
	    (rc = app_writable(&o, err)) < 0)
		goto out;
	if (kr.kind != KR_METRIC) {
		rc = okra_err_set(err, OKRA_ESTATE, "key_result",
				  "key result %lld is scored by its criteria (R9): only a metric "
				  "key result reads its value from a source",
				  (long long)kr.id);
		goto out;
	}
	if (store_source_get(a->db, &ar, kr.id, &old, NULL) == 0)
		before = text_source(&old);
	if ((rc = store_source_set(a->db, in, a->actor.id > 0 ? a->actor.id : 0, a->now, err)) < 0)
		goto out;
	rc = app_audit(a, before ? "update" : "create", "kr_source", kr.id, before, text_source(in),
		       err);
	before = NULL;
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_source_clear(struct app *a, int64_t id, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct kr_source old = {0};
	int rc, removed = 0;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = load(a, &ar, id, &kr, &o, err)) < 0 ||
	    (rc = store_source_get(a->db, &ar, id, &old, err)) < 0 ||
	    (rc = store_source_clear(a->db, id, &removed, err)) < 0)
		goto out;
	rc = app_audit(a, "delete", "kr_source", id, text_source(&old), NULL, err);
out:
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_source_get(struct app *a, struct arena *ar, int64_t kr, struct kr_source *out,
	       struct okra_err *err)
{
	struct key_result k = {0};
	int rc;

	if (a->actor.id < 0)
		return okra_err_set(err, OKRA_EFORBIDDEN, "", "sign in first");
	if ((rc = store_kr_load(a->db, ar, kr, &k, err)) < 0)
		return rc;
	return store_source_get(a->db, ar, kr, out, err);
}

int
app_source_reading(struct app *a, int64_t id, int64_t at, double value, int64_t *checkin,
		   struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct key_result kr = {0};
	struct objective_row o = {0};
	struct checkin c = {0};
	char *before = NULL;
	int rc;

	*checkin = 0;
	if (!isfinite(value))
		return okra_err_set(err, OKRA_EINVAL, "value",
				    "the reading is not a finite number");
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	if ((rc = load(a, &ar, id, &kr, &o, err)) < 0 || (rc = app_writable(&o, err)) < 0 ||
	    (rc = validate_reading("the reading", kr.start, kr.target, value, err)) < 0)
		goto out;
	if (kr.kind != KR_METRIC) {
		rc = okra_err_set(err, OKRA_ESTATE, "key_result",
				  "key result %lld is no longer a metric", (long long)kr.id);
		goto out;
	}
	before = app_text_kr_row(&kr);
	kr.current = value;
	if ((rc = store_kr_set_reading(a->db, &kr, err)) < 0)
		goto out;
	rc = app_audit(a, "update", "key_result", kr.id, before, app_text_kr_row(&kr), err);
	before = NULL;
	/* The health stays the DRI's: the reading carries the KR's as it is. */
	c = (struct checkin){.key_result = kr.id,
			     .at = at,
			     .has_value = 1,
			     .value = value,
			     .progress = progress_kr(&kr),
			     .health = kr.health,
			     .note = "",
			     .source = SOURCE_INTEGRATION};
	if (rc < 0 || (rc = store_checkin_add(a->db, &c, checkin, err)) < 0)
		goto out;
	c.id = *checkin;
	if ((rc = app_audit(a, "create", "checkin", c.id, NULL, app_text_checkin(&c), err)) < 0)
		goto out;
	rc = store_source_read_ok(a->db, kr.id, at, value, err);
out:
	free(before);
	arena_release(&ar);
	return app_tx_end(a, rc, err);
}

int
app_source_failed(struct app *a, int64_t kr, const char *why, struct okra_err *err)
{
	char cut[SOURCE_ERROR_MAX + 1];
	size_t n = strlen(why);
	int rc;

	if (n > SOURCE_ERROR_MAX) {
		n = SOURCE_ERROR_MAX;
		while (n > 0 && ((unsigned char)why[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(cut, why, n);
	cut[n] = 0;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_source_read_failed(a->db, kr, cut, a->now, err);
	return app_tx_end(a, rc, err);
}

int
app_sources_claim_due(struct app *a, struct arena *ar, int64_t **v, size_t *n, struct okra_err *err)
{
	struct arena tmp = ARENA_INIT;
	int64_t *krs, *next;
	size_t due;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = store_sources_due(a->db, &tmp, a->now, &krs, &next, &due, err)) < 0)
		goto out;
	*v = arena_calloc(ar, due ? due : 1, sizeof(**v));
	for (size_t i = 0; i < due; i++) {
		struct arena one = ARENA_INIT;
		struct kr_source s = {0};
		int taken = 0;

		if ((rc = app_tx_begin(a, err)) < 0)
			goto out;
		rc = store_source_get(a->db, &one, krs[i], &s, err);
		if (rc == 0)
			rc = store_source_claim(a->db, krs[i], next[i], a->now + s.every_s, &taken,
						err);
		arena_release(&one);
		if ((rc = app_tx_end(a, rc, err)) < 0)
			goto out;
		if (taken)
			(*v)[(*n)++] = krs[i];
	}
out:
	arena_release(&tmp);
	return rc;
}

/* The link to the KR's objective page, when okra's address is set. */
static void
kr_link(struct app *a, const struct key_result *kr, struct buf *out)
{
	struct buf base = BUF_INIT;
	struct okra_err ignore = {0};

	if (app_setting_text(a, "base_url", &base, &ignore) == 0 && base.len) {
		while (base.len && base.buf[base.len - 1] == '/')
			base.buf[--base.len] = 0;
		buf_addf(out, "\n%s/objectives/%lld#kr-%lld", base.buf, (long long)kr->objective,
			 (long long)kr->id);
	}
	buf_release(&base);
}

static int
word_notice(struct app *a, struct arena *ar, const struct kr_source *s, struct source_notice *n,
	    struct okra_err *err)
{
	struct key_result kr = {0};
	struct person p = {0};
	struct buf b = BUF_INIT;
	int rc;

	if ((rc = store_kr_load(a->db, ar, s->key_result, &kr, err)) < 0 ||
	    (rc = store_person_get(a->db, ar, kr.dri, &p, err)) < 0)
		return rc;
	n->key_result = kr.id;
	n->error = s->error;
	n->handle = p.handle;
	n->email = p.deactivated_at ? "" : p.email ? p.email : "";
	n->subject = arena_sprintf(ar, "okra: key result %lld could not read its %s source",
				   (long long)kr.id, source_kind_name(s->kind));
	buf_addf(&b,
		 "@%s: key result %lld \"%s\" could not read its %s source: %s\n"
		 "Nothing was recorded; okra tries again every %lld minutes and tells you of "
		 "another error once.",
		 p.handle, (long long)kr.id, kr.title, source_kind_name(s->kind), s->error,
		 (long long)(s->every_s / 60));
	kr_link(a, &kr, &b);
	n->text = arena_strdup(ar, b.buf);
	buf_release(&b);
	return 0;
}

int
app_source_notices(struct app *a, struct arena *ar, struct source_notice **v, size_t *n,
		   struct okra_err *err)
{
	struct kr_source *s;
	size_t ns;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = store_sources_untold(a->db, ar, &s, &ns, err)) < 0)
		return rc;
	*v = arena_calloc(ar, ns ? ns : 1, sizeof(**v));
	for (size_t i = 0; i < ns; i++)
		if ((rc = word_notice(a, ar, &s[i], &(*v)[*n], err)) < 0)
			return rc;
		else
			(*n)++;
	return 0;
}

int
app_source_notice_take(struct app *a, const struct source_notice *n, int *taken,
		       struct okra_err *err)
{
	int rc;

	*taken = 0;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_source_told(a->db, n->key_result, n->error, taken, err);
	return app_tx_end(a, rc, err);
}

void
app_jw_source(struct jw *w, const struct kr_source *s)
{
	struct buf url = BUF_INIT;

	app_source_url_shown(s->url, &url);
	jw_object(w);
	jw_kint(w, "key_result", s->key_result);
	jw_kstr(w, "kind", source_kind_name(s->kind));
	jw_kstr(w, "url", url.buf);
	jw_kstr(w, "query", s->query);
	jw_kint(w, "every", s->every_s);
	jw_key(w, "next_read"); /* 0: due now */
	if (s->next_at)
		app_jw_instant(w, s->next_at);
	else
		jw_null(w);
	jw_key(w, "last_reading");
	if (s->has_reading) {
		jw_object(w);
		jw_key(w, "at");
		app_jw_instant(w, s->read_at);
		jw_kreal(w, "value", s->read_value);
		jw_end(w);
	} else {
		jw_null(w);
	}
	jw_key(w, "last_error");
	if (s->error) {
		jw_object(w);
		jw_key(w, "at");
		app_jw_instant(w, s->error_at);
		jw_kstr(w, "message", s->error);
		jw_end(w);
	} else {
		jw_null(w);
	}
	jw_end(w);
	buf_release(&url);
}
