/* opt.c: option parsing for every command, its usage line from the option table, and strict
 * parsing of option values. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"

/* A hole in a table (an enum constant without its row) is a programming error: stop at once. */
static void
check_table(const struct cli_usage *u)
{
	for (size_t i = 0; i < u->nopts; i++)
		if (!u->opts[i].name) {
			fprintf(stderr, "okra: %s: option row %zu is missing from its table\n",
				u->words, i);
			abort();
		}
}

/* "--title T", "--criteria", "--link REF…" as help lists them; "…" only when list is set. */
static void
opt_word(struct buf *out, const struct opt *o, int list)
{
	buf_addf(out, "--%s", o->name);
	if (o->type != OPT_FLAG)
		buf_addf(out, " %s", o->arg ? o->arg : "V");
	if (list && o->type == OPT_LIST)
		buf_adds(out, "…");
}

/* The rows of group g (the first at index first), bracketed as struct opt says. */
static void
group_words(struct buf *out, const struct cli_usage *u, size_t first)
{
	int g = u->opts[first].group, alt = 0, n = 0;

	for (size_t i = first; i < u->nopts; i++)
		if (u->opts[i].group == g && (u->opts[i].flags & OPT_ALT))
			alt = 1;
	buf_adds(out, alt ? " (" : " [");
	for (size_t i = first; i < u->nopts; i++) {
		const struct opt *o = &u->opts[i];

		if (o->group != g || (o->flags & OPT_HIDDEN))
			continue;
		if (n++)
			buf_adds(out, o->flags & OPT_ALT ? " | " : " ");
		opt_word(out, o, 1);
	}
	buf_adds(out, alt ? ")" : "]");
}

/* Whether row i's group was drawn already, at a shown row before it. */
static int
group_seen(const struct cli_usage *u, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (u->opts[k].group == u->opts[i].group && !(u->opts[k].flags & OPT_HIDDEN))
			return 1;
	return 0;
}

void
opt_usage_line(const struct cli_usage *u, struct buf *out)
{
	check_table(u);
	buf_adds(out, u->words);
	if (u->args)
		buf_addf(out, " %s", u->args);
	for (size_t i = 0; i < u->nopts; i++) {
		const struct opt *o = &u->opts[i];

		if (o->flags & OPT_HIDDEN)
			continue;
		if (o->group) {
			if (!group_seen(u, i))
				group_words(out, u, i);
			continue;
		}
		if (o->flags & OPT_REQUIRED) {
			buf_addch(out, ' ');
			opt_word(out, o, 1);
			continue;
		}
		buf_adds(out, " [");
		opt_word(out, o, 0);
		buf_addch(out, ']');
		if (o->type == OPT_LIST)
			buf_adds(out, "…");
	}
	if (u->json)
		buf_adds(out, " [--json]");
}

static void
usage_print(const struct cli_usage *u)
{
	struct buf line = BUF_INIT;

	opt_usage_line(u, &line);
	printf("usage: %s%s\n", line.buf, u->note ? u->note : "");
	buf_release(&line);
	for (size_t i = 0; i < u->nopts; i++) {
		const struct opt *o = &u->opts[i];
		struct buf left = BUF_INIT;

		opt_word(&left, o, 1);
		printf("  %-26s %s\n", left.buf, o->help ? o->help : "");
		buf_release(&left);
	}
}

void
opt_describe(struct jw *w, const struct cli_usage *u)
{
	static const char *const types[] = {"flag", "string", "list"};
	struct buf line = BUF_INIT;

	opt_usage_line(u, &line);
	jw_object(w);
	jw_kstr(w, "words", u->words);
	jw_kstr(w, "args", u->args);
	jw_kstr(w, "line", line.buf);
	jw_kbool(w, "json", u->json);
	jw_kstr(w, "note", u->note);
	jw_key(w, "options");
	jw_array(w);
	for (size_t i = 0; i < u->nopts; i++) {
		const struct opt *o = &u->opts[i];

		jw_object(w);
		jw_kstr(w, "name", o->name);
		jw_kstr(w, "type", types[o->type]);
		jw_kstr(w, "arg", o->type == OPT_FLAG ? NULL : o->arg ? o->arg : "V");
		jw_kstr(w, "help", o->help);
		jw_kbool(w, "required", (o->flags & OPT_REQUIRED) != 0);
		jw_kbool(w, "hidden", (o->flags & OPT_HIDDEN) != 0);
		jw_end(w);
	}
	jw_end(w);
	jw_end(w);
	buf_release(&line);
}

/* The usage line in b, for an error message; the caller releases b. */
static const char *
line_of(const struct cli_usage *u, struct buf *b)
{
	opt_usage_line(u, b);
	return b->buf;
}

static const struct opt *
opt_find(const struct cli_usage *u, const char *name, size_t *idx)
{
	for (size_t i = 0; i < u->nopts; i++)
		if (!strcmp(u->opts[i].name, name)) {
			*idx = i;
			return &u->opts[i];
		}
	return NULL;
}

void
opt_release(struct optv *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		strlist_release(&v[i].list);
}

int
opt_parse(struct cli *c, const struct cli_usage *u, struct optv *v, int argc, char **argv,
	  const char **pos, struct okra_err *err)
{
	struct buf line = BUF_INIT;
	int npos = 0, dashdash = 0, rc;

	check_table(u);
	for (size_t i = 0; i < u->nopts; i++)
		v[i] = (struct optv){0};
	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq, *value = NULL;
		const struct opt *o;
		char name[64];
		size_t len, k;

		if (dashdash || arg[0] != '-' || arg[1] != '-' || !arg[2]) {
			if (!dashdash && !strcmp(arg, "--")) {
				dashdash = 1;
				continue;
			}
			if (npos >= u->maxpos) {
				rc = okra_err_set(err, OKRA_EUSAGE, "",
						  "unexpected argument '%s' (usage: %s)", arg,
						  line_of(u, &line));
				buf_release(&line);
				return rc;
			}
			pos[npos++] = arg;
			continue;
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		if (len >= sizeof(name))
			return okra_err_set(err, OKRA_EUSAGE, "", "unknown option --%.40s…", arg);
		memcpy(name, arg, len);
		name[len] = '\0';
		if (!strcmp(name, "help")) {
			if (c->describe)
				opt_describe(c->describe, u);
			else
				usage_print(u);
			return 1;
		}
		if (!strcmp(name, "json") && !eq) {
			c->json = 1;
			continue;
		}
		if (!(o = opt_find(u, name, &k))) {
			rc = okra_err_set(err, OKRA_EUSAGE, "",
					  "unknown option --%s; usage: okra %s", name,
					  line_of(u, &line));
			buf_release(&line);
			return rc;
		}
		if (o->type == OPT_FLAG) {
			if (eq)
				return okra_err_set(err, OKRA_EUSAGE, name, "--%s takes no value",
						    name);
			v[k].set = 1;
			continue;
		}
		if (eq)
			value = eq + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return okra_err_set(err, OKRA_EUSAGE, name, "--%s needs a value (%s)", name,
					    o->arg ? o->arg : "V");
		v[k].set = 1;
		v[k].value = value;
		if (o->type == OPT_LIST)
			strlist_push(&v[k].list, value);
	}
	if (npos < u->minpos) {
		rc = okra_err_set(err, OKRA_EUSAGE, "", "missing argument (usage: %s)",
				  line_of(u, &line));
		buf_release(&line);
		return rc;
	}
	for (int i = npos; i < u->maxpos; i++)
		pos[i] = NULL;
	return 0;
}

int
opt_require(const struct cli_usage *u, const struct optv *v, struct okra_err *err)
{
	struct buf names = BUF_INIT;
	const char *field = "";
	size_t n = 0, k = 0, missing = 0;
	int rc;

	for (size_t i = 0; i < u->nopts; i++)
		if (u->opts[i].flags & OPT_REQUIRED) {
			n++;
			missing += !v[i].set;
		}
	if (!missing)
		return 0;
	for (size_t i = 0; i < u->nopts; i++) {
		if (!(u->opts[i].flags & OPT_REQUIRED))
			continue;
		buf_addf(&names, "%s--%s", !k ? "" : k + 1 < n ? ", " : " and ", u->opts[i].name);
		if (n == 1)
			field = u->opts[i].name;
		k++;
	}
	rc = okra_err_set(err, OKRA_EUSAGE, field, "%s needs %s", u->words, names.buf);
	buf_release(&names);
	return rc;
}

int
cli_number(const char *field, const char *s, double *out, struct okra_err *err)
{
	return validate_number(field, s, out, err);
}

int
cli_number_opt(const char *field, const struct optv *o, int *set, double *out, struct okra_err *err)
{
	if (!(*set = o->set))
		return 0;
	return cli_number(field, o->value, out, err);
}

int
cli_id(const char *field, const char *s, int64_t *out, struct okra_err *err)
{
	return validate_id(field, s, out, err);
}

int
cli_date(const char *field, const char *s, int32_t *out, struct okra_err *err)
{
	return validate_date(field, s, out, err);
}

int
cli_health(const char *s, enum health *out, struct okra_err *err)
{
	return validate_health("health", s, out, err);
}
