/* md_import.c: the handbook Markdown read into plain structs, driven by three tables: the
 * headings that open a section, what each section accepts, and the okra block's fields. */
#include "core/md_import.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/validate.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Where the walk is: the section the last structural heading opened. */
enum sect {
	S_NONE,
	S_OBJ_HEAD,
	S_OBJ_CONTEXT,
	S_OBJ_LINKS,
	S_RETRO,
	S_RETRO_GOOD,
	S_RETRO_BAD,
	S_RETRO_TRY,
	S_KR_HEAD,
	S_KR_CONTEXT,
	S_KR_CRITERIA,
	S_KR_INITIATIVES,
	S_COUNT
};

#define IN(s) (1u << (s))
#define ANY_SECT (IN(S_COUNT) - 1)

struct parser {
	const char *file;
	struct okra_err *err;
	struct md_import *doc;
	char **lines; /* the source, one string per line (no newline) */
	size_t nlines;
	enum sect sect;
	struct md_import_obj *o; /* the objective and KR being read, or NULL */
	struct md_import_kr *k;
	/* the text being collected: lines [from, next boundary) go into *dest */
	int from;
	char **dest;
	int list_done; /* the section's one list has been read */
};

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static int
fail(struct parser *p, int line, const char *msg)
{
	return okra_err_set(p->err, OKRA_EINVAL, "file", "%s:%d: %s", p->file, line, msg);
}

/* An error of a core parser prefixed with FILE:LINE. */
static int
at(struct parser *p, int line, int rc)
{
	char msg[sizeof(p->err->msg)];

	memcpy(msg, p->err->msg, sizeof(msg));
	return okra_err_set(p->err, rc, p->err->field, "%s:%d: %.400s", p->file, line, msg);
}

static void
items_release(struct md_import_items *l)
{
	for (size_t i = 0; i < l->n; i++)
		handbook_item_release(&l->v[i].it);
	free(l->v);
}

static void
kr_release(struct md_import_kr *k)
{
	free(k->title);
	free(k->dri);
	free(k->kind);
	free(k->unit);
	free(k->context);
	items_release(&k->criteria);
	items_release(&k->initiatives);
}

static void
obj_release(struct md_import_obj *o)
{
	free(o->title);
	free(o->cycle);
	free(o->team);
	free(o->dri);
	free(o->state);
	free(o->retro_kind);
	free(o->context);
	free(o->sections);
	items_release(&o->links);
	strlist_release(&o->good);
	strlist_release(&o->bad);
	strlist_release(&o->try);
	for (size_t i = 0; i < o->nkrs; i++)
		kr_release(&o->krs[i]);
	free(o->krs);
}

void
md_import_release(struct md_import *m)
{
	for (size_t i = 0; i < m->nobjs; i++)
		obj_release(&m->objs[i]);
	free(m->objs);
	m->objs = NULL;
	m->nobjs = 0;
}

/* ---- the source's lines and the free text between headings ---- */

static int
blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

/* Lines [from, to] (1-based, inclusive) joined by "\n", blank lines at either end dropped. */
static char *
text_of(struct parser *p, int from, int to)
{
	struct buf b = BUF_INIT;

	while (from <= to && blank(p->lines[from - 1]))
		from++;
	while (to >= from && blank(p->lines[to - 1]))
		to--;
	if (from > to)
		return NULL;
	for (int i = from; i <= to; i++) {
		buf_adds(&b, p->lines[i - 1]);
		if (i < to)
			buf_addch(&b, '\n');
	}
	buf_rtrim(&b);
	return buf_detach(&b, NULL);
}

/* Close the text being collected at the line before `line`. */
static void
collect_end(struct parser *p, int line)
{
	if (p->dest) {
		free(*p->dest);
		*p->dest = text_of(p, p->from, line - 1);
	}
	p->dest = NULL;
}

static void
collect_start(struct parser *p, char **dest, int from)
{
	p->dest = dest;
	p->from = from;
}

/* A heading's text: its source line without the #s (ATX) — verbatim, so titles round-trip. */
static char *
heading_text(struct parser *p, cmark_node *n)
{
	const char *s = p->lines[cmark_node_get_start_line(n) - 1];
	size_t len;

	s += strspn(s, " ");
	if (*s == '#') {
		s += strspn(s, "#");
		if (*s == ' ' || *s == '\t')
			s++;
	}
	len = strlen(s);
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return xstrndup(s, len);
}

/* A list item's text: from its first block to the item's end, lines trimmed and joined by " ". */
static char *
item_text(struct parser *p, cmark_node *item)
{
	cmark_node *c = cmark_node_first_child(item);
	struct buf b = BUF_INIT;
	int from, to, col;

	if (!c)
		return xstrdup("");
	from = cmark_node_get_start_line(c);
	col = cmark_node_get_start_column(c);
	to = cmark_node_get_end_line(item);
	for (int i = from; i <= to && i <= (int)p->nlines; i++) {
		const char *s = p->lines[i - 1];
		size_t len;

		if (i == from && col > 0 && (size_t)(col - 1) <= strlen(s))
			s += col - 1;
		s += strspn(s, " \t");
		len = strlen(s);
		while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (!len)
			continue;
		if (b.len)
			buf_addch(&b, ' ');
		buf_add(&b, s, len);
	}
	return buf_detach(&b, NULL);
}

typedef int (*item_parser)(const char *, struct handbook_item *, struct okra_err *);

static int
read_items(struct parser *p, cmark_node *list, item_parser parse, struct md_import_items *out)
{
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
		char *s = item_text(p, it);
		int line = cmark_node_get_start_line(it), rc;

		if (out->n == out->alloc) {
			out->alloc = out->alloc ? out->alloc * 2 : 8;
			out->v = xreallocarray(out->v, out->alloc, sizeof(*out->v));
		}
		out->v[out->n].line = line;
		rc = parse(s, &out->v[out->n].it, p->err);
		free(s);
		if (rc < 0)
			return at(p, line, rc);
		out->n++;
	}
	return 0;
}

static int
read_bullets(struct parser *p, cmark_node *list, struct strlist *out)
{
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
		char *s = item_text(p, it);

		strlist_push(out, s);
		free(s);
	}
	return 0;
}

/* ---- the okra block: one row per key ---- */

enum field_kind {
	FIELD_READ_ONLY, /* recorded by check-ins and status updates, ignored here */
	FIELD_TEXT,
	FIELD_NUMBER,
	FIELD_ID,
};

#define NO_FIELD ((size_t)-1)
#define OBJ_AT(f) offsetof(struct md_import_obj, f)
#define KR_AT(f) offsetof(struct md_import_kr, f)

/* Where a key goes in an objective and in a key result (NO_FIELD: not taken there). */
static const struct block_field {
	const char *key;
	enum field_kind kind;
	size_t obj, kr;         /* the value */
	size_t obj_has, kr_has; /* the int set to 1 when the key is given */
} block_fields[] = {
	{"health", FIELD_READ_ONLY, 0, 0, NO_FIELD, NO_FIELD},
	{"progress", FIELD_READ_ONLY, 0, 0, NO_FIELD, NO_FIELD},
	{"current", FIELD_READ_ONLY, 0, 0, NO_FIELD, NO_FIELD},
	{"id", FIELD_ID, OBJ_AT(id), KR_AT(id), NO_FIELD, NO_FIELD},
	{"dri", FIELD_TEXT, OBJ_AT(dri), KR_AT(dri), NO_FIELD, NO_FIELD},
	{"weight", FIELD_NUMBER, OBJ_AT(weight), KR_AT(weight), OBJ_AT(has_weight),
	 KR_AT(has_weight)},
	{"cycle", FIELD_TEXT, OBJ_AT(cycle), NO_FIELD, NO_FIELD, NO_FIELD},
	{"team", FIELD_TEXT, OBJ_AT(team), NO_FIELD, NO_FIELD, NO_FIELD},
	{"state", FIELD_TEXT, OBJ_AT(state), NO_FIELD, NO_FIELD, NO_FIELD},
	{"retro", FIELD_TEXT, OBJ_AT(retro_kind), NO_FIELD, NO_FIELD, NO_FIELD},
	{"parent", FIELD_ID, OBJ_AT(parent), NO_FIELD, OBJ_AT(has_parent), NO_FIELD},
	{"kind", FIELD_TEXT, NO_FIELD, KR_AT(kind), NO_FIELD, NO_FIELD},
	{"unit", FIELD_TEXT, NO_FIELD, KR_AT(unit), NO_FIELD, NO_FIELD},
	{"start", FIELD_NUMBER, NO_FIELD, KR_AT(start), NO_FIELD, KR_AT(has_start)},
	{"target", FIELD_NUMBER, NO_FIELD, KR_AT(target), NO_FIELD, KR_AT(has_target)},
};

/* One "key: value" line into the objective's or the KR's fields (base); val may be taken. */
static int
set_field(struct parser *p, int line, int is_obj, char *base, const char *key, char **val)
{
	for (size_t i = 0; i < sizeof(block_fields) / sizeof(block_fields[0]); i++) {
		const struct block_field *f = &block_fields[i];
		size_t off = is_obj ? f->obj : f->kr, has = is_obj ? f->obj_has : f->kr_has;
		int rc = 0;

		if (strcmp(key, f->key) != 0 || off == NO_FIELD)
			continue;
		if (f->kind == FIELD_TEXT) {
			char **slot = (char **)(base + off);

			free(*slot);
			*slot = *val;
			*val = NULL;
		} else if (f->kind == FIELD_NUMBER &&
			   validate_number(key, *val, (double *)(base + off), p->err) < 0) {
			rc = at(p, line, OKRA_EINVAL);
		} else if (f->kind == FIELD_ID &&
			   validate_id(key, *val, (int64_t *)(base + off), p->err) < 0) {
			rc = at(p, line, OKRA_EINVAL);
		}
		if (has != NO_FIELD)
			*(int *)(base + has) = 1;
		return rc;
	}
	{
		char msg[160];

		snprintf(msg, sizeof(msg), "unknown field \"%.40s\" in the okra block of %s", key,
			 is_obj ? "an objective" : "a key result");
		return fail(p, line, msg);
	}
}

/*
 * The next non-empty line of *s, cut in place, or NULL at the end; empty lines are skipped
 * without being counted, as the block's line numbers always were.
 */
static char *
next_line(char **s)
{
	char *l = *s + strspn(*s, "\n"), *end;

	if (!*l)
		return NULL;
	end = l + strcspn(l, "\n");
	*s = *end ? end + 1 : end;
	*end = '\0';
	return l;
}

/* The ```okra block after an objective's or KR's heading. */
static int
read_block(struct parser *p, cmark_node *n, int is_obj)
{
	const char *lit = cmark_node_get_literal(n);
	int line = cmark_node_get_start_line(n);
	char *copy = xstrdup(lit ? lit : ""), *rest = copy, *l;
	char *base = is_obj ? (char *)p->o : (char *)p->k;
	int rc = 0;

	while (rc == 0 && (l = next_line(&rest))) {
		char *key, *val;
		int ln = ++line;

		if ((rc = handbook_parse_field(l, &key, &val, p->err)) < 0) {
			rc = at(p, ln, rc);
			break;
		}
		rc = set_field(p, ln, is_obj, base, key, &val);
		free(key);
		free(val);
	}
	free(copy);
	return rc;
}

/* ---- the headings that open a section ---- */

static int
is_list(cmark_node *n, cmark_list_type t)
{
	return cmark_node_get_type(n) == CMARK_NODE_LIST && cmark_node_get_list_type(n) == t;
}

enum opening {
	OPEN_OBJECTIVE,   /* # title */
	OPEN_KR,          /* ## KR: title */
	OPEN_OBJ_CONTEXT, /* free text into the objective's context */
	OPEN_KR_CONTEXT,  /* free text into the KR's context */
	OPEN_LINKS,       /* a numbered list, then free text into the objective's sections */
	OPEN_RETRO,       /* the retro's three lists follow */
	OPEN_SECTION,     /* nothing to set up */
};

/* A heading of this level and text (NULL: any) read in one of these sections opens next. */
static const struct heading {
	int level;
	const char *text;
	unsigned in;
	enum sect next;
	enum opening open;
} headings[] = {
	{1, NULL, ANY_SECT, S_OBJ_HEAD, OPEN_OBJECTIVE},
	{2, NULL, ANY_SECT, S_KR_HEAD, OPEN_KR},
	{3, "Context", IN(S_OBJ_HEAD), S_OBJ_CONTEXT, OPEN_OBJ_CONTEXT},
	{3, "Context", IN(S_KR_HEAD), S_KR_CONTEXT, OPEN_KR_CONTEXT},
	{3, "Linked Epics and Issues", IN(S_OBJ_HEAD) | IN(S_OBJ_CONTEXT), S_OBJ_LINKS, OPEN_LINKS},
	{3, "Retro", IN(S_OBJ_HEAD) | IN(S_OBJ_CONTEXT) | IN(S_OBJ_LINKS), S_RETRO, OPEN_RETRO},
	{4, "Good", IN(S_RETRO) | IN(S_RETRO_GOOD) | IN(S_RETRO_BAD) | IN(S_RETRO_TRY),
	 S_RETRO_GOOD, OPEN_SECTION},
	{4, "Bad", IN(S_RETRO) | IN(S_RETRO_GOOD) | IN(S_RETRO_BAD) | IN(S_RETRO_TRY), S_RETRO_BAD,
	 OPEN_SECTION},
	{4, "Try", IN(S_RETRO) | IN(S_RETRO_GOOD) | IN(S_RETRO_BAD) | IN(S_RETRO_TRY), S_RETRO_TRY,
	 OPEN_SECTION},
	{3, "Scoring Criteria", IN(S_KR_HEAD) | IN(S_KR_CONTEXT), S_KR_CRITERIA, OPEN_SECTION},
	{3, "Initiatives", IN(S_KR_HEAD) | IN(S_KR_CONTEXT) | IN(S_KR_CRITERIA), S_KR_INITIATIVES,
	 OPEN_SECTION},
};

static const struct heading *
find_heading(cmark_node *n, const char *text, enum sect s)
{
	int level;

	if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
		return NULL;
	level = cmark_node_get_heading_level(n);
	for (size_t i = 0; i < sizeof(headings) / sizeof(headings[0]); i++)
		if (headings[i].level == level && (headings[i].in & IN(s)) &&
		    (!headings[i].text || strcmp(headings[i].text, text) == 0))
			return &headings[i];
	return NULL;
}

static void
new_objective(struct parser *p, int line, char **title)
{
	struct md_import *d = p->doc;

	d->objs = xreallocarray(d->objs, d->nobjs + 1, sizeof(*d->objs));
	p->o = &d->objs[d->nobjs++];
	memset(p->o, 0, sizeof(*p->o));
	p->o->line = p->o->head_line = line;
	p->o->title = *title;
	*title = NULL;
	p->k = NULL;
}

static int
new_kr(struct parser *p, int line, const char *h)
{
	struct md_import_obj *o = p->o;

	if (!o)
		return fail(p, line, "a key result (## KR: title) before any objective (# title)");
	if (strncmp(h, "KR:", 3) != 0)
		return fail(p, line, "a level-2 heading must be a key result: \"## KR: title\"");
	o->krs = xreallocarray(o->krs, o->nkrs + 1, sizeof(*o->krs));
	p->k = &o->krs[o->nkrs++];
	memset(p->k, 0, sizeof(*p->k));
	p->k->line = p->k->head_line = line;
	p->k->title = xstrdup(h + 3 + strspn(h + 3, " \t"));
	return 0;
}

/* A structural heading: the text collected so far ends, the section it opens begins. */
static int
open_section(struct parser *p, const struct heading *h, cmark_node *n, char **text)
{
	int line = cmark_node_get_start_line(n), end = cmark_node_get_end_line(n), rc = 0;

	collect_end(p, line);
	p->list_done = 0;
	switch (h->open) {
	case OPEN_OBJECTIVE:
		new_objective(p, line, text);
		break;
	case OPEN_KR:
		rc = new_kr(p, line, *text);
		break;
	case OPEN_OBJ_CONTEXT:
		collect_start(p, &p->o->context, end + 1);
		break;
	case OPEN_KR_CONTEXT:
		collect_start(p, &p->k->context, end + 1);
		break;
	case OPEN_LINKS:
		collect_start(p, &p->o->sections, end + 1);
		break;
	case OPEN_RETRO:
		p->o->has_retro = 1;
		p->o->retro_line = line;
		break;
	case OPEN_SECTION:
		break;
	}
	if (rc == 0)
		p->sect = h->next;
	return rc;
}

/* ---- what each section accepts besides its headings ---- */

static int
read_links(struct parser *p, cmark_node *n)
{
	int rc = read_items(p, n, handbook_parse_link, &p->o->links);

	/* The free text after the list is the objective's further sections. */
	collect_start(p, &p->o->sections, cmark_node_get_end_line(n) + 1);
	return rc;
}

static int
read_criteria(struct parser *p, cmark_node *n)
{
	/* A metric KR's criterion is its metric, written from its fields. */
	if (p->k->kind && strcmp(p->k->kind, "metric") == 0)
		return 0;
	return read_items(p, n, handbook_parse_criterion, &p->k->criteria);
}

static int
read_initiatives(struct parser *p, cmark_node *n)
{
	return read_items(p, n, handbook_parse_initiative, &p->k->initiatives);
}

static int
read_good(struct parser *p, cmark_node *n)
{
	return read_bullets(p, n, &p->o->good);
}

static int
read_bad(struct parser *p, cmark_node *n)
{
	return read_bullets(p, n, &p->o->bad);
}

static int
read_try(struct parser *p, cmark_node *n)
{
	return read_bullets(p, n, &p->o->try);
}

/*
 * In each section: the list it takes (0: none), whether only its first block may be that
 * list, how it is read, and the refusal of any other block (NULL: other blocks are free
 * text, collected or ignored).
 */
static const struct section {
	int list;
	int once;
	int (*read)(struct parser *p, cmark_node *n);
	const char *refusal;
} sections[S_COUNT] = {
	[S_NONE] = {0, 0, NULL, "expected an objective first: \"# title\""},
	[S_OBJ_HEAD] = {0, 0, NULL,
			"expected \"### Context\" (R6, R7) or an okra block after the heading"},
	[S_KR_HEAD] = {0, 0, NULL,
		       "expected \"### Context\" (R6, R7) or an okra block after the heading"},
	[S_OBJ_CONTEXT] = {0, 0, NULL, NULL},
	[S_KR_CONTEXT] = {0, 0, NULL, NULL},
	[S_OBJ_LINKS] = {CMARK_ORDERED_LIST, 1, read_links, NULL},
	[S_KR_CRITERIA] = {CMARK_ORDERED_LIST, 1, read_criteria,
			   "expected one numbered list of scoring criteria (R7): "
			   "\"1. group/project#1 — 50%\""},
	[S_KR_INITIATIVES] = {CMARK_BULLET_LIST, 1, read_initiatives,
			      "expected one bulleted list of initiatives: \"- title — ref\""},
	[S_RETRO] = {0, 0, NULL, "expected \"#### Good\", \"#### Bad\" or \"#### Try\" (R11)"},
	[S_RETRO_GOOD] = {CMARK_BULLET_LIST, 0, read_good,
			  "expected a bulleted list in the retro (R11)"},
	[S_RETRO_BAD] = {CMARK_BULLET_LIST, 0, read_bad,
			 "expected a bulleted list in the retro (R11)"},
	[S_RETRO_TRY] = {CMARK_BULLET_LIST, 0, read_try,
			 "expected a bulleted list in the retro (R11)"},
};

static int
is_okra_block(cmark_node *n)
{
	const char *info = cmark_node_get_fence_info(n);

	return cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
	       strcmp(info ? info : "", "okra") == 0;
}

/* The okra block right after an objective's or a KR's heading (one each). */
static int
okra_block(struct parser *p, cmark_node *n)
{
	int is_obj = p->sect == S_OBJ_HEAD;
	int *head_line = is_obj ? &p->o->head_line : &p->k->head_line;
	int line = cmark_node_get_start_line(n);

	if (*head_line != (is_obj ? p->o->line : p->k->line))
		return fail(p, line, "a second okra block");
	*head_line = line;
	return read_block(p, n, is_obj);
}

/* One top-level block of the document, in order. */
static int
step(struct parser *p, cmark_node *n)
{
	const struct section *s = &sections[p->sect];
	const struct heading *h;
	char *text = NULL;
	int rc;

	if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
		text = heading_text(p, n);
	if ((h = find_heading(n, text, p->sect))) {
		rc = open_section(p, h, n, &text);
	} else if ((p->sect == S_OBJ_HEAD || p->sect == S_KR_HEAD) && is_okra_block(n)) {
		rc = okra_block(p, n);
	} else if (s->list && is_list(n, (cmark_list_type)s->list) && !(s->once && p->list_done)) {
		p->list_done = 1;
		rc = s->read(p, n);
	} else if (s->refusal) {
		rc = fail(p, cmark_node_get_start_line(n), s->refusal);
	} else {
		p->list_done = 1; /* free text: the section's list, if any, can no longer come */
		rc = 0;
	}
	free(text);
	return rc;
}

/* The source, with CRLF and CR made LF, as lines; NUL bytes refused. */
static int
split_lines(struct parser *p, const char *text, size_t len, struct buf *norm)
{
	size_t i, alloc = 0;
	char *s;

	for (i = 0; i < len; i++) {
		if (text[i] == '\0') {
			int line = 1;

			/* norm is the text so far with CRLF made LF: shorter than i, so count in
			 * it. */
			for (size_t j = 0; j < norm->len; j++)
				line += norm->buf[j] == '\n';
			return fail(p, line, "a NUL byte: not a text file");
		}
		if (text[i] == '\r') {
			buf_addch(norm, '\n');
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
		} else {
			buf_addch(norm, text[i]);
		}
	}
	s = xstrdup(norm->buf);
	for (;;) {
		char *nl = strchr(s, '\n');

		if (p->nlines == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			p->lines = xreallocarray(p->lines, alloc, sizeof(*p->lines));
		}
		p->lines[p->nlines++] = s;
		if (!nl)
			break;
		*nl = '\0';
		s = nl + 1;
	}
	return 0;
}

int
md_import_parse(struct md_import *out, const char *file, const char *text, size_t len,
		struct okra_err *err)
{
	struct parser p = {.file = file, .err = err, .doc = out, .sect = S_NONE};
	struct buf norm = BUF_INIT;
	cmark_parser *cp = NULL;
	cmark_node *doc = NULL;
	int rc;

	if ((rc = split_lines(&p, text, len, &norm)) < 0)
		goto out;
	pthread_once(&registered, register_extensions);
	cp = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_feed(cp, norm.buf, norm.len);
	doc = cmark_parser_finish(cp);
	for (cmark_node *n = cmark_node_first_child(doc); n && rc == 0; n = cmark_node_next(n))
		rc = step(&p, n);
	if (rc == 0)
		collect_end(&p, (int)p.nlines + 1);
	if (rc == 0 && out->nobjs == 0)
		rc = fail(&p, 1, "no objective (\"# title\") in the file");
out:
	if (doc)
		cmark_node_free(doc);
	if (cp)
		cmark_parser_free(cp);
	buf_release(&norm);
	if (p.nlines)
		free(p.lines[0]);
	free(p.lines);
	return rc;
}
