/* net.c: IP addresses and prefixes as text (net.h). */
#include "util/net.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An address as 16 bytes (IPv4 as ::ffff:a.b.c.d) and how many leading bits count. */
struct prefix {
	unsigned char a[16];
	int bits;
};

static int
parse_addr(const char *s, size_t len, unsigned char a[16])
{
	char tmp[64];

	if (len == 0 || len >= sizeof(tmp))
		return 0;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (inet_pton(AF_INET, tmp, a + 12) == 1) {
		memset(a, 0, 10);
		a[10] = a[11] = 0xff;
		return 4;
	}
	return inet_pton(AF_INET6, tmp, a) == 1 ? 6 : 0;
}

/* One entry ("10.0.0.0/8", "::1") of len bytes into p; 0 if it is not one. */
static int
parse_prefix(const char *s, size_t len, struct prefix *p)
{
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : len;
	int family = parse_addr(s, alen, p->a), max;
	char *end;
	long bits;

	if (!family)
		return 0;
	max = family == 4 ? 32 : 128;
	p->bits = 128;
	if (!slash)
		return 1;
	if (slash + 1 == s + len || len - alen - 1 > 3)
		return 0;
	bits = strtol(slash + 1, &end, 10);
	if (end != s + len || bits < 0 || bits > max)
		return 0;
	p->bits = (int)bits + (family == 4 ? 96 : 0);
	return 1;
}

static int
prefix_has(const struct prefix *p, const unsigned char a[16])
{
	int whole = p->bits / 8, rest = p->bits % 8;

	if (memcmp(p->a, a, (size_t)whole))
		return 0;
	return !rest || ((p->a[whole] ^ a[whole]) & (0xff << (8 - rest)) & 0xff) == 0;
}

static int
is_sep(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

/* Call f on each entry of list; stop at the first nonzero answer and return it. */
static int
each_entry(const char *list, int (*f)(const char *, size_t, void *), void *ctx)
{
	const char *s = list ? list : "";
	int rc;

	while (*s) {
		size_t len;

		while (is_sep(*s))
			s++;
		for (len = 0; s[len] && !is_sep(s[len]); len++)
			;
		if (len && (rc = f(s, len, ctx)))
			return rc;
		s += len;
	}
	return 0;
}

static int
entry_invalid(const char *s, size_t len, void *ctx)
{
	struct prefix p;

	(void)ctx;
	return !parse_prefix(s, len, &p);
}

int
net_list_valid(const char *list)
{
	return !each_entry(list, entry_invalid, NULL);
}

static int
entry_has(const char *s, size_t len, void *ctx)
{
	struct prefix p;

	return parse_prefix(s, len, &p) && prefix_has(&p, ctx);
}

int
net_in_list(const char *addr, const char *list)
{
	unsigned char a[16];
	size_t len;

	while (*addr == ' ' || *addr == '\t')
		addr++;
	for (len = strlen(addr); len && (addr[len - 1] == ' ' || addr[len - 1] == '\t'); len--)
		;
	return parse_addr(addr, len, a) && each_entry(list, entry_has, a);
}

void
net_client(const char *peer, const char *forwarded, const char *trusted, char *out, size_t n)
{
	const char *end, *seg, *a, *b;
	char hop[64];

	snprintf(out, n, "%s", peer);
	if (!forwarded || !trusted || !*trusted || !net_in_list(peer, trusted))
		return;
	/* From the nearest hop (the last) outwards, past every trusted proxy. */
	end = forwarded + strlen(forwarded);
	for (;;) {
		for (seg = end; seg > forwarded && seg[-1] != ','; seg--)
			;
		for (a = seg; a < end && (*a == ' ' || *a == '\t'); a++)
			;
		for (b = end; b > a && (b[-1] == ' ' || b[-1] == '\t'); b--)
			;
		if (b == a || (size_t)(b - a) >= sizeof(hop))
			return; /* an empty or overlong hop: believe nothing further out */
		memcpy(hop, a, (size_t)(b - a));
		hop[b - a] = '\0';
		if (!net_in_list(hop, "0.0.0.0/0 ::/0"))
			return; /* not an address: stop at the last hop believed */
		snprintf(out, n, "%s", hop);
		if (!net_in_list(hop, trusted) || seg == forwarded)
			return;
		end = seg - 1; /* the comma before this hop */
	}
}
