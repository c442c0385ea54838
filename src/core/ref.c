/* ref.c: parse and canonicalise references to epics, issues, Jira keys and URLs (R5, R7, R9). */
#include "core/ref.h"

#include <string.h>

#define REF_MAX 500
/* Issue and epic numbers are at most this many digits: no overflow, no silly ids. */
#define REF_NUM_DIGITS 15
/* A Jira project key: Jira itself allows up to 255 characters. */
#define JIRA_KEY_MAX 255

static const char forms[] =
	"use group/project#123 or owner/repo#123 (issue or pull request), group&45 (epic), "
	"group/project!12 (merge request), PROJ-123 (Jira issue), or an http(s) URL";

static int
refuse(struct okra_err *err, const char *field, const char *why)
{
	return okra_err_set(err, OKRA_EINVAL, field, "%s %s: %s", field, why, forms);
}

static int
seg_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '.' || c == '-';
}

/*
 * [s, e) is a path of one or more segments [A-Za-z0-9_.-]+ joined by '/'.
 * Segments made only of dots ("." and "..") are refused: they are no project.
 * Returns the number of segments, or 0 if the path is not valid.
 */
static int
path_segments(const char *s, const char *e)
{
	int nseg = 0, dots_only = 1;
	size_t seglen = 0;

	if (s >= e)
		return 0;
	for (; s <= e; s++) {
		if (s == e || *s == '/') {
			if (seglen == 0 || dots_only)
				return 0;
			nseg++;
			seglen = 0;
			dots_only = 1;
			continue;
		}
		if (!seg_char(*s))
			return 0;
		if (*s != '.')
			dots_only = 0;
		seglen++;
	}
	return nseg;
}

/*
 * [s, e) is a positive decimal number without sign; its canonical form (no
 * leading zeros) goes to num. Returns 0 or -1.
 */
static int
parse_num(const char *s, const char *e, char num[REF_NUM_DIGITS + 1])
{
	size_t len;

	while (s < e - 1 && *s == '0')
		s++;
	len = (size_t)(e - s);
	if (len == 0 || len > REF_NUM_DIGITS || (len == 1 && *s == '0'))
		return -1;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return -1;
	memcpy(num, s, len);
	num[len] = '\0';
	return 0;
}

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/*
 * [s, e) is a Jira issue key: a letter, one or more letters, digits or '_'
 * (the project key), '-' and a positive number. Its canonical form (key in
 * upper case, no leading zeros) is appended to out. Returns 0 or -1.
 */
static int
jira_key(const char *s, const char *e, struct buf *out)
{
	const char *dash = s, *p;
	char num[REF_NUM_DIGITS + 1];

	while (dash < e && *dash != '-')
		dash++;
	if (dash == e || dash - s < 2 || dash - s > JIRA_KEY_MAX ||
	    !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		return -1;
	for (p = s; p < dash; p++)
		if (!seg_char(*p) || *p == '.' || *p == '-')
			return -1;
	if (parse_num(dash + 1, e, num) < 0)
		return -1;
	for (p = s; p < dash; p++)
		buf_addch(out, upper(*p));
	buf_addf(out, "-%s", num);
	return 0;
}

/*
 * A Jira issue's address: path [path, end) is [CONTEXT/]browse/KEY-N, with
 * an optional final '/'. The key's canonical form goes to out.
 */
static int
jira_url(const char *path, const char *end, struct buf *out)
{
	const char *key;

	if (end > path && end[-1] == '/')
		end--;
	for (key = end; key > path && key[-1] != '/'; key--)
		;
	if (key - path < 7 || memcmp(key - 7, "browse/", 7) != 0)
		return -1;
	if (key - 7 != path && (key[-8] != '/' || path_segments(path, key - 8) == 0))
		return -1;
	return jira_key(key, end, out);
}

/* Characters RFC 3986 allows in a URL (unreserved, reserved, '%'); nothing else gets through. */
static int
url_char(unsigned char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return 1;
	return c != '\0' && strchr("-._~:/?#[]@!$&'()*+,;=%", c) != NULL;
}

static int
prefix_nocase(const char *s, const char *p)
{
	for (; *p; s++, p++) {
		char c = *s;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != *p)
			return 0;
	}
	return 1;
}

/*
 * Find "marker" in path [s, e) followed by a number and at most a trailing '/':
 * "<prefix>/-/issues/12". Sets *pre_end to the end of the prefix and the number.
 */
static int
split_tail(const char *s, const char *e, const char *marker, const char **pre_end,
	   char num[REF_NUM_DIGITS + 1])
{
	size_t ml = strlen(marker);
	const char *p, *n;

	if (e > s && e[-1] == '/')
		e--;
	for (p = s; p + ml < e; p++) {
		if (memcmp(p, marker, ml) != 0)
			continue;
		n = p + ml;
		if (memchr(n, '/', (size_t)(e - n)) == NULL && parse_num(n, e, num) == 0) {
			*pre_end = p;
			return 0;
		}
	}
	return -1;
}

/*
 * Known issue and epic URLs become their short form so that a ref pasted from
 * a browser and one typed by hand match (webhooks close items by ref). The
 * host is dropped: okra names items by path, as GitLab's own short refs do.
 */
static int
canonical_url(const char *url, size_t len, struct buf *out, enum ref_kind *kind)
{
	const char *host = strstr(url, "://") + 3;
	const char *end = url + len;
	const char *path = memchr(host, '/', (size_t)(end - host));
	const char *pre_end;
	char num[REF_NUM_DIGITS + 1];
	size_t hostlen;

	if (!path || memchr(path, '?', (size_t)(end - path)) ||
	    memchr(path, '#', (size_t)(end - path)))
		return -1;
	hostlen = (size_t)(path - host);
	path++;

	if ((hostlen == 10 && prefix_nocase(host, "github.com")) ||
	    (hostlen == 14 && prefix_nocase(host, "www.github.com"))) {
		/* A pull request is numbered with the issues: owner/repo#N names either. */
		if ((split_tail(path, end, "/issues/", &pre_end, num) == 0 ||
		     split_tail(path, end, "/pull/", &pre_end, num) == 0) &&
		    path_segments(path, pre_end) == 2) {
			buf_add(out, path, (size_t)(pre_end - path));
			buf_addf(out, "#%s", num);
			*kind = REF_ISSUE;
			return 0;
		}
		return -1;
	}
	if (jira_url(path, end, out) == 0) {
		*kind = REF_JIRA;
		return 0;
	}
	/* GitLab: epics live under /groups/PATH/-/epics/N (or group work items, the new epics). */
	if (strncmp(path, "groups/", 7) == 0) {
		const char *g = path + 7;
		if ((split_tail(g, end, "/-/epics/", &pre_end, num) == 0 ||
		     split_tail(g, end, "/-/work_items/", &pre_end, num) == 0) &&
		    path_segments(g, pre_end) >= 1) {
			buf_add(out, g, (size_t)(pre_end - g));
			buf_addf(out, "&%s", num);
			*kind = REF_EPIC;
			return 0;
		}
		return -1;
	}
	if ((split_tail(path, end, "/-/issues/", &pre_end, num) == 0 ||
	     split_tail(path, end, "/-/work_items/", &pre_end, num) == 0) &&
	    path_segments(path, pre_end) >= 2) {
		buf_add(out, path, (size_t)(pre_end - path));
		buf_addf(out, "#%s", num);
		*kind = REF_ISSUE;
		return 0;
	}
	if (split_tail(path, end, "/-/merge_requests/", &pre_end, num) == 0 &&
	    path_segments(path, pre_end) >= 2) {
		buf_add(out, path, (size_t)(pre_end - path));
		buf_addf(out, "!%s", num);
		*kind = REF_MR;
		return 0;
	}
	return -1;
}

static int
parse_url(const char *in, size_t len, const char *field, struct buf *out, enum ref_kind *kind,
	  struct okra_err *err)
{
	size_t skip = prefix_nocase(in, "https://") ? 8 : 7;
	const char *host = in + skip, *p;
	size_t i;

	for (i = 0; i < len; i++)
		if (!url_char((unsigned char)in[i]))
			return refuse(err, field, "has a character a URL may not contain");
	/* A host: letters, digits, dots and dashes, optionally a port. */
	for (p = host; *p && !strchr("/:?#", *p); p++)
		if (!seg_char(*p) || *p == '_')
			return refuse(err, field, "has no valid host after http(s)://");
	if (p == host)
		return refuse(err, field, "has no host after http(s)://");
	if (*p == ':') {
		const char *port = ++p;
		long v = 0;
		for (; *p >= '0' && *p <= '9' && v <= 65535; p++)
			v = v * 10 + (*p - '0');
		if (p == port || v == 0 || v > 65535 || (*p && !strchr("/?#", *p)))
			return refuse(err, field, "has a bad port after the host");
	}
	if (canonical_url(in, len, out, kind) == 0)
		return 0;
	/* Other URLs stay as given but with the scheme in lower case, as browsers show it. */
	buf_adds(out, skip == 8 ? "https://" : "http://");
	buf_add(out, host, len - skip);
	*kind = REF_URL;
	return 0;
}

static int
parse_ref(const char *in, const char *field, struct buf *out, enum ref_kind *kind,
	  struct okra_err *err)
{
	enum ref_kind k_unused;
	const char *mark, *p;
	char num[REF_NUM_DIGITS + 1];
	size_t len;
	int nseg;

	if (!field)
		field = "ref";
	if (!kind)
		kind = &k_unused;
	if (!in || !*in)
		return refuse(err, field, "is empty");
	len = strnlen(in, REF_MAX + 1);
	if (len > REF_MAX)
		return okra_err_set(err, OKRA_EINVAL, field, "%s is longer than %d bytes: %s",
				    field, REF_MAX, forms);
	for (p = in; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			return refuse(err, field, "has a space, control or non-ASCII character");
	if (prefix_nocase(in, "https://") || prefix_nocase(in, "http://"))
		return parse_url(in, len, field, out, kind, err);

	mark = in + strcspn(in, "#&!");
	if (!*mark && jira_key(in, in + len, out) == 0) {
		*kind = REF_JIRA;
		return 0;
	}
	if (!*mark)
		return refuse(err, field,
			      "has neither #NUMBER (issue) nor &NUMBER (epic) nor !NUMBER (merge "
			      "request), nor is it a Jira key");
	if (strpbrk(mark + 1, "#&!"))
		return refuse(err, field, "has more than one #, & or !");
	nseg = path_segments(in, mark);
	if (nseg == 0)
		return refuse(
			err, field,
			"has a bad path: use letters, digits, '_', '.' and '-' between slashes");
	if (parse_num(mark + 1, in + len, num) < 0)
		return refuse(
			err, field,
			"needs a positive whole number after # or & (or ! for a merge request)");
	if (*mark == '#' && nseg < 2)
		return refuse(err, field, "names no project: an issue is group/project#123");
	if (*mark == '!' && nseg < 2)
		return refuse(err, field, "names no project: a merge request is group/project!12");
	buf_add(out, in, (size_t)(mark - in));
	buf_addf(out, "%c%s", *mark, num);
	*kind = *mark == '#' ? REF_ISSUE : *mark == '&' ? REF_EPIC : REF_MR;
	return 0;
}

/*
 * GitLab and GitHub look paths up without regard to case, and webhooks send
 * them as the project spells itself: short forms are kept in lower case so
 * "Group/Project#1" and "group/project#1" are one item.
 */
int
ref_parse(const char *in, const char *field, struct buf *out, enum ref_kind *kind,
	  struct okra_err *err)
{
	enum ref_kind k;
	size_t start = out->len;
	int rc = parse_ref(in, field, out, &k, err);

	if (rc < 0)
		return rc;
	if (k != REF_URL && k != REF_JIRA)
		for (size_t i = start; i < out->len && !strchr("#&!", out->buf[i]); i++)
			if (out->buf[i] >= 'A' && out->buf[i] <= 'Z')
				out->buf[i] = (char)(out->buf[i] - 'A' + 'a');
	if (kind)
		*kind = k;
	return 0;
}

/*
 * The site of a Jira issue's address whose host starts at h and ends at e:
 * the host in lower case and the context path before the last /browse/.
 */
static void
jira_site(const char *h, const char *e, struct buf *host)
{
	const char *b = NULL, *q;
	size_t start;

	if (!host)
		return;
	for (q = strstr(e, "/browse/"); q; q = strstr(q + 1, "/browse/"))
		b = q;
	if (!b)
		return;
	start = host->len;
	buf_add(host, h, (size_t)(b - h));
	for (size_t i = start; i < start + (size_t)(e - h); i++)
		if (host->buf[i] >= 'A' && host->buf[i] <= 'Z')
			host->buf[i] = (char)(host->buf[i] - 'A' + 'a');
}

enum ref_forge
ref_forge_of(const char *in, struct buf *host)
{
	struct buf canon = BUF_INIT;
	enum ref_kind kind = REF_URL;
	enum ref_forge forge = REF_FORGE_NONE;
	const char *h, *e;

	if (!in || !(prefix_nocase(in, "https://") || prefix_nocase(in, "http://")) ||
	    parse_ref(in, NULL, &canon, &kind, NULL) < 0 || kind == REF_URL)
		goto out;
	h = strstr(in, "://") + 3;
	e = h + strcspn(h, "/");
	if (kind == REF_JIRA) {
		forge = REF_FORGE_JIRA;
		jira_site(h, e, host);
		goto out;
	}
	forge = ((e - h == 10 && prefix_nocase(h, "github.com")) ||
		 (e - h == 14 && prefix_nocase(h, "www.github.com")))
			? REF_FORGE_GITHUB
			: REF_FORGE_GITLAB;
	if (host) {
		size_t start = host->len;

		buf_adds(host, forge == REF_FORGE_GITHUB ? "github.com" : "");
		if (forge == REF_FORGE_GITLAB)
			buf_add(host, h, (size_t)(e - h));
		for (size_t i = start; i < host->len; i++)
			if (host->buf[i] >= 'A' && host->buf[i] <= 'Z')
				host->buf[i] = (char)(host->buf[i] - 'A' + 'a');
	}
out:
	buf_release(&canon);
	return forge;
}

/* The forge a configured address names: GitHub on github.com, else none said. */
static enum ref_forge
base_forge(const char *base)
{
	const char *h = strstr(base, "://");
	size_t n;

	h = h ? h + 3 : base;
	n = strcspn(h, "/:");
	return (n == 10 && prefix_nocase(h, "github.com")) ||
			       (n == 14 && prefix_nocase(h, "www.github.com"))
		       ? REF_FORGE_GITHUB
		       : REF_FORGE_NONE;
}

int
ref_is_jira(const char *canon)
{
	struct buf b = BUF_INIT;
	size_t len = canon ? strnlen(canon, REF_MAX + 1) : 0;
	int ok = len && len <= REF_MAX && jira_key(canon, canon + len, &b) == 0 && b.len == len &&
		 memcmp(b.buf, canon, len) == 0;

	buf_release(&b);
	return ok;
}

/* A Jira key's address: on its recorded site, else under base. */
static int
jira_ref_url(const char *ref, const char *host, const char *base, struct buf *out)
{
	size_t blen;

	if (host && *host) {
		buf_adds(out, "https://");
		buf_adds(out, host);
	} else if (base && *base) {
		blen = strlen(base);
		while (blen && base[blen - 1] == '/')
			blen--;
		buf_add(out, base, blen);
	} else {
		return 0;
	}
	buf_addf(out, "/browse/%s", ref);
	return 1;
}

int
ref_url(const char *ref, enum ref_forge forge, const char *host, const char *base, struct buf *out)
{
	const char *mark;
	size_t blen;

	if (!ref || !*ref)
		return 0;
	if (prefix_nocase(ref, "https://") || prefix_nocase(ref, "http://")) {
		buf_adds(out, ref);
		return 1;
	}
	if (ref_is_jira(ref))
		return jira_ref_url(ref, host, base, out);
	mark = ref + strcspn(ref, "#&!");
	if (!*mark || mark == ref || !mark[1])
		return 0;
	if (!(host && *host) && !(base && *base))
		return 0;
	if (!(host && *host) && base_forge(base) == REF_FORGE_GITHUB)
		forge = REF_FORGE_GITHUB;
	if (forge == REF_FORGE_NONE)
		forge = REF_FORGE_GITLAB;
	if (*mark != '#' && forge == REF_FORGE_GITHUB)
		return 0; /* GitHub has no epics, and its pull requests are owner/repo#N */
	if (host && *host) {
		buf_adds(out, "https://");
		buf_adds(out, host);
	} else {
		blen = strlen(base);
		while (blen && base[blen - 1] == '/')
			blen--;
		buf_add(out, base, blen);
	}
	if (*mark == '&') {
		buf_adds(out, "/groups/");
		buf_add(out, ref, (size_t)(mark - ref));
		buf_addf(out, "/-/epics/%s", mark + 1);
	} else if (*mark == '!') {
		buf_addch(out, '/');
		buf_add(out, ref, (size_t)(mark - ref));
		buf_addf(out, "/-/merge_requests/%s", mark + 1);
	} else {
		buf_addch(out, '/');
		buf_add(out, ref, (size_t)(mark - ref));
		buf_addf(out, forge == REF_FORGE_GITHUB ? "/issues/%s" : "/-/issues/%s", mark + 1);
	}
	return 1;
}
