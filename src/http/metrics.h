/* metrics.h: Prometheus counters by route and status, latency histogram, gauges (metrics.c). */
#ifndef OKRA_HTTP_METRICS_H
#define OKRA_HTTP_METRICS_H

#include "http/request.h"

/* One answered request: its route's index (-1 = none), status and time taken. */
void metrics_count(int route, int status, double seconds);
/* Reply with the text exposition format. */
int metrics_render(struct request *r);

#endif
