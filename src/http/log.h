/* log.h: the server's log on stderr — one lock, one line at a time, repeats folded. */
#ifndef OKRA_HTTP_LOG_H
#define OKRA_HTTP_LOG_H

#include <stdarg.h>

/*
 * Write one line (a newline is added if fmt leaves none). A line that is the
 * same as the one before it is counted, not written: when a different line
 * comes, or a second after the first repeat, "okra: last line repeated N
 * times" says how many were folded. So a fault that repeats a million times
 * a second (out of file descriptors, say) writes a line a second, not 283 MB.
 */
void http_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void http_vlog(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
/* Write line as it is (no folding, any length): the access log's JSON lines. */
void http_log_raw(const char *line);
/* Write out a pending "repeated" line (at shutdown). */
void http_log_flush(void);
/* Lines folded since the start (for the tests and /metrics). */
unsigned long http_log_folded(void);

#endif
