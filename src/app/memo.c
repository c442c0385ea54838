/* memo.c: what one app (one server thread) keeps per store revision: the settings it read and who
 * holds each API token and session it resolved, so a request at an unchanged revision asks the
 * store only for the revision. */
#include "app/app_int.h"

#include <stdlib.h>
#include <string.h>

#include "app/settings.h"
#include "store/store.h"
#include "util/xalloc.h"

/*
 * Every write adds an audit row, and the revision is the newest audit id (app_refresh reads it
 * once per request, on the app's own connection, so a write by another thread, server or the CLI
 * is seen as on the kept tree). An entry serves only the revision it was read at: a role
 * changed, a person deactivated, a token revoked, a session signed out or a setting saved is a
 * new revision, and every entry older than it is read again. What changes without an audit row
 * is checked on each hit (a session's expiry) or sends the request to the store (a token's or a
 * session's touch, once a minute). One app belongs to one thread, so no lock is needed; the
 * memory is bounded by the table sizes below and the settings registry.
 */
#define AUTH_SLOTS 64

struct memo_setting {
	int64_t rev;
	int set;
	char *value;
};

struct memo_auth {
	int64_t rev;
	char kind; /* 't' a token, 's' a session, 0 an empty slot */
	char hash[STORE_HASH_HEX + 1];
	struct app_memo_auth v;
	char *strs; /* handle, name and email, each NUL-ended: v.who's strings */
};

struct app_memo {
	struct memo_setting *settings; /* setting_count of them */
	struct memo_auth auth[AUTH_SLOTS];
};

static struct app_memo *
memo(struct app *a)
{
	if (!a->memo) {
		a->memo = xcalloc(1, sizeof(*a->memo));
		a->memo->settings = xcalloc(setting_count, sizeof(*a->memo->settings));
	}
	return a->memo;
}

/* The revision may be used: read this request, and no write begun since. */
static int
usable(const struct app *a)
{
	return a->rev_known && !a->tx_depth;
}

int
app_memo_setting(struct app *a, const struct setting_def *d, struct buf *out)
{
	struct memo_setting *s;

	if (!usable(a))
		return 0;
	s = &memo(a)->settings[d - setting_defs];
	if (!s->set || s->rev != a->rev)
		return 0;
	buf_reset(out);
	buf_adds(out, s->value);
	return 1;
}

void
app_memo_setting_put(struct app *a, const struct setting_def *d, const char *value)
{
	struct memo_setting *s;

	if (!usable(a))
		return;
	s = &memo(a)->settings[d - setting_defs];
	free(s->value);
	s->value = xstrdup(value);
	s->rev = a->rev;
	s->set = 1;
}

/* The slot a hash goes to: its first two hex digits (a SHA-256: spread evenly). */
static struct memo_auth *
slot(struct app *a, const char *hash)
{
	unsigned v = 0;

	for (int i = 0; i < 2; i++)
		v = v * 16 + (unsigned)(hash[i] <= '9' ? hash[i] - '0' : (hash[i] | 32) - 'a' + 10);
	return &memo(a)->auth[v % AUTH_SLOTS];
}

const struct app_memo_auth *
app_memo_auth(struct app *a, char kind, const char *hash)
{
	struct memo_auth *e;

	if (!usable(a))
		return NULL;
	e = slot(a, hash);
	if (e->kind != kind || e->rev != a->rev || memcmp(e->hash, hash, STORE_HASH_HEX))
		return NULL;
	return &e->v;
}

/* Copy s at *p in the block, moving *p past its NUL. */
static const char *
put_str(char **p, const char *s)
{
	size_t n = strlen(s) + 1;
	char *at = *p;

	memcpy(at, s, n);
	*p += n;
	return at;
}

void
app_memo_auth_put(struct app *a, int64_t rev, char kind, const char *hash,
		  const struct app_memo_auth *v)
{
	struct memo_auth *e = slot(a, hash);
	const struct person *w = &v->who;
	char *p;

	free(e->strs);
	e->strs = xmalloc(strlen(w->handle) + strlen(w->name) + (w->email ? strlen(w->email) : 0) +
			  3);
	e->rev = rev;
	e->kind = kind;
	memcpy(e->hash, hash, STORE_HASH_HEX + 1);
	e->v = *v;
	p = e->strs;
	e->v.who.handle = put_str(&p, w->handle);
	e->v.who.name = put_str(&p, w->name);
	e->v.who.email = w->email ? put_str(&p, w->email) : NULL;
}

void
app_memo_auth_drop(struct app *a, const char *hash)
{
	struct memo_auth *e;

	if (!a->memo)
		return;
	e = slot(a, hash);
	if (!memcmp(e->hash, hash, STORE_HASH_HEX))
		e->kind = 0;
}

void
app_memo_free(struct app *a)
{
	if (!a->memo)
		return;
	for (size_t i = 0; i < setting_count; i++)
		free(a->memo->settings[i].value);
	for (size_t i = 0; i < AUTH_SLOTS; i++)
		free(a->memo->auth[i].strs);
	free(a->memo->settings);
	free(a->memo);
	a->memo = NULL;
}
