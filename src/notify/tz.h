/* tz.h: the UTC offset of a named time zone at an instant, from the system's zoneinfo. */
#ifndef OKRA_TZ_H
#define OKRA_TZ_H

#include <stdint.h>

/*
 * The offset (seconds east of UTC) of IANA zone `name` at UTC instant `utc`,
 * read with localtime_r under TZ=name. Returns 0, or -1 when the zone is not
 * a name okra accepts (sched_tz_name_ok). A name the system does not know
 * reads as UTC (glibc's behaviour); app_setting_set refuses such names.
 *
 * Thread safety, and its limit: TZ is process state. Every conversion takes
 * one mutex, so two okra threads never interleave a switch; TZ is put into
 * the environment once (notify_tz_init, called before any thread starts) so
 * that later switches replace a value in place and never reallocate the
 * environment under a thread calling getenv (glibc). okra itself uses local
 * time nowhere else (gmtime_r and timegm only), so the process's TZ setting
 * changes no other output.
 */
int notify_tz_offset(const char *name, int64_t utc, int *offset);
/* The same, shaped for core/schedule.h (ctx is the zone name). */
int notify_tz_offset_fn(void *ctx, int64_t utc, int *offset);
/* Put TZ into the environment (keeping its value) before threads start. */
void notify_tz_init(void);

#endif
