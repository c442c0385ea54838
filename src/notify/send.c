/* send.c: one chat post or one mail per call, through libcurl, with the protocols pinned. */
#include "notify/send.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/json_write.h"
#include "util/buf.h"
#include "util/fetch.h"
#include "util/uri.h"

#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S 20L
#define PROTOCOLS "smtp,smtps"

void
notify_send_init(void)
{
	fetch_init();
}

/* Keep the start of the answer's first line in ans->line (the rest is thrown away). */
static void
keep_line(struct channel_answer *ans, const char *p, size_t n, int restart)
{
	size_t len = restart ? 0 : strlen(ans->line);

	if (restart)
		ans->line[0] = '\0';
	for (size_t i = 0; i < n && len + 1 < sizeof(ans->line); i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch == '\r' || ch == '\n')
			break;
		ans->line[len++] = ch < 0x20 || ch == 0x7f ? '?' : (char)ch;
	}
	ans->line[len] = '\0';
}

/* The mail transfer's answer body is not wanted. */
static size_t
drop(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

/* SMTP: each reply line the server sends comes here; the last one is its answer. */
static int
replies(CURL *c, curl_infotype type, char *data, size_t n, void *ctx)
{
	(void)c;
	if (type == CURLINFO_HEADER_IN && n && data[0] >= '0' && data[0] <= '9')
		keep_line(ctx, data, n, 1);
	return 0;
}

static CURL *
easy(const char *url, char *errbuf)
{
	CURL *c;

	notify_send_init();
	if (!(c = curl_easy_init()))
		return NULL;
	errbuf[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, PROTOCOLS);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, drop);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "okra-reminders");
	return c;
}

static int
fail(struct okra_err *err, const char *what, const char *url, CURLcode code, const char *errbuf)
{
	struct buf where = BUF_INIT;
	int rc;

	uri_origin(url, &where);
	rc = okra_err_set(err, OKRA_EIO, what, "%s to %s failed: %s", what, where.buf,
			  errbuf[0] ? errbuf : curl_easy_strerror(code));
	buf_release(&where);
	return rc;
}

int
notify_webhook_try(const char *url, const char *text, struct channel_answer *ans,
		   struct okra_err *err)
{
	const char *h[] = {"Content-Type: application/json", NULL};
	char *body_json = app_text_strings("text", text, NULL);
	struct fetch_req q = {.method = "POST",
			      .url = url,
			      .headers = h,
			      .body = body_json,
			      .body_len = strlen(body_json),
			      .max = 64 * 1024,
			      .timeout_s = TOTAL_TIMEOUT_S,
			      .agent = "okra-reminders",
			      .plain_http = 1};
	struct fetch_ans a = FETCH_ANS_INIT;
	struct buf where = BUF_INIT;
	int rc = 0;

	memset(ans, 0, sizeof(*ans));
	if (fetch(&q, &a, err) < 0) {
		char why[sizeof(err->msg)];

		snprintf(why, sizeof(why), "%s", err ? err->msg : "no answer");
		rc = okra_err_set(err, OKRA_EIO, "webhook", "webhook to %s", why);
		keep_line(ans, err ? err->msg : why, strlen(err ? err->msg : why), 1);
		goto out;
	}
	keep_line(ans, a.body.buf ? a.body.buf : "", a.body.len, 1);
	ans->code = a.status;
	ans->delivered = a.status >= 200 && a.status <= 299;
	if (!ans->delivered) {
		uri_origin(url, &where);
		rc = okra_err_set(err, OKRA_EIO, "webhook", "webhook to %s answered HTTP %ld",
				  where.buf, a.status);
	}
out:
	buf_release(&where);
	fetch_ans_release(&a);
	free(body_json);
	return rc;
}

int
notify_webhook_post(const char *url, const char *text, struct okra_err *err)
{
	struct channel_answer ans;

	return notify_webhook_try(url, text, &ans, err);
}

struct reader {
	const char *p;
	size_t left;
};

static size_t
read_mail(char *out, size_t size, size_t n, void *ctx)
{
	struct reader *r = ctx;
	size_t k = size * n < r->left ? size * n : r->left;

	memcpy(out, r->p, k);
	r->p += k;
	r->left -= k;
	return k;
}

/* A header value on one line: CR and LF become spaces (no header injection). */
static void
header(struct buf *b, const char *name, const char *value)
{
	buf_addf(b, "%s: ", name);
	for (const char *p = value; *p; p++)
		buf_addch(b, *p == '\r' || *p == '\n' ? ' ' : *p);
	buf_adds(b, "\r\n");
}

/* Non-ASCII subject: RFC 2047 base64 encoded-word, in chunks. */
static void
subject(struct buf *b, const char *s)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(s);
	int ascii = 1;

	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80 || s[i] == '\r' || s[i] == '\n')
			ascii = 0;
	if (ascii) {
		header(b, "Subject", s);
		return;
	}
	buf_adds(b, "Subject: =?UTF-8?B?");
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;

		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		buf_addch(b, b64[(v >> 18) & 63]);
		buf_addch(b, b64[(v >> 12) & 63]);
		buf_addch(b, i + 1 < n ? b64[(v >> 6) & 63] : '=');
		buf_addch(b, i + 2 < n ? b64[v & 63] : '=');
	}
	buf_adds(b, "?=\r\n");
}

/* The body with CRLF line ends and SMTP dot-stuffing left to libcurl (it does it). */
static void
body_text(struct buf *b, const char *text)
{
	for (const char *p = text; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_adds(b, "\r\n");
		else
			buf_addch(b, *p);
	}
}

int
notify_mail_try(const char *smtp_url, const struct mail *m, struct channel_answer *ans,
		struct okra_err *err)
{
	char errbuf[CURL_ERROR_SIZE], date[64];
	struct curl_slist *rcpt = NULL;
	struct buf msg = BUF_INIT;
	struct reader r;
	struct tm tm;
	time_t now = time(NULL);
	CURL *c = NULL;
	CURLcode code;
	int rc = 0;

	memset(ans, 0, sizeof(*ans));
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	header(&msg, "Date", date);
	header(&msg, "From", m->from);
	header(&msg, "To", m->to);
	subject(&msg, m->subject);
	header(&msg, "Message-ID", m->message_id);
	header(&msg, "MIME-Version", "1.0");
	header(&msg, "Content-Type", "text/plain; charset=utf-8");
	header(&msg, "Content-Transfer-Encoding", "8bit");
	header(&msg, "Auto-Submitted", "auto-generated");
	buf_adds(&msg, "\r\n");
	body_text(&msg, m->text);
	if (!(c = easy(smtp_url, errbuf))) {
		rc = okra_err_set(err, OKRA_EIO, "mail", "the mail could not be prepared");
		goto out;
	}
	r.p = msg.buf;
	r.left = msg.len;
	rcpt = curl_slist_append(rcpt, m->to);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, m->from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_mail);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	/* smtp:// upgrades with STARTTLS when the server offers it; smtps:// is TLS from the start.
	 */
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	/* The server's replies come to `replies` (libcurl hands them over only when verbose). */
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, replies);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, ans);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	code = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &ans->code);
	/* The connection stays open until cleanup, whose QUIT is not the answer. */
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, NULL);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 0L);
	ans->delivered = code == CURLE_OK;
	if (code != CURLE_OK) {
		rc = fail(err, "mail", smtp_url, code, errbuf);
		if (!ans->line[0])
			keep_line(ans, err->msg, strlen(err->msg), 1);
	}
out:
	curl_slist_free_all(rcpt);
	if (c)
		curl_easy_cleanup(c);
	buf_release(&msg);
	return rc;
}

int
notify_mail_send(const char *smtp_url, const struct mail *m, struct okra_err *err)
{
	struct channel_answer ans;

	return notify_mail_try(smtp_url, m, &ans, err);
}

void
notify_chat_escape(const char *s, struct buf *out)
{
	for (; *s; s++) {
		if (*s == '&')
			buf_adds(out, "&amp;");
		else if (*s == '<')
			buf_adds(out, "&lt;");
		else if (*s == '>')
			buf_adds(out, "&gt;");
		else
			buf_addch(out, *s);
	}
}
