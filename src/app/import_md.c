/* import_md.c: okra import — read the handbook Markdown (docs/markdown-format.md) back, in one
 * transaction. */
#include "app/app.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "core/handbook.h"
#include "core/validate.h"
#include "util/xalloc.h"

/*
 * Two passes: the file is parsed (cmark-gfm's AST, walked top-level block by
 * block) into plain structs, every item remembering its line; then the
 * structs are applied through the ordinary use cases inside one transaction,
 * so a failure anywhere rolls the whole import back. Free text (contexts,
 * further sections) is taken verbatim from the source lines between the
 * structural headings, so it comes back byte for byte.
 */

struct imp_item {
	int line;
	struct handbook_item it;
};

struct imp_list {
	struct imp_item *v;
	size_t n, alloc;
};

struct imp_kr {
	int line, head_line;
	int64_t id;
	char *title, *dri, *kind, *unit, *context;
	int has_start, has_target, has_weight;
	double start, target, weight;
	struct imp_list criteria, initiatives;
};

struct imp_obj {
	int line, head_line;
	int64_t id, parent;
	int has_parent, has_weight;
	double weight;
	char *title, *cycle, *team, *dri, *state, *retro_kind;
	char *context, *sections;
	struct imp_list links;
	int has_retro, retro_line;
	struct strlist good, bad, try;
	struct imp_kr *krs;
	size_t nkrs;
};

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
};

struct imp {
	const char *file;
	char **lines; /* the source, one string per line (no newline) */
	size_t nlines;
	struct imp_obj *objs;
	size_t nobjs;
	/* the text being collected: lines [from, next boundary) go into *dest */
	int from;
	char **dest;
	int list_done;
	struct okra_err *err;
};

static pthread_once_t registered = PTHREAD_ONCE_INIT;

static void
register_extensions(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

static int
fail(struct imp *im, int line, const char *msg)
{
	return okra_err_set(im->err, OKRA_EINVAL, "file", "%s:%d: %s", im->file, line, msg);
}

/* An error of a use case (or a core parser) prefixed with FILE:LINE. */
static int
at(struct imp *im, int line, int rc)
{
	char msg[sizeof(im->err->msg)];

	memcpy(msg, im->err->msg, sizeof(msg));
	return okra_err_set(im->err, rc, im->err->field, "%s:%d: %.400s", im->file, line, msg);
}

static void
list_release(struct imp_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		handbook_item_release(&l->v[i].it);
	free(l->v);
}

static void
kr_release(struct imp_kr *k)
{
	free(k->title);
	free(k->dri);
	free(k->kind);
	free(k->unit);
	free(k->context);
	list_release(&k->criteria);
	list_release(&k->initiatives);
}

static void
obj_release(struct imp_obj *o)
{
	free(o->title);
	free(o->cycle);
	free(o->team);
	free(o->dri);
	free(o->state);
	free(o->retro_kind);
	free(o->context);
	free(o->sections);
	list_release(&o->links);
	strlist_release(&o->good);
	strlist_release(&o->bad);
	strlist_release(&o->try);
	for (size_t i = 0; i < o->nkrs; i++)
		kr_release(&o->krs[i]);
	free(o->krs);
}

/* Lines [from, to] (1-based, inclusive) joined by "\n", blank lines at either end dropped. */
static char *
text_of(struct imp *im, int from, int to)
{
	struct buf b = BUF_INIT;

	while (from <= to && im->lines[from - 1][strspn(im->lines[from - 1], " \t")] == '\0')
		from++;
	while (to >= from && im->lines[to - 1][strspn(im->lines[to - 1], " \t")] == '\0')
		to--;
	if (from > to)
		return NULL;
	for (int i = from; i <= to; i++) {
		buf_adds(&b, im->lines[i - 1]);
		if (i < to)
			buf_addch(&b, '\n');
	}
	buf_rtrim(&b);
	return buf_detach(&b, NULL);
}

/* Close the text being collected at the line before `line`. */
static void
collect_end(struct imp *im, int line)
{
	if (im->dest) {
		free(*im->dest);
		*im->dest = text_of(im, im->from, line - 1);
	}
	im->dest = NULL;
}

static void
collect_start(struct imp *im, char **dest, int from)
{
	im->dest = dest;
	im->from = from;
}

/* A heading's text: its source line without the #s (ATX) — verbatim, so titles round-trip. */
static char *
heading_text(struct imp *im, cmark_node *n)
{
	const char *s = im->lines[cmark_node_get_start_line(n) - 1];
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
item_text(struct imp *im, cmark_node *item)
{
	cmark_node *c = cmark_node_first_child(item);
	struct buf b = BUF_INIT;
	int from, to, col;

	if (!c)
		return xstrdup("");
	from = cmark_node_get_start_line(c);
	col = cmark_node_get_start_column(c);
	to = cmark_node_get_end_line(item);
	for (int i = from; i <= to && i <= (int)im->nlines; i++) {
		const char *s = im->lines[i - 1];
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
read_items(struct imp *im, cmark_node *list, item_parser parse, struct imp_list *out)
{
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
		char *s = item_text(im, it);
		int line = cmark_node_get_start_line(it), rc;

		if (out->n == out->alloc) {
			out->alloc = out->alloc ? out->alloc * 2 : 8;
			out->v = xreallocarray(out->v, out->alloc, sizeof(*out->v));
		}
		out->v[out->n].line = line;
		rc = parse(s, &out->v[out->n].it, im->err);
		free(s);
		if (rc < 0)
			return at(im, line, rc);
		out->n++;
	}
	return 0;
}

static int
read_bullets(struct imp *im, cmark_node *list, struct strlist *out)
{
	for (cmark_node *it = cmark_node_first_child(list); it; it = cmark_node_next(it)) {
		char *s = item_text(im, it);

		strlist_push(out, s);
		free(s);
	}
	return 0;
}

static int
num_field(struct imp *im, int line, const char *key, const char *v, double *out)
{
	if (validate_number(key, v, out, im->err) < 0)
		return at(im, line, OKRA_EINVAL);
	return 0;
}

static int
id_field(struct imp *im, int line, const char *key, const char *v, int64_t *out)
{
	if (validate_id(key, v, out, im->err) < 0)
		return at(im, line, OKRA_EINVAL);
	return 0;
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
read_block(struct imp *im, cmark_node *n, struct imp_obj *o, struct imp_kr *k)
{
	const char *lit = cmark_node_get_literal(n);
	int line = cmark_node_get_start_line(n);
	char *copy = xstrdup(lit ? lit : ""), *rest = copy, *l;
	int rc = 0;

	while (rc == 0 && (l = next_line(&rest))) {
		char *key, *val, **slot = NULL;
		int ln = ++line;

		if (!*l)
			continue;
		if ((rc = handbook_parse_field(l, &key, &val, im->err)) < 0) {
			rc = at(im, ln, rc);
			break;
		}
		if (strcmp(key, "health") == 0 || strcmp(key, "progress") == 0 ||
		    strcmp(key, "current") == 0)
			; /* read-only: recorded by check-ins and status updates */
		else if (strcmp(key, "id") == 0)
			rc = id_field(im, ln, key, val, o ? &o->id : &k->id);
		else if (strcmp(key, "dri") == 0)
			slot = o ? &o->dri : &k->dri;
		else if (strcmp(key, "weight") == 0) {
			rc = num_field(im, ln, key, val, o ? &o->weight : &k->weight);
			*(o ? &o->has_weight : &k->has_weight) = 1;
		} else if (o && strcmp(key, "cycle") == 0)
			slot = &o->cycle;
		else if (o && strcmp(key, "team") == 0)
			slot = &o->team;
		else if (o && strcmp(key, "state") == 0)
			slot = &o->state;
		else if (o && strcmp(key, "retro") == 0)
			slot = &o->retro_kind;
		else if (o && strcmp(key, "parent") == 0) {
			rc = id_field(im, ln, key, val, &o->parent);
			o->has_parent = 1;
		} else if (k && strcmp(key, "kind") == 0)
			slot = &k->kind;
		else if (k && strcmp(key, "unit") == 0)
			slot = &k->unit;
		else if (k && strcmp(key, "start") == 0) {
			rc = num_field(im, ln, key, val, &k->start);
			k->has_start = 1;
		} else if (k && strcmp(key, "target") == 0) {
			rc = num_field(im, ln, key, val, &k->target);
			k->has_target = 1;
		} else {
			char msg[160];

			snprintf(msg, sizeof(msg),
				 "unknown field \"%.40s\" in the okra block of %s", key,
				 o ? "an objective" : "a key result");
			rc = fail(im, ln, msg);
		}
		if (slot) {
			free(*slot);
			*slot = val;
			val = NULL;
		}
		free(key);
		free(val);
	}
	free(copy);
	return rc;
}

static int
is_heading(cmark_node *n, int level)
{
	return cmark_node_get_type(n) == CMARK_NODE_HEADING &&
	       cmark_node_get_heading_level(n) == level;
}

static int
is_list(cmark_node *n, cmark_list_type t)
{
	return cmark_node_get_type(n) == CMARK_NODE_LIST && cmark_node_get_list_type(n) == t;
}

/* One top-level block of the document, in order. */
static int
step(struct imp *im, cmark_node *n, enum sect *s)
{
	struct imp_obj *o = im->nobjs ? &im->objs[im->nobjs - 1] : NULL;
	struct imp_kr *k = o && o->nkrs ? &o->krs[o->nkrs - 1] : NULL;
	int line = cmark_node_get_start_line(n), end = cmark_node_get_end_line(n);
	char *h = NULL;
	int rc = 0;

	if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
		h = heading_text(im, n);
	if (is_heading(n, 1)) {
		collect_end(im, line);
		im->objs = xreallocarray(im->objs, im->nobjs + 1, sizeof(*im->objs));
		o = &im->objs[im->nobjs++];
		memset(o, 0, sizeof(*o));
		o->line = o->head_line = line;
		o->title = h;
		h = NULL;
		*s = S_OBJ_HEAD;
	} else if (is_heading(n, 2)) {
		collect_end(im, line);
		if (!o) {
			rc = fail(im, line,
				  "a key result (## KR: title) before any objective (# title)");
			goto out;
		}
		if (strncmp(h, "KR:", 3) != 0) {
			rc = fail(im, line,
				  "a level-2 heading must be a key result: \"## KR: title\"");
			goto out;
		}
		o->krs = xreallocarray(o->krs, o->nkrs + 1, sizeof(*o->krs));
		k = &o->krs[o->nkrs++];
		memset(k, 0, sizeof(*k));
		k->line = k->head_line = line;
		k->title = xstrdup(h + 3 + strspn(h + 3, " \t"));
		*s = S_KR_HEAD;
	} else if ((*s == S_OBJ_HEAD || *s == S_KR_HEAD) &&
		   cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
		   strcmp(cmark_node_get_fence_info(n) ? cmark_node_get_fence_info(n) : "",
			  "okra") == 0) {
		if (*s == S_OBJ_HEAD ? o->head_line != o->line : k->head_line != k->line) {
			rc = fail(im, line, "a second okra block");
			goto out;
		}
		if (*s == S_OBJ_HEAD)
			o->head_line = line;
		else
			k->head_line = line;
		rc = read_block(im, n, *s == S_OBJ_HEAD ? o : NULL, *s == S_KR_HEAD ? k : NULL);
	} else if (is_heading(n, 3) && strcmp(h, "Context") == 0 &&
		   (*s == S_OBJ_HEAD || *s == S_KR_HEAD)) {
		collect_start(im, *s == S_OBJ_HEAD ? &o->context : &k->context, end + 1);
		*s = *s == S_OBJ_HEAD ? S_OBJ_CONTEXT : S_KR_CONTEXT;
	} else if (is_heading(n, 3) && strcmp(h, "Linked Epics and Issues") == 0 &&
		   (*s == S_OBJ_HEAD || *s == S_OBJ_CONTEXT)) {
		collect_end(im, line);
		collect_start(im, &o->sections, end + 1);
		im->list_done = 0;
		*s = S_OBJ_LINKS;
	} else if (is_heading(n, 3) && strcmp(h, "Retro") == 0 && o && !k &&
		   (*s == S_OBJ_HEAD || *s == S_OBJ_CONTEXT || *s == S_OBJ_LINKS)) {
		collect_end(im, line);
		o->has_retro = 1;
		o->retro_line = line;
		*s = S_RETRO;
	} else if (is_heading(n, 4) && *s >= S_RETRO && *s <= S_RETRO_TRY &&
		   (strcmp(h, "Good") == 0 || strcmp(h, "Bad") == 0 || strcmp(h, "Try") == 0)) {
		*s = h[0] == 'G' ? S_RETRO_GOOD : h[0] == 'B' ? S_RETRO_BAD : S_RETRO_TRY;
	} else if (is_heading(n, 3) && strcmp(h, "Scoring Criteria") == 0 &&
		   (*s == S_KR_HEAD || *s == S_KR_CONTEXT)) {
		collect_end(im, line);
		im->list_done = 0;
		*s = S_KR_CRITERIA;
	} else if (is_heading(n, 3) && strcmp(h, "Initiatives") == 0 &&
		   (*s == S_KR_HEAD || *s == S_KR_CONTEXT || *s == S_KR_CRITERIA)) {
		collect_end(im, line);
		im->list_done = 0;
		*s = S_KR_INITIATIVES;
	} else {
		/* Not structural: content of the section we are in. */
		switch (*s) {
		case S_OBJ_CONTEXT:
		case S_KR_CONTEXT:
			break;
		case S_OBJ_LINKS:
			if (!im->list_done && is_list(n, CMARK_ORDERED_LIST)) {
				im->list_done = 1;
				rc = read_items(im, n, handbook_parse_link, &o->links);
				collect_start(im, &o->sections, end + 1);
			}
			im->list_done = 1;
			break;
		case S_KR_CRITERIA:
			if (!im->list_done && is_list(n, CMARK_ORDERED_LIST)) {
				im->list_done = 1;
				/* A metric KR's criterion is its metric, written from its fields.
				 */
				if (!k->kind || strcmp(k->kind, "metric") != 0)
					rc = read_items(im, n, handbook_parse_criterion,
							&k->criteria);
				break;
			}
			rc = fail(im, line,
				  "expected one numbered list of scoring criteria (R7): "
				  "\"1. group/project#1 — 50%\"");
			break;
		case S_KR_INITIATIVES:
			if (!im->list_done && is_list(n, CMARK_BULLET_LIST)) {
				im->list_done = 1;
				rc = read_items(im, n, handbook_parse_initiative, &k->initiatives);
				break;
			}
			rc = fail(im, line,
				  "expected one bulleted list of initiatives: \"- title — ref\"");
			break;
		case S_RETRO_GOOD:
		case S_RETRO_BAD:
		case S_RETRO_TRY:
			if (is_list(n, CMARK_BULLET_LIST)) {
				rc = read_bullets(im, n,
						  *s == S_RETRO_GOOD  ? &o->good
						  : *s == S_RETRO_BAD ? &o->bad
								      : &o->try);
				break;
			}
			rc = fail(im, line, "expected a bulleted list in the retro (R11)");
			break;
		case S_RETRO:
			rc = fail(im, line,
				  "expected \"#### Good\", \"#### Bad\" or \"#### Try\" (R11)");
			break;
		case S_NONE:
			rc = fail(im, line, "expected an objective first: \"# title\"");
			break;
		case S_OBJ_HEAD:
		case S_KR_HEAD:
			rc = fail(im, line,
				  "expected \"### Context\" (R6, R7) or an okra block after the "
				  "heading");
			break;
		}
	}
out:
	free(h);
	return rc;
}

/* The source, with CRLF and CR made LF, as lines; NUL bytes refused. */
static int
split_lines(struct imp *im, const char *text, size_t len, struct buf *norm)
{
	size_t i, alloc = 0;
	char *p;

	for (i = 0; i < len; i++) {
		if (text[i] == '\0') {
			int line = 1;

			/* norm is the text so far with CRLF made LF: shorter than i, so count in
			 * it. */
			for (size_t j = 0; j < norm->len; j++)
				line += norm->buf[j] == '\n';
			return fail(im, line, "a NUL byte: not a text file");
		}
		if (text[i] == '\r') {
			buf_addch(norm, '\n');
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
		} else {
			buf_addch(norm, text[i]);
		}
	}
	p = xstrdup(norm->buf);
	for (;;) {
		char *nl = strchr(p, '\n');

		if (im->nlines == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			im->lines = xreallocarray(im->lines, alloc, sizeof(*im->lines));
		}
		im->lines[im->nlines++] = p;
		if (!nl)
			break;
		*nl = '\0';
		p = nl + 1;
	}
	return 0;
}

static int
parse(struct imp *im, const char *text, size_t len)
{
	struct buf norm = BUF_INIT;
	cmark_parser *p = NULL;
	cmark_node *doc = NULL;
	enum sect s = S_NONE;
	int rc;

	if ((rc = split_lines(im, text, len, &norm)) < 0)
		goto out;
	pthread_once(&registered, register_extensions);
	p = cmark_parser_new(CMARK_OPT_DEFAULT);
	cmark_parser_feed(p, norm.buf, norm.len);
	doc = cmark_parser_finish(p);
	for (cmark_node *n = cmark_node_first_child(doc); n && rc == 0; n = cmark_node_next(n))
		rc = step(im, n, &s);
	if (rc == 0)
		collect_end(im, (int)im->nlines + 1);
	if (rc == 0 && im->nobjs == 0)
		rc = fail(im, 1, "no objective (\"# title\") in the file");
out:
	if (doc)
		cmark_node_free(doc);
	if (p)
		cmark_parser_free(p);
	buf_release(&norm);
	return rc;
}

/* ---- applying ---- */

static int
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Free text as the handbook writes it (leading newlines, trailing white space dropped). */
static int
same_body(const char *a, const char *b)
{
	size_t la, lb;

	a = a ? a + strspn(a, "\r\n") : "";
	b = b ? b + strspn(b, "\r\n") : "";
	la = strlen(a);
	lb = strlen(b);
	while (la && strchr(" \t\r\n", a[la - 1]))
		la--;
	while (lb && strchr(" \t\r\n", b[lb - 1]))
		lb--;
	return la == lb && memcmp(a, b, la) == 0;
}

static int
same_num(double a, double b)
{
	struct buf x = BUF_INIT, y = BUF_INIT;
	int same;

	handbook_number(&x, a);
	handbook_number(&y, b);
	same = strcmp(x.buf, y.buf) == 0;
	buf_release(&x);
	buf_release(&y);
	return same;
}

static int
same_list(const struct strlist *a, const struct strlist *b)
{
	if (a->n != b->n)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

static int
set_state(struct imp *im, struct app *a, int line, const char *ref, int closed, enum item_state now)
{
	int64_t changed;
	int rc;

	if ((closed ? ITEM_CLOSED : ITEM_OPEN) == now)
		return 0;
	rc = app_ref_set_state(a, ref, closed ? ITEM_CLOSED : ITEM_OPEN, SOURCE_MANUAL, &changed,
			       im->err);
	return rc < 0 ? at(im, line, rc) : 0;
}

static const struct key_result *
find_kr(const struct objective *o, int64_t id)
{
	for (size_t i = 0; i < o->nkrs; i++)
		if (o->krs[i].id == id)
			return &o->krs[i];
	return NULL;
}

static int
apply_kr(struct imp *im, struct app *a, const struct import_md_defaults *d, struct imp_obj *io,
	 int64_t oid, const struct objective *cur_o, struct imp_kr *ik)
{
	const struct key_result *cur = NULL;
	int64_t kid = ik->id, id;
	int rc = 0, metric = ik->kind && strcmp(ik->kind, "metric") == 0;
	size_t i, j;

	if (ik->kind && !metric && strcmp(ik->kind, "criteria") != 0)
		return fail(im, ik->head_line, "kind is \"metric\" or \"criteria\"");
	if (kid) {
		if (!cur_o || !(cur = find_kr(cur_o, kid))) {
			char msg[120];

			snprintf(msg, sizeof(msg), "key result %lld is not one of this objective's",
				 (long long)kid);
			return fail(im, ik->head_line, msg);
		}
		if ((cur->kind == KR_METRIC) != metric && ik->kind)
			return fail(im, ik->head_line, "a key result's kind cannot change");
		metric = cur->kind == KR_METRIC;
		struct kr_edit e = {0};
		int any = 0;

		if (!same_text(ik->title, cur->title))
			e.title = ik->title, any = 1;
		if (ik->dri && !same_text(ik->dri, cur->dri_handle))
			e.dri = ik->dri, any = 1;
		if (!same_body(ik->context, cur->context))
			e.context = ik->context ? ik->context : "", any = 1;
		if (metric && ik->unit && !same_text(ik->unit, cur->unit))
			e.unit = ik->unit, any = 1;
		if (metric && ik->has_start && !same_num(ik->start, cur->start))
			e.set_start = 1, e.start = ik->start, any = 1;
		if (metric && ik->has_target && !same_num(ik->target, cur->target))
			e.set_target = 1, e.target = ik->target, any = 1;
		if (ik->has_weight && !same_num(ik->weight, cur->weight))
			e.set_weight = 1, e.weight = ik->weight, any = 1;
		if (any && (rc = app_kr_edit(a, kid, &e, im->err)) < 0)
			return at(im, ik->head_line, rc);
	} else {
		struct kr_input in = {
			.objective = oid,
			.title = ik->title,
			.dri = ik->dri   ? ik->dri
			       : io->dri ? io->dri
					 : d->dri,
			.context = ik->context,
			.kind = metric ? KR_METRIC : KR_CRITERIA,
			.unit = ik->unit,
			.start = ik->start,
			.target = ik->target,
			.weight = ik->has_weight ? ik->weight : 0,
		};
		if (metric && !(ik->has_start && ik->has_target))
			return fail(im, ik->head_line,
				    "a metric key result needs start and target (R2)");
		if (!in.dri)
			return fail(im, ik->line,
				    "no DRI: give \"dri:\" in the okra block or --dri");
		if ((rc = app_kr_add(a, &in, &kid, im->err)) < 0)
			return at(im, ik->line, rc);
	}
	for (i = 0; i < ik->criteria.n; i++) {
		struct imp_item *c = &ik->criteria.v[i];
		const struct criterion *have = NULL;

		for (j = 0; cur && j < cur->ncriteria; j++)
			if (strcmp(cur->criteria[j].ref, c->it.ref) == 0)
				have = &cur->criteria[j];
		if (have && !same_num(have->contribution, c->it.pct))
			return fail(im, c->line,
				    "import does not change an existing criterion's contribution");
		if (!have && (rc = app_criterion_add(a, kid, c->it.ref, c->it.pct, c->it.title, &id,
						     im->err)) < 0)
			return at(im, c->line, rc);
		if ((rc = set_state(im, a, c->line, c->it.ref, c->it.closed,
				    have ? have->state : ITEM_OPEN)) < 0)
			return rc;
	}
	for (i = 0; i < ik->initiatives.n; i++) {
		struct imp_item *c = &ik->initiatives.v[i];
		const struct initiative *have = NULL;

		for (j = 0; cur && j < cur->ninitiatives; j++)
			if (same_text(cur->initiatives[j].title, c->it.title) &&
			    same_text(cur->initiatives[j].ref, c->it.ref))
				have = &cur->initiatives[j];
		if (!have &&
		    (rc = app_initiative_add(a, kid, c->it.title, c->it.ref, &id, im->err)) < 0)
			return at(im, c->line, rc);
		if (c->it.ref && (rc = set_state(im, a, c->line, c->it.ref, c->it.closed,
						 have ? have->state : ITEM_OPEN)) < 0)
			return rc;
	}
	return 0;
}

static int
apply_obj(struct imp *im, struct app *a, const struct import_md_defaults *d, struct imp_obj *io,
	  int64_t *created, int64_t *updated)
{
	struct app_tree t = {0};
	const struct objective *cur = NULL;
	int64_t oid = io->id, id;
	size_t idx, i, j;
	int rc = 0, final = io->retro_kind && strcmp(io->retro_kind, "final") == 0;

	if (io->state && state_parse(io->state) < 0) {
		rc = fail(im, io->head_line, "state is draft, active or closed");
		goto out;
	}
	if (io->retro_kind && !final && strcmp(io->retro_kind, "draft") != 0) {
		rc = fail(im, io->head_line, "retro is draft or final");
		goto out;
	}
	if (oid) {
		if ((rc = app_objective_tree(a, oid, &t, &idx, im->err)) < 0) {
			rc = at(im, io->head_line, rc);
			goto out;
		}
		cur = &t.v[idx];
		if (io->cycle && !same_text(io->cycle, cur->cycle_name)) {
			rc = fail(im, io->head_line,
				  "import does not move an objective to another cycle");
			goto out;
		}
		if (io->team && !same_text(io->team, cur->team_slug)) {
			rc = fail(im, io->head_line,
				  "import does not move an objective to another team");
			goto out;
		}
		struct objective_edit e = {0};
		int any = 0;

		if (!same_text(io->title, cur->title))
			e.title = io->title, any = 1;
		if (!same_body(io->context, cur->context))
			e.context = io->context ? io->context : "", any = 1;
		if (!same_body(io->sections, cur->sections))
			e.sections = io->sections ? io->sections : "", any = 1;
		if (io->dri && !same_text(io->dri, cur->dri_handle))
			e.dri = io->dri, any = 1;
		if (io->has_parent && io->parent != cur->parent)
			e.set_parent = 1, e.parent = io->parent, any = 1;
		if (io->has_weight && !same_num(io->weight, cur->weight))
			e.set_weight = 1, e.weight = io->weight, any = 1;
		if (io->state && strcmp(io->state, "closed") != 0 &&
		    strcmp(io->state, state_name(cur->state)) != 0)
			e.state = io->state, any = 1;
		if (any && (rc = app_objective_edit(a, oid, &e, im->err)) < 0) {
			rc = at(im, io->head_line, rc);
			goto out;
		}
		(*updated)++;
	} else {
		struct objective_input in = {
			.cycle = io->cycle ? io->cycle : d->cycle,
			.team = io->team ? io->team : d->team,
			.parent = io->parent,
			.dri = io->dri ? io->dri : d->dri,
			.title = io->title,
			.context = io->context,
			.sections = io->sections,
			.weight = io->has_weight ? io->weight : 0,
			.draft = io->state && strcmp(io->state, "draft") == 0,
		};
		if (!in.cycle) {
			rc = fail(im, io->line,
				  "no cycle: give \"cycle:\" in the okra block or --cycle");
			goto out;
		}
		if (!in.dri) {
			rc = fail(im, io->line, "no DRI: give \"dri:\" in the okra block or --dri");
			goto out;
		}
		if ((rc = app_objective_add(a, &in, &oid, im->err)) < 0) {
			rc = at(im, io->line, rc);
			goto out;
		}
		(*created)++;
	}
	for (i = 0; i < io->links.n; i++) {
		struct imp_item *l = &io->links.v[i];
		const struct link *have = NULL;

		for (j = 0; cur && j < cur->nlinks; j++)
			if (strcmp(cur->links[j].ref, l->it.ref) == 0)
				have = &cur->links[j];
		if (!have &&
		    (rc = app_link_add(a, oid, l->it.ref, l->it.title, &id, im->err)) < 0) {
			rc = at(im, l->line, rc);
			goto out;
		}
		if ((rc = set_state(im, a, l->line, l->it.ref, l->it.closed,
				    have ? have->state : ITEM_OPEN)) < 0)
			goto out;
	}
	for (i = 0; i < io->nkrs; i++)
		if ((rc = apply_kr(im, a, d, io, oid, cur, &io->krs[i])) < 0)
			goto out;
	if (io->has_retro &&
	    (!cur || !cur->has_retro || !same_list(&io->good, &cur->retro.good) ||
	     !same_list(&io->bad, &cur->retro.bad) || !same_list(&io->try, &cur->retro.try) ||
	     final != (cur->retro.final_at != 0)) &&
	    (rc = app_retro(a, oid, &io->good, &io->bad, &io->try, final, im->err)) < 0) {
		rc = at(im, io->retro_line, rc);
		goto out;
	}
	if (io->state && strcmp(io->state, "closed") == 0 && (!cur || cur->state != STATE_CLOSED) &&
	    (rc = app_objective_close(a, oid, im->err)) < 0)
		rc = at(im, io->head_line, rc);
out:
	app_tree_release(&t);
	return rc;
}

int
app_import_md(struct app *a, const char *file, const char *text, size_t len,
	      const struct import_md_defaults *d, int64_t *created, int64_t *updated,
	      struct okra_err *err)
{
	struct imp im = {.file = file, .err = err};
	size_t i;
	int rc;

	*created = *updated = 0;
	if (len > IMPORT_MD_MAX) {
		rc = okra_err_set(err, OKRA_EINVAL, "file", "%s:1: larger than %d MiB", file,
				  IMPORT_MD_MAX >> 20);
		goto out;
	}
	if ((rc = parse(&im, text, len)) < 0)
		goto out;
	if ((rc = app_tx_begin(a, err)) < 0)
		goto out;
	for (i = 0; i < im.nobjs && rc == 0; i++)
		rc = apply_obj(&im, a, d, &im.objs[i], created, updated);
	rc = app_tx_end(a, rc, err);
	if (rc < 0)
		*created = *updated = 0;
out:
	for (i = 0; i < im.nobjs; i++)
		obj_release(&im.objs[i]);
	free(im.objs);
	if (im.nlines)
		free(im.lines[0]);
	free(im.lines);
	return rc;
}
