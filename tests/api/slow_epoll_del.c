/*
 * slow_epoll_del.c: preloaded into `okra serve` by t45-stop-under-load.py. After a worker
 * thread takes a descriptor out of an epoll set (EPOLL_CTL_DEL), it waits 50 ms before it
 * goes on, as a thread descheduled on a busy machine would: the window in which another
 * thread may try to take the same descriptor out again is then wide, and the shutdown race
 * the test is about shows within a few rounds instead of once in many thousands. The main
 * thread is not slowed. A server that does not use epoll is not affected at all.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sys/epoll.h>
#include <unistd.h>

int
epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	static int (*real)(int, int, int, struct epoll_event *);
	int rc;

	if (!real)
		real = (int (*)(int, int, int, struct epoll_event *))dlsym(RTLD_NEXT, "epoll_ctl");
	rc = real(epfd, op, fd, ev);
	if (op == EPOLL_CTL_DEL && gettid() != getpid())
		usleep(50000);
	return rc;
}
