/* comment.c: a comment's body checked and its @mentions read (pure, for src/app). */
#include "core/comment.h"

#include <string.h>

#include "core/validate.h"

int
comment_check_body(const char *field, const char *body, struct okra_err *err)
{
	const char *p = body;
	int rc;

	if ((rc = validate_text(field, body, COMMENT_MAX, err)) < 0)
		return rc;
	while (p && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
		p++;
	if (!p || !*p)
		return okra_err_set(err, OKRA_EINVAL, field, "%s is empty: write what you say",
				    field);
	return 0;
}

static int
handle_char(char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       (!first && (c == '.' || c == '_' || c == '-'));
}

/* A character that may stand before the @ of an address (so not a mention). */
static int
word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '_' || c == '-' || c == '+' || c == '@' || c == '/';
}

int
comment_next_mention(const char *s, size_t *pos, char out[41])
{
	size_t i = *pos;

	for (; s[i]; i++) {
		size_t run = 0, n;

		if (s[i] != '@' || (i > 0 && word_char(s[i - 1])))
			continue;
		while (handle_char(s[i + 1 + run], run == 0))
			run++;
		n = run;
		while (n > 0 && strchr("._-", s[i + n]))
			n--;
		if (n == 0 || run > 40 || s[i + 1 + run] == '@') {
			i += run; /* not a handle, or an address: skip the whole run */
			continue;
		}
		memcpy(out, s + i + 1, n);
		out[n] = '\0';
		*pos = i + 1 + n;
		return 1;
	}
	*pos = i;
	return 0;
}
