/* shared.c: immutable reply bodies shared by a cache and the responses in flight, by reference
 * count. */
#define _GNU_SOURCE /* memfd_create */
#include "http/shared.h"

#include <errno.h>
#include <microhttpd.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/xalloc.h"

struct shared_body {
	atomic_long refs;
	size_t len;
	char *data;
	int fd; /* the same bytes in a memory file, for sendfile; -1 = none */
	/* When the bytes encode others (a gzip segment): their CRC-32 and length. */
	uint32_t plain_crc;
	size_t plain_len;
};

struct shared_body *
shared_new(char *data, size_t len)
{
	struct shared_body *s = xmalloc(sizeof(*s));

	atomic_init(&s->refs, 1);
	/* a buffer grown by doubling may be near twice the body: it lives long, so fit it */
	s->data = xrealloc(data, len + 1);
	s->len = len;
	s->fd = -1;
	return s;
}

void
shared_set_plain(struct shared_body *s, uint32_t crc, size_t len)
{
	s->plain_crc = crc;
	s->plain_len = len;
}

uint32_t
shared_plain_crc(const struct shared_body *s)
{
	return s->plain_crc;
}

size_t
shared_plain_len(const struct shared_body *s)
{
	return s->plain_len;
}

int
shared_seal(struct shared_body *s)
{
#ifdef MFD_CLOEXEC
	int fd = memfd_create("okra-body", MFD_CLOEXEC);

	for (size_t off = 0; fd >= 0 && off < s->len;) {
		ssize_t n = write(fd, s->data + off, s->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			close(fd);
			fd = -1;
			break;
		}
		off += (size_t)n;
	}
	s->fd = fd;
#endif
	return s->fd >= 0 ? 0 : -1;
}

struct shared_body *
shared_ref(struct shared_body *s)
{
	if (s)
		atomic_fetch_add_explicit(&s->refs, 1, memory_order_relaxed);
	return s;
}

void
shared_unref(struct shared_body *s)
{
	/* acq_rel: the last owner sees every write made before the others let go. */
	if (s && atomic_fetch_sub_explicit(&s->refs, 1, memory_order_acq_rel) == 1) {
		if (s->fd >= 0)
			close(s->fd);
		free(s->data);
		free(s);
	}
}

const char *
shared_data(const struct shared_body *s)
{
	return s->data;
}

size_t
shared_len(const struct shared_body *s)
{
	return s->len;
}

void
reply_drop_shared(struct request *r)
{
	shared_unref(r->shared);
	r->shared = NULL;
	buf_reset(&r->tail);
}

int
reply_shared(struct request *r, int status, const char *type, struct shared_body *s)
{
	r->status = status;
	r->content_type = type;
	buf_reset(&r->out);
	reply_drop_shared(r);
	r->shared = shared_ref(s);
	return 0;
}

/* What a response sent by reference owns until MHD is done with it. */
struct in_flight {
	char *head, *tail;
	struct shared_body *body;
};

static void
in_flight_free(void *cls)
{
	struct in_flight *f = cls;

	free(f->head);
	free(f->tail);
	shared_unref(f->body);
	free(f);
}

struct MHD_Response *
shared_response(struct request *r, size_t *len)
{
	struct in_flight *f = xcalloc(1, sizeof(*f));
	struct MHD_IoVec iov[3];
	struct MHD_Response *resp;
	unsigned n = 0;
	size_t hl, tl;

	f->head = buf_detach(&r->out, &hl);
	f->tail = buf_detach(&r->tail, &tl);
	f->body = r->shared;
	r->shared = NULL;
	if (!hl && !tl && f->body->fd >= 0) {
		/*
		 * The body alone, and sealed: the kernel sends it from the memory file
		 * (sendfile), as a static file server would, without a copy through
		 * this process. MHD closes its own descriptor when done.
		 */
		int fd = dup(f->body->fd);

		*len = f->body->len;
		resp = fd >= 0 ? MHD_create_response_from_fd_at_offset64(f->body->len, fd, 0)
			       : NULL;
		if (resp) {
			in_flight_free(f);
			return resp;
		}
		if (fd >= 0)
			close(fd);
	}
	if (hl)
		iov[n++] = (struct MHD_IoVec){f->head, hl};
	iov[n++] = (struct MHD_IoVec){f->body->data, f->body->len};
	if (tl)
		iov[n++] = (struct MHD_IoVec){f->tail, tl};
	*len = hl + f->body->len + tl;
	resp = MHD_create_response_from_iovec(iov, n, in_flight_free, f);
	if (!resp)
		in_flight_free(f);
	return resp;
}
