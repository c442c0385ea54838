/* sdnotify.h: telling the service manager how okra serve is doing (the sd_notify protocol). */
#ifndef OKRA_SDNOTIFY_H
#define OKRA_SDNOTIFY_H

#include <stdint.h>

/*
 * Send state ("READY=1", "STOPPING=1", "WATCHDOG=1", "RELOADING=1") as one datagram to the
 * unix socket named by $NOTIFY_SOCKET (a path, or "@name" in the abstract namespace).
 * Returns 1 when sent, 0 when there is no such socket to tell, -1 when sending failed.
 */
int sd_notify_send(const char *state);

/*
 * The watchdog interval in microseconds from $WATCHDOG_USEC (when $WATCHDOG_PID is unset or
 * this process), or 0 when the service manager expects no WATCHDOG=1.
 */
uint64_t sd_watchdog_usec(void);

#endif
