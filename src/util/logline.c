/* logline.c: the log's line format (text or JSON) and its file (logline.h). */
#include "util/logline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/jw.h"

static atomic_int format = LOG_TEXT;

void
log_format_set(enum log_format f)
{
	atomic_store(&format, (int)f);
}

enum log_format
log_format_get(void)
{
	return (enum log_format)atomic_load(&format);
}

int
log_format_parse(const char *s, enum log_format *f)
{
	if (!strcmp(s, "text"))
		*f = LOG_TEXT;
	else if (!strcmp(s, "json"))
		*f = LOG_JSON;
	else
		return -1;
	return 0;
}

void
log_line_write(const char *line)
{
	struct buf b = BUF_INIT;
	struct jw w;
	struct tm tm;
	time_t now = time(NULL);
	char ts[32];

	if (log_format_get() == LOG_TEXT || line[0] == '{') {
		fprintf(stderr, "%s\n", line);
		return;
	}
	gmtime_r(&now, &tm);
	strftime(ts, sizeof(ts), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!strncmp(line, "okra: ", 6))
		line += 6;
	jw_init(&w, &b, 0);
	jw_object(&w);
	jw_kstr(&w, "time", ts);
	jw_kstr(&w, "msg", line);
	jw_end(&w);
	jw_release(&w);
	fprintf(stderr, "%s\n", b.buf);
	buf_release(&b);
}

int
log_reopen(const char *path, struct okra_err *err)
{
	int fd;

	if (!path || !*path)
		return 0;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
	if (fd < 0)
		return okra_err_set(err, OKRA_EIO, "log-file", "cannot open the log file %s: %s",
				    path, strerror(errno));
	fflush(stderr);
	if (dup2(fd, STDERR_FILENO) < 0) {
		close(fd);
		return okra_err_set(err, OKRA_EIO, "log-file", "cannot log to %s: %s", path,
				    strerror(errno));
	}
	close(fd);
	return 0;
}
