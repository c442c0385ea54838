/* metrics.c: request counts by route and status, a latency histogram, and gauges, as Prometheus
 * text. */
#include "http/metrics.h"

#include "http/daemon.h"
#include "http/writer.h"

#include "app/tree.h"
#include "app/reads.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "http/cache.h"
#include "http/markdown.h"
#include "http/route.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* Latency buckets in seconds; the last is +Inf. */
static const double bounds[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
				0.05,   0.1,   0.25,   0.5,   1,    2.5};
#define NBOUNDS (sizeof(bounds) / sizeof(bounds[0]))
#define MAX_SERIES 512

struct series {
	int route; /* -1 = no route matched */
	int status;
	unsigned long long count;
};

static struct series series[MAX_SERIES];
static int nseries;
static unsigned long long buckets[NBOUNDS + 1];
static double latency_sum;
static unsigned long long latency_count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void
metrics_count(int route, int status, double seconds)
{
	int i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nseries; i++)
		if (series[i].route == route && series[i].status == status)
			break;
	if (i == nseries && nseries < MAX_SERIES) {
		series[i].route = route;
		series[i].status = status;
		series[i].count = 0;
		nseries++;
	}
	if (i < nseries)
		series[i].count++;
	for (size_t b = 0; b <= NBOUNDS; b++)
		if (b == NBOUNDS || seconds <= bounds[b])
			buckets[b]++;
	latency_sum += seconds;
	latency_count++;
	pthread_mutex_unlock(&lock);
}

static void
cache_line(struct buf *b, const char *name, size_t bytes, size_t max, size_t entries)
{
	/* Names are the caches' own literals: no escaping needed. */
	buf_addf(b, "okra_cache_bytes{cache=\"%s\"} %zu\n", name, bytes);
	buf_addf(b, "okra_cache_max_bytes{cache=\"%s\"} %zu\n", name, max);
	buf_addf(b, "okra_cache_entries{cache=\"%s\"} %zu\n", name, entries);
}

#if defined(__SANITIZE_ADDRESS__)
/* Under AddressSanitizer its allocator stands in for glibc's, whose mallinfo2 then says 0. */
size_t __sanitizer_get_current_allocated_bytes(void);
size_t __sanitizer_get_free_bytes(void);
#define HEAP_LINE 1
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
#define HEAP_LINE 1
#endif

#ifdef HEAP_LINE
/* The C allocator's heap: in use by okra, free but kept, and mmapped blocks in use. */
static void
heap_line(struct buf *b, size_t in_use, size_t free_kept, size_t mmapped)
{
	buf_addf(b,
		 "# HELP okra_malloc_bytes The C allocator's heap: in use by okra, or free "
		 "but kept by the allocator (every arena, mmapped blocks in use).\n"
		 "# TYPE okra_malloc_bytes gauge\n"
		 "okra_malloc_bytes{state=\"in_use\"} %zu\n"
		 "okra_malloc_bytes{state=\"free\"} %zu\n"
		 "okra_malloc_bytes{state=\"mmapped\"} %zu\n",
		 in_use, free_kept, mmapped);
}
#endif

/* What each cache holds against its bound, and what the allocator holds: where memory goes. */
static void
memory(struct buf *b)
{
	struct body_cache *c[CACHE_LIST_MAX];
	size_t n = cache_list(c), bytes, entries;
	unsigned long hits, misses;

	buf_adds(b,
		 "# HELP okra_cache_bytes Bytes a cache holds (bodies with their gzip copies, "
		 "rendered HTML).\n"
		 "# TYPE okra_cache_bytes gauge\n"
		 "# HELP okra_cache_max_bytes The bytes a cache may hold; past it the least "
		 "recently used entries go.\n"
		 "# TYPE okra_cache_max_bytes gauge\n"
		 "# HELP okra_cache_entries Entries a cache holds.\n"
		 "# TYPE okra_cache_entries gauge\n");
	for (size_t i = 0; i < n; i++) {
		cache_stats(c[i], &bytes, &entries);
		cache_line(b, c[i]->name, bytes, c[i]->max_bytes, entries);
	}
	markdown_cache_stats(&bytes, &entries, &hits, &misses);
	cache_line(b, "markdown", bytes, MARKDOWN_CACHE_BYTES, entries);
	buf_addf(b,
		 "# HELP okra_store_memory_bytes Bytes the SQLite library holds (each "
		 "connection's page cache and statements).\n"
		 "# TYPE okra_store_memory_bytes gauge\n"
		 "okra_store_memory_bytes %lld\n",
		 (long long)app_store_memory());
#if defined(__SANITIZE_ADDRESS__)
	heap_line(b, __sanitizer_get_current_allocated_bytes(), __sanitizer_get_free_bytes(), 0);
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 33)
	{
		struct mallinfo2 m = mallinfo2();

		heap_line(b, m.uordblks, m.fordblks, m.hblkhd);
	}
#endif
}

int
metrics_render(struct request *r)
{
	struct okra_err err = {0};
	struct due_list d = {0};
	int64_t objectives[3] = {0}, krs = 0;
	struct buf *b = &r->out;
	static const char *const states[] = {"draft", "active", "closed"};

	buf_reset(b);
	buf_adds(b,
		 "# HELP okra_http_requests_total HTTP requests answered, by route and status.\n"
		 "# TYPE okra_http_requests_total counter\n");
	pthread_mutex_lock(&lock);
	for (int i = 0; i < nseries; i++) {
		const char *route = series[i].route >= 0 ? routes[series[i].route].pattern : "none";
		const char *method = series[i].route >= 0 ? routes[series[i].route].method : "";

		/* Patterns and methods come from the route table: no escaping needed. */
		buf_addf(
			b,
			"okra_http_requests_total{method=\"%s\",route=\"%s\",status=\"%d\"} %llu\n",
			method, route, series[i].status, series[i].count);
	}
	buf_adds(b,
		 "# HELP okra_http_request_duration_seconds Time to answer a request.\n"
		 "# TYPE okra_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= NBOUNDS; i++) {
		if (i < NBOUNDS)
			buf_addf(b, "okra_http_request_duration_seconds_bucket{le=\"%g\"} %llu\n",
				 bounds[i], buckets[i]);
		else
			buf_addf(b, "okra_http_request_duration_seconds_bucket{le=\"+Inf\"} %llu\n",
				 buckets[i]);
	}
	buf_addf(b, "okra_http_request_duration_seconds_sum %.6f\n", latency_sum);
	buf_addf(b, "okra_http_request_duration_seconds_count %llu\n", latency_count);
	pthread_mutex_unlock(&lock);

	{
		unsigned long long held, refused;

		server_anon_bodies(&held, &refused);
		buf_addf(b,
			 "# HELP okra_http_anonymous_body_bytes Bytes of request bodies held for "
			 "requests not yet authenticated (at most %u).\n"
			 "# TYPE okra_http_anonymous_body_bytes gauge\n"
			 "okra_http_anonymous_body_bytes %llu\n"
			 "# HELP okra_http_anonymous_body_refused_total Unauthenticated bodies "
			 "refused because that total was full.\n"
			 "# TYPE okra_http_anonymous_body_refused_total counter\n"
			 "okra_http_anonymous_body_refused_total %llu\n",
			 ANON_BODY_TOTAL, held, refused);
	}
	writer_metrics(b);
	memory(b);
	if (app_counts(r->app, objectives, &krs, &err) == 0) {
		buf_adds(b,
			 "# HELP okra_objectives Objectives, by state.\n"
			 "# TYPE okra_objectives gauge\n");
		for (int i = 0; i < 3; i++)
			buf_addf(b, "okra_objectives{state=\"%s\"} %lld\n", states[i],
				 (long long)objectives[i]);
		buf_adds(b,
			 "# HELP okra_key_results Key results.\n# TYPE okra_key_results gauge\n");
		buf_addf(b, "okra_key_results %lld\n", (long long)krs);
	}
	if (app_due(r->app, r->app->today, &d, &err) == 0) {
		size_t checkins = 0;

		for (size_t i = 0; i < d.n; i++)
			checkins += d.v[i].key_result != 0;
		buf_adds(b,
			 "# HELP okra_due Updates owed this week (R8), by kind.\n"
			 "# TYPE okra_due gauge\n");
		buf_addf(b, "okra_due{kind=\"checkin\"} %zu\n", checkins);
		buf_addf(b, "okra_due{kind=\"status\"} %zu\n", d.n - checkins);
		due_list_release(&d);
	}
	r->status = 200;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	return 0;
}
