/* shared.c: immutable reply bodies shared by a cache and the responses in flight, by reference
 * count. */
#define _GNU_SOURCE /* memfd_create */
#include "http/shared.h"

#include <errno.h>
#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "util/xalloc.h"

struct shared_body {
	atomic_long refs;
	size_t len;
	char *data;          /* NULL: the bytes are parts, or only in the memory file */
	int fd;              /* the same bytes in a memory file, for sendfile; -1 = none */
	_Atomic(char *) map; /* a sealed body's memory file mapped, when something reads it */
	struct pieces parts; /* the bytes as spans, when data is NULL and fd is -1 */
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
	atomic_init(&s->map, NULL);
	s->parts = (struct pieces)PIECES_INIT;
	return s;
}

struct shared_body *
shared_new_parts(struct pieces *l)
{
	struct shared_body *s = xcalloc(1, sizeof(*s));

	atomic_init(&s->refs, 1);
	atomic_init(&s->map, NULL);
	s->parts = *l;
	*l = (struct pieces)PIECES_INIT;
	s->len = s->parts.len;
	s->fd = -1;
	return s;
}

static size_t parts_min = SHARED_PARTS_MIN;
static pthread_once_t parts_once = PTHREAD_ONCE_INIT;

/* OKRA_PARTS_MIN_BYTES: another bound, so that a test sends its small bodies as parts too. */
static void
parts_min_read(void)
{
	const char *s = getenv("OKRA_PARTS_MIN_BYTES");
	char *end;
	unsigned long long v;

	if (!s || !*s)
		return;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (!errno && !*end)
		parts_min = (size_t)v;
}

struct shared_body *
shared_from_parts(struct pieces *l)
{
	struct buf joined = BUF_INIT;
	char *data;
	size_t len;

	pthread_once(&parts_once, parts_min_read);
	if (l->len >= parts_min)
		return shared_new_parts(l);
	pieces_join(l, &joined);
	pieces_release(l);
	data = buf_detach(&joined, &len);
	return shared_new(data, len);
}

size_t
shared_spans(struct shared_body *s, struct piece_span *one, const struct piece_span **v)
{
	if (!s->data && s->fd < 0) {
		*v = s->parts.v;
		return s->parts.n;
	}
	memset(one, 0, sizeof(*one));
	one->data = shared_data(s);
	one->len = s->len;
	*v = one;
	return one->data ? 1 : 0;
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
	int fd = s->data ? memfd_create("okra-body", MFD_CLOEXEC) : -1;

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
	if (fd >= 0) {
		/* one copy of the bytes: the memory file's (mapped again only if read) */
		free(s->data);
		s->data = NULL;
	}
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
		char *map = atomic_load(&s->map);

		if (map)
			munmap(map, s->len);
		if (s->fd >= 0)
			close(s->fd);
		free(s->data);
		pieces_release(&s->parts);
		free(s);
	}
}

const char *
shared_data(struct shared_body *s)
{
	char *map, *none = NULL;

	if (s->data || s->fd < 0)
		return s->data;
	/* mapped once, by the first reader (a reply with a head of its own, rare) */
	if ((map = atomic_load(&s->map)))
		return map;
	map = mmap(NULL, s->len ? s->len : 1, PROT_READ, MAP_SHARED, s->fd, 0);
	if (map == MAP_FAILED)
		return NULL;
	if (!atomic_compare_exchange_strong(&s->map, &none, map)) {
		munmap(map, s->len ? s->len : 1);
		map = none;
	}
	return map;
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
	size_t hl, tl;
	struct shared_body *body;
	size_t seg, off; /* a body of parts: where the next read starts (segment, offset) */
	uint64_t at;     /* and its position in the reply */
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

/* A reply of parts in segments: 0 the head, 1..n the body's spans, n + 1 the tail; 0 past it. */
static int
segment(const struct in_flight *f, size_t i, const char **data, size_t *len)
{
	const struct pieces *l = &f->body->parts;

	if (i > l->n + 1)
		return 0;
	*data = i == 0 ? f->head : i <= l->n ? l->v[i - 1].data : f->tail;
	*len = i == 0 ? f->hl : i <= l->n ? l->v[i - 1].len : f->tl;
	return 1;
}

/* MHD asks for the bytes at pos (in order, but a position is honoured whatever it is). */
static ssize_t
parts_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct in_flight *f = cls;
	size_t n = 0, len;
	const char *data;

	if (pos < f->at)
		f->seg = f->off = 0, f->at = 0;
	while (f->at < pos) { /* only after a position out of order */
		if (!segment(f, f->seg, &data, &len))
			return MHD_CONTENT_READER_END_WITH_ERROR;
		if (pos - f->at >= len - f->off) {
			f->at += len - f->off;
			f->seg++, f->off = 0;
		} else {
			f->off += (size_t)(pos - f->at);
			f->at = pos;
		}
	}
	while (n < max && segment(f, f->seg, &data, &len)) {
		size_t take = len - f->off < max - n ? len - f->off : max - n;

		if (take)
			memcpy(out + n, data + f->off, take);
		n += take;
		f->off += take;
		if (f->off == len)
			f->seg++, f->off = 0;
	}
	f->at += n;
	return n ? (ssize_t)n : MHD_CONTENT_READER_END_OF_STREAM;
}

/*
 * The bytes of a reply of parts are copied, a block at a time, into MHD's buffer: an iovec
 * of thousands of spans does not fit the connection's memory (MHD copies the array there).
 */
#define PARTS_BLOCK (64 * 1024)

struct MHD_Response *
shared_response(struct request *r, size_t *len)
{
	struct in_flight *f = xcalloc(1, sizeof(*f));
	struct MHD_IoVec iov[3];
	struct MHD_Response *resp;
	unsigned n = 0;
	const char *data;

	f->head = buf_detach(&r->out, &f->hl);
	f->tail = buf_detach(&r->tail, &f->tl);
	f->body = r->shared;
	r->shared = NULL;
	*len = f->hl + f->body->len + f->tl;
	if (!f->hl && !f->tl && f->body->fd >= 0) {
		/*
		 * The body alone, and sealed: the kernel sends it from the memory file
		 * (sendfile), as a static file server would, without a copy through
		 * this process. MHD closes its own descriptor when done.
		 */
		int fd = dup(f->body->fd);

		resp = fd >= 0 ? MHD_create_response_from_fd_at_offset64(f->body->len, fd, 0)
			       : NULL;
		if (resp) {
			in_flight_free(f);
			return resp;
		}
		if (fd >= 0)
			close(fd);
	}
	if (!f->body->data && f->body->fd < 0) {
		resp = MHD_create_response_from_callback(*len, PARTS_BLOCK, parts_read, f,
							 in_flight_free);
		if (!resp)
			in_flight_free(f);
		return resp;
	}
	if (!(data = shared_data(f->body))) {
		in_flight_free(f); /* a sealed body whose memory file cannot be mapped */
		return NULL;
	}
	if (f->hl)
		iov[n++] = (struct MHD_IoVec){f->head, f->hl};
	iov[n++] = (struct MHD_IoVec){data, f->body->len};
	if (f->tl)
		iov[n++] = (struct MHD_IoVec){f->tail, f->tl};
	resp = MHD_create_response_from_iovec(iov, n, in_flight_free, f);
	if (!resp)
		in_flight_free(f);
	return resp;
}
