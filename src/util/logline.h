/* logline.h: how the server's log lines are written (text or JSON) and where (stderr or a file). */
#ifndef OKRA_LOGLINE_H
#define OKRA_LOGLINE_H

#include "util/err.h"

enum log_format { LOG_TEXT, LOG_JSON };

/* The format of every line from now on; read by any thread (atomic). */
void log_format_set(enum log_format f);
enum log_format log_format_get(void);
/* "text" or "json" to f; -1 for anything else. */
int log_format_parse(const char *s, enum log_format *f);

/*
 * Write one event, line (without its newline), to stderr: as it is in text, or in JSON as
 * {"time":"…Z","msg":"…"} with a leading "okra: " dropped. A line that already is a JSON
 * object (the access log's) goes out as it is in both formats. The caller serialises.
 */
void log_line_write(const char *line);

/*
 * Send stderr to the file at path (appended, created 0640), or keep it as it is when path
 * is NULL or "". Called again (SIGHUP) it reopens the file, so a rotated log is let go.
 */
int log_reopen(const char *path, struct okra_err *err);

#endif
