/* history.c: ownership of audit and API-token records (check-ins and statuses live in arenas). */
#include "core/history.h"

#include <stdlib.h>
#include <string.h>

void
audit_row_release(struct audit_row *r)
{
	free(r->actor);
	free(r->action);
	free(r->entity);
	free(r->before);
	free(r->after);
	free(r->name);
	memset(r, 0, sizeof(*r));
}

void
token_row_release(struct token_row *r)
{
	free(r->handle);
	free(r->name);
	memset(r, 0, sizeof(*r));
}
