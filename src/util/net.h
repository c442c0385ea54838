/* net.h: IP addresses and prefixes as text — is an address in a list of trusted ones. */
#ifndef OKRA_NET_H
#define OKRA_NET_H

#include <stddef.h>

/*
 * A list is addresses and CIDR prefixes, IPv4 or IPv6, separated by commas
 * and/or spaces: "127.0.0.1, 10.0.0.0/8 ::1 fd00::/8". An IPv4-mapped IPv6
 * address (::ffff:10.1.2.3) is compared as the IPv4 address it maps.
 */
/* 1 if every entry of list is an address or a prefix (an empty list is valid). */
int net_list_valid(const char *list);
/* 1 if addr (an address as text, surrounding blanks ignored) is in list. */
int net_in_list(const char *addr, const char *list);
/*
 * The client behind proxies: peer is the TCP peer, forwarded the value of
 * X-Forwarded-For (addresses left to right, the nearest hop last). While the
 * nearest hop is in trusted, step one hop out; the first hop not in trusted
 * (or the farthest one, if all are) is written to out (n bytes). With peer
 * not in trusted, or no forwarded value, out is peer: a header from a client
 * that is not a trusted proxy is never believed.
 */
void net_client(const char *peer, const char *forwarded, const char *trusted, char *out, size_t n);

#endif
