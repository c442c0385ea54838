/* uri.c: tell a database URI from a path, and take the secrets out of URIs before they are shown.
 */
#include "util/uri.h"

#include <string.h>

int
uri_is_postgres(const char *s)
{
	return s && (!strncmp(s, "postgresql://", 13) || !strncmp(s, "postgres://", 11));
}

/* The authority of a URI ("user:pw@host:port"): its start after "://" and its length, or NULL. */
static const char *
authority(const char *uri, size_t *len)
{
	const char *scheme = strstr(uri, "://");

	if (!scheme)
		return NULL;
	*len = strcspn(scheme + 3, "/?#");
	return scheme + 3;
}

/* The last '@' of the authority (a password may hold a raw '@'), or NULL. */
static const char *
userinfo_end(const char *host, size_t len)
{
	const char *at = NULL;

	for (const char *p = host; p < host + len; p++)
		if (*p == '@')
			at = p;
	return at;
}

char *
uri_redact(const char *uri, char *out, size_t n)
{
	struct buf b = BUF_INIT;
	const char *s = uri ? uri : "", *host, *p;
	size_t len;

	if (!n)
		return out;
	if ((host = authority(s, &len))) {
		const char *at = userinfo_end(host, len);
		const char *colon = at ? memchr(host, ':', (size_t)(at - host)) : NULL;

		if (colon) {
			buf_add(&b, s, (size_t)(colon - s) + 1);
			buf_adds(&b, "***");
			s = at;
		}
	}
	/* password=… anywhere after that, up to the next & or end. */
	while ((p = strstr(s, "password="))) {
		p += strlen("password=");
		buf_add(&b, s, (size_t)(p - s));
		buf_adds(&b, "***");
		s = p + strcspn(p, "&#");
	}
	buf_adds(&b, s);
	len = b.len < n - 1 ? b.len : n - 1;
	memcpy(out, b.buf, len);
	out[len] = '\0';
	buf_release(&b);
	return out;
}

void
uri_origin(const char *url, struct buf *out)
{
	const char *host, *at, *end;
	size_t len;

	if (!url || !(host = authority(url, &len))) {
		buf_adds(out, "(a URL)");
		return;
	}
	end = host + len;
	/* user:password@ goes; the rest of the authority stays. */
	at = userinfo_end(host, len);
	buf_add(out, url, (size_t)(host - url));
	if (at)
		host = at + 1;
	buf_add(out, host, (size_t)(end - host));
	if (*end)
		buf_adds(out, "/…");
}

int
uri_https_or_loopback(const char *s)
{
	static const char *const loopback[] = {"localhost", "127.0.0.1", "[::1]", NULL};

	if (!strncmp(s, "https://", 8))
		return s[8] && s[8] != '/';
	if (strncmp(s, "http://", 7))
		return 0;
	s += 7;
	for (const char *const *h = loopback; *h; h++) {
		size_t n = strlen(*h);

		if (!strncmp(s, *h, n) && (!s[n] || s[n] == ':' || s[n] == '/'))
			return 1;
	}
	return 0;
}
