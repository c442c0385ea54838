/* uri.c: take the password out of a database URI before it is printed or logged. */
#include "util/uri.h"

#include <string.h>

#include "util/buf.h"

char *
uri_redact(const char *uri, char *out, size_t n)
{
	struct buf b = BUF_INIT;
	const char *s = uri ? uri : "", *scheme = strstr(s, "://");
	const char *p;
	size_t len;

	if (!n)
		return out;
	if (scheme) {
		const char *host = scheme + 3;
		size_t auth = strcspn(host, "/?#");
		const char *at = memchr(host, '@', auth);
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
