/* log.c: the server's log on stderr, with repeated lines folded (log.h). */
#include "http/log.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "util/logline.h"

static struct {
	pthread_mutex_t lock;
	char last[512];
	unsigned long repeats; /* of last, not yet reported */
	unsigned long folded;  /* in all */
	time_t first_repeat;
} lg = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void
say_repeats(void)
{
	char line[64];

	if (lg.repeats) {
		snprintf(line, sizeof(line), "okra: last line repeated %lu times", lg.repeats);
		log_line_write(line);
	}
	lg.repeats = 0;
}

void
http_vlog(const char *fmt, va_list ap)
{
	char line[sizeof(lg.last)];
	size_t len;

	vsnprintf(line, sizeof(line), fmt, ap);
	len = strlen(line);
	if (len && line[len - 1] == '\n')
		line[--len] = '\0';
	pthread_mutex_lock(&lg.lock);
	if (!strcmp(line, lg.last)) {
		time_t now = time(NULL);

		if (!lg.repeats++)
			lg.first_repeat = now;
		lg.folded++;
		if (now - lg.first_repeat >= 1) {
			say_repeats();
			lg.first_repeat = now;
		}
	} else {
		say_repeats();
		log_line_write(line);
		memcpy(lg.last, line, len + 1);
	}
	pthread_mutex_unlock(&lg.lock);
}

void
http_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	http_vlog(fmt, ap);
	va_end(ap);
}

void
http_log_raw(const char *line)
{
	pthread_mutex_lock(&lg.lock);
	say_repeats();
	lg.last[0] = '\0';
	log_line_write(line);
	pthread_mutex_unlock(&lg.lock);
}

void
http_log_flush(void)
{
	pthread_mutex_lock(&lg.lock);
	say_repeats();
	pthread_mutex_unlock(&lg.lock);
}

unsigned long
http_log_folded(void)
{
	unsigned long n;

	pthread_mutex_lock(&lg.lock);
	n = lg.folded;
	pthread_mutex_unlock(&lg.lock);
	return n;
}
