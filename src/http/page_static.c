/* page_static.c: the stylesheet and script, compiled in and served with a long cache life. */
#include "http/page.h"

#include <string.h>

#include "http/gzip.h"
#include "http/handler.h"

/* Generated at build time from web/ (scripts/embed). */
extern const char okra_css[];
extern const unsigned long okra_css_len;
extern const char okra_js[];
extern const unsigned long okra_js_len;

int
h_static(struct request *r)
{
	static _Atomic(struct shared_body *) css_gz, js_gz;
	const char *name = r->params[0];

	/* Assets change only with the binary; browsers revalidate daily. */
	reply_header(r, "Cache-Control", "public, max-age=86400");
	if (!strcmp(name, "okra.css"))
		return reply_constant(r, "text/css; charset=utf-8", okra_css, okra_css_len,
				      &css_gz);
	if (!strcmp(name, "okra.js"))
		return reply_constant(r, "text/javascript; charset=utf-8", okra_js, okra_js_len,
				      &js_gz);
	return reply_problem(r, 404, "no such file", NULL);
}
