/* history.c: ownership of check-in, status-update, audit and API-token records. */
#include "core/history.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void
checkin_release(struct checkin *c)
{
	xfree(c->author_handle);
	xfree(c->note);
	c->author_handle = c->note = NULL;
}

void
status_update_release(struct status_update *s)
{
	xfree(s->author_handle);
	for (size_t i = 0; i < s->nlines; i++)
		xfree(s->lines[i].line);
	xfree(s->lines);
	s->author_handle = NULL;
	s->lines = NULL;
	s->nlines = 0;
}

void
audit_row_release(struct audit_row *r)
{
	free(r->actor);
	free(r->action);
	free(r->entity);
	free(r->before);
	free(r->after);
	memset(r, 0, sizeof(*r));
}

void
token_row_release(struct token_row *r)
{
	free(r->handle);
	free(r->name);
	memset(r, 0, sizeof(*r));
}
