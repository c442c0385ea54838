/* tree_view.c: a tree view's filters read from the query, and the view exported (issue 19). */
#include "http/tree_view.h"

#include <string.h>

#include "app/json_write.h"
#include "app/transfer.h"

#define HEALTH_VALUES 8

/* "1"/"true" on, ""/"0"/"false" off (an unticked box sends nothing). */
static int
flag(struct request *r, const char *name, int *out, struct okra_err *err)
{
	const char *s = req_query(r, name);

	*out = s && (!strcmp(s, "1") || !strcmp(s, "true"));
	if (s && !*out && *s && strcmp(s, "0") && strcmp(s, "false"))
		return okra_err_set(err, OKRA_EUSAGE, name, "%s is 1 or 0", name);
	return 0;
}

/* Each health given, as ?health=a&health=b or ?health=a,b. */
static int
healths(struct request *r, struct tree_filter *f, struct okra_err *err)
{
	const char *v[HEALTH_VALUES];
	size_t n = req_query_all(r, "health", v, HEALTH_VALUES);

	for (size_t i = 0; i < n; i++) {
		for (const char *p = v[i]; *p;) {
			size_t len = strcspn(p, ",");
			char word[24];
			int h;

			if (len >= sizeof(word))
				len = sizeof(word) - 1;
			memcpy(word, p, len);
			word[len] = '\0';
			if ((h = health_parse(word)) < 0)
				return okra_err_set(err, OKRA_EUSAGE, "health",
						    "health is on_track, needs_attention or "
						    "at_risk");
			f->health |= 1u << h;
			p += strcspn(p, ",");
			p += *p == ',';
		}
	}
	return 0;
}

static int
format_of(struct request *r, enum tree_format *format, struct okra_err *err)
{
	const char *s = req_query(r, "format"), *accept = req_header(r, "Accept");

	*format = TREE_AS_PAGE;
	if (s && *s) {
		if (!strcmp(s, "json"))
			*format = TREE_JSON;
		else if (!strcmp(s, "csv"))
			*format = TREE_CSV;
		else if (!strcmp(s, "md"))
			*format = TREE_MD;
		else
			return okra_err_set(err, OKRA_EUSAGE, "format",
					    "format is json, csv or md");
	} else if (accept && strstr(accept, "text/csv")) {
		*format = TREE_CSV;
	} else if (accept && strstr(accept, "text/markdown")) {
		*format = TREE_MD;
	}
	return 0;
}

int
tree_view_query(struct request *r, const char *team, struct tree_filter *f,
		enum tree_format *format, struct okra_err *err)
{
	const char *person = req_query(r, "person");
	int mine = 0, rc;

	memset(f, 0, sizeof(*f));
	if ((rc = flag(r, "mine", &mine, err)) < 0 ||
	    (rc = flag(r, "behind", &f->behind, err)) < 0 ||
	    (rc = flag(r, "owes", &f->owes, err)) < 0 || (rc = healths(r, f, err)) < 0 ||
	    (rc = format_of(r, format, err)) < 0)
		return rc;
	if (mine && r->who.handle)
		f->handles[f->nhandles++] = r->who.handle;
	if (person && *person)
		f->handles[f->nhandles++] = person;
	f->team = team && *team ? team : NULL;
	return 0;
}

/* okra-CYCLE[-TEAM][-filtered].EXT, every byte outside [A-Za-z0-9._-] a '-'. */
static void
filename(struct buf *b, const struct app_tree *t, const struct tree_filter *f, const char *ext)
{
	struct tree_filter rest = *f;

	size_t from = b->len;

	buf_adds(b, "okra-");
	buf_adds(b, t->cycle.name ? t->cycle.name : "all");
	if (f->team) {
		buf_addch(b, '-');
		buf_adds(b, f->team);
	}
	rest.team = NULL;
	if (tree_filter_any(&rest))
		buf_adds(b, "-filtered");
	buf_addch(b, '.');
	buf_adds(b, ext);
	for (size_t i = from; i < b->len; i++) {
		char c = b->buf[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			b->buf[i] = '-';
	}
}

int
tree_view_export(struct request *r, const struct app_tree *t, const struct tree_filter *f,
		 enum tree_format format)
{
	static const char *const ext[] = {"", "json", "csv", "md"};
	static const char *const type[] = {"", "application/json", "text/csv; charset=utf-8",
					   "text/markdown; charset=utf-8"};
	struct buf body = BUF_INIT, disp = BUF_INIT;
	int rc;

	if (format == TREE_JSON)
		app_json_tree_write(&body, t, 1);
	else if (format == TREE_CSV)
		app_export_tree_csv(t, &body);
	else
		app_export_md_tree(t, &body);
	buf_adds(&disp, "attachment; filename=\"");
	filename(&disp, t, f, ext[format]);
	buf_addch(&disp, '"');
	reply_header(r, "Content-Disposition", disp.buf);
	reply_header(r, "Cache-Control", "private, no-cache");
	rc = reply_text(r, 200, type[format], body.buf ? body.buf : "", body.len);
	buf_release(&body);
	buf_release(&disp);
	return rc;
}
