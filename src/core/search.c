/* search.c: a search query split into words, refusing what no person types; the kinds' names. */
#include "core/search.h"

#include <stdio.h>
#include <string.h>

#include "util/jw.h"

static const char *const kind_names[SEARCH_NKINDS] = {
	[SEARCH_OBJECTIVE] = "objective", [SEARCH_KR] = "key_result", [SEARCH_CHECKIN] = "checkin",
	[SEARCH_STATUS] = "status",       [SEARCH_RETRO] = "retro",   [SEARCH_COMMENT] = "comment",
};
static const char *const kind_headings[SEARCH_NKINDS] = {
	[SEARCH_OBJECTIVE] = "Objectives",   [SEARCH_KR] = "Key results",
	[SEARCH_CHECKIN] = "Check-in notes", [SEARCH_STATUS] = "Status updates",
	[SEARCH_RETRO] = "Retrospectives",   [SEARCH_COMMENT] = "Comments",
};

const char *
search_kind_name(enum search_kind k)
{
	return (unsigned)k < SEARCH_NKINDS ? kind_names[k] : "";
}

const char *
search_kind_heading(enum search_kind k)
{
	return (unsigned)k < SEARCH_NKINDS ? kind_headings[k] : "";
}

int
search_kind_parse(const char *name)
{
	for (int k = 0; k < SEARCH_NKINDS; k++)
		if (strcmp(kind_names[k], name) == 0)
			return k;
	return -1;
}

static int
is_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c >= 0x80;
}

int
search_query_parse(const char *q, struct search_query *out, struct okra_err *err)
{
	size_t len = strlen(q);
	char *p;

	out->n = 0;
	out->text[0] = '\0';
	if (len > SEARCH_QUERY_MAX)
		return okra_err_set(err, OKRA_EINVAL, "q",
				    "a search is at most %d characters, not %zu", SEARCH_QUERY_MAX,
				    len);
	if (!jw_utf8_valid(q))
		return okra_err_set(err, OKRA_EINVAL, "q", "a search must be UTF-8 text");
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)q[i] < 0x20 || q[i] == 0x7f)
			return okra_err_set(err, OKRA_EINVAL, "q",
					    "a search is one line of text, without control "
					    "characters");
	memcpy(out->text, q, len + 1);
	for (p = out->text; *p;) {
		if (!is_word_byte((unsigned char)*p)) {
			*p++ = '\0';
			continue;
		}
		if (out->n < SEARCH_WORDS_MAX)
			out->words[out->n++] = p;
		while (*p && is_word_byte((unsigned char)*p))
			p++;
	}
	return 0;
}

void
search_hit_path(const struct search_hit *h, char out[64])
{
	if (h->sub && h->kind != SEARCH_OBJECTIVE && h->kind != SEARCH_RETRO)
		snprintf(out, 64, "/objectives/%lld#kr-%lld", (long long)h->objective,
			 (long long)h->sub);
	else if (h->kind == SEARCH_KR)
		snprintf(out, 64, "/objectives/%lld#kr-%lld", (long long)h->objective,
			 (long long)h->id);
	else
		snprintf(out, 64, "/objectives/%lld", (long long)h->objective);
}

void
search_plain(struct buf *out, const char *marked)
{
	for (const char *p = marked; *p; p++)
		if (*p != SEARCH_MARK_ON && *p != SEARCH_MARK_OFF)
			buf_add(out, p, 1);
}

const char *
search_next_mark(const char *p, size_t *len)
{
	const char *start = strchr(p, SEARCH_MARK_ON), *end;

	if (!start)
		return NULL;
	start++;
	end = strchr(start, SEARCH_MARK_OFF);
	*len = end ? (size_t)(end - start) : strlen(start);
	return start;
}
