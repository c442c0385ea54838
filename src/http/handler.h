/* handler.h: every route's handler (api_*.c, page*.c, ops.c), declared from the route table. */
#ifndef OKRA_HTTP_HANDLER_H
#define OKRA_HTTP_HANDLER_H

#include "http/request.h"

#define ROUTE(method, path, fn, access, cap, guard, fields) int fn(struct request *r);
#include "http/routes.def"
#undef ROUTE

#endif
