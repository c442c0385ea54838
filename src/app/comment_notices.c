/* comment_notices.c: a mention or a reply told: the notice on the person's page, its sends through
 * the reminders' channels (the outbox src/notify empties), and "since your last visit". */
#include "app/comments.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/settings.h"
#include "store/store.h"
#include "store/store_comments.h"
#include "util/xalloc.h"

/* The channels person is reached on now: the chat webhook, and mail when they have an address. */
static size_t
channels(struct app *a, const struct person *p, const char *ch[2])
{
	struct buf v = BUF_INIT;
	struct okra_err ignore = {0};
	size_t n = 0;

	if (app_setting_text(a, "chat_webhook", &v, &ignore) == 0 && v.len)
		ch[n++] = "webhook";
	buf_reset(&v);
	if (p->email && *p->email && app_setting_text(a, "smtp_url", &v, &ignore) == 0 && v.len)
		ch[n++] = "mail";
	buf_release(&v);
	return n;
}

static int
tell_one(struct app *a, struct arena *ar, int64_t comment, int64_t person, const char *reason,
	 struct okra_err *err)
{
	struct person p = {0};
	const char *ch[2];
	int added, rc;

	if (person <= 0 || person == a->actor.id)
		return 0;
	if ((rc = store_person_get(a->db, ar, person, &p, err)) < 0)
		return rc;
	if (p.deactivated_at)
		return 0;
	return store_notice_add(a->db, person, comment, reason, a->now, ch, channels(a, &p, ch),
				&added, err);
}

int
app_comments_tell(struct app *a, struct arena *ar, int64_t comment, const int64_t *mentions,
		  size_t n, int64_t answered, struct okra_err *err)
{
	int rc;

	/* A mention first: who is both named and answered is told of the mention. */
	for (size_t i = 0; i < n; i++)
		if ((rc = tell_one(a, ar, comment, mentions[i], "mention", err)) < 0)
			return rc;
	return tell_one(a, ar, comment, answered, "reply", err);
}

int
app_notices(struct app *a, struct arena *ar, size_t limit, struct comment_notice **v, size_t *n,
	    int64_t *seen, struct okra_err *err)
{
	int rc;

	*v = NULL;
	*n = 0;
	*seen = 0;
	if (a->actor.id <= 0)
		return 0;
	if ((rc = store_notice_seen_get(a->db, a->actor.id, seen, err)) < 0)
		return rc;
	return store_notices(a->db, ar, a->actor.id, limit, v, n, err);
}

int
app_notices_seen(struct app *a, int64_t upto, struct okra_err *err)
{
	int rc;

	if (a->actor.id <= 0 || upto <= 0)
		return 0;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_notice_seen_set(a->db, a->actor.id, upto, err);
	return app_tx_end(a, rc, err);
}

/* At most max bytes of s, cut at a character's start, on one line each. */
static void
excerpt(struct buf *out, const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	buf_adds(out, "> ");
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			buf_adds(out, "\n> ");
		else if (s[i] != '\r')
			buf_addch(out, s[i]);
	}
	if (n < strlen(s))
		buf_adds(out, " …");
}

static void
word(const struct store_comment_send *r, const char *base_url, struct comment_send *s)
{
	const struct comment_notice *n = &r->notice;
	const char *did = !strcmp(n->reason, "reply") ? "replied to you" : "mentioned you";
	struct buf b = BUF_INIT;

	buf_addf(&b, "%s %s on objective %lld “%s”", n->author_handle, did, (long long)n->objective,
		 n->objective_title);
	s->subject = buf_detach(&b, NULL);
	buf_addf(&b, "@%s %s on objective %lld “%s”:\n", n->author_handle, did,
		 (long long)n->objective, n->objective_title);
	excerpt(&b, n->body, 300);
	buf_addf(&b, "\n%s/objectives/%lld#comment-%lld\n", base_url, (long long)n->objective,
		 (long long)n->comment);
	s->text = buf_detach(&b, NULL);
}

int
app_comment_sends_due(struct app *a, int64_t now_ms, const char *base_url, struct comment_send **v,
		      size_t *n, struct okra_err *err)
{
	struct arena ar = ARENA_INIT;
	struct store_comment_send *rows = NULL;
	size_t nrows = 0;
	int rc;

	*v = NULL;
	*n = 0;
	if ((rc = store_comment_sends_due(a->db, &ar, now_ms, &rows, &nrows, err)) < 0 || !nrows)
		goto out;
	*v = xcalloc(nrows, sizeof(**v));
	for (size_t i = 0; i < nrows; i++) {
		struct comment_send *s = &(*v)[i];

		s->id = rows[i].id;
		s->attempts = rows[i].attempts;
		snprintf(s->channel, sizeof(s->channel), "%s", rows[i].channel);
		s->handle = xstrdup(rows[i].handle);
		s->email = rows[i].email && *rows[i].email ? xstrdup(rows[i].email) : NULL;
		s->drop = !rows[i].active || !*rows[i].notice.body ||
			  (!strcmp(s->channel, "mail") && !s->email);
		word(&rows[i], base_url, s);
	}
	*n = nrows;
out:
	arena_release(&ar);
	return rc;
}

void
app_comment_sends_free(struct comment_send *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].handle);
		free(v[i].email);
		free(v[i].subject);
		free(v[i].text);
	}
	free(v);
}

int
app_comment_send_take(struct app *a, const struct comment_send *s, int64_t retry_at, int *taken,
		      struct okra_err *err)
{
	int rc;

	*taken = 0;
	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_comment_send_take(a->db, s->id, s->attempts, retry_at, taken, err);
	rc = app_tx_end(a, rc, err);
	if (rc < 0)
		*taken = 0;
	return rc;
}

int
app_comment_send_done(struct app *a, int64_t id, const char *error, int64_t retry_at,
		      struct okra_err *err)
{
	int rc;

	if ((rc = app_tx_begin(a, err)) < 0)
		return rc;
	rc = store_comment_send_done(a->db, id, a->now, error, retry_at, err);
	return app_tx_end(a, rc, err);
}
