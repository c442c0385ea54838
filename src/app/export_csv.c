/* export_csv.c: objectives, key results or check-ins as RFC 4180 CSV for spreadsheets. */
#include "app/app_int.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/calendar.h"
#include "store/store.h"
#include "util/csv.h"
#include "app/transfer.h"
#include "app/tree.h"

struct csv_ctx {
	const struct store_table *t;
	struct buf *out;
};

/* The shortest of %.15g..%.17g that reads back as the same double. */
static void
format_double(char *s, size_t n, double x)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(s, n, "%.*g", prec, x);
		if (strtod(s, NULL) == x)
			return;
	}
}

static int
row_to_csv(void *ctx, const struct store_value *v, struct okra_err *err)
{
	struct csv_ctx *c = ctx;
	char s[32];

	(void)err;
	for (size_t i = 0; i < c->t->ncols; i++) {
		int first = i == 0;

		if (v[i].null) {
			csv_raw(c->out, first, "");
			continue;
		}
		switch (c->t->cols[i].type) {
		case STORE_COL_TEXT:
			csv_text(c->out, first, v[i].s);
			break;
		case STORE_COL_REAL:
			if (isfinite(v[i].d))
				format_double(s, sizeof(s), v[i].d);
			else
				s[0] = '\0';
			csv_raw(c->out, first, s);
			break;
		case STORE_COL_INSTANT:
			cal_format_instant(v[i].i, s);
			csv_raw(c->out, first, s);
			break;
		default:
			snprintf(s, sizeof(s), "%" PRId64, v[i].i);
			csv_raw(c->out, first, s);
		}
	}
	csv_end(c->out);
	return 0;
}

int
app_export_csv(struct app *a, const char *what, struct buf *out, struct okra_err *err)
{
	struct csv_ctx c = {store_copy_view(what ? what : ""), out};
	int rc;

	if (!c.t)
		return okra_err_set(err, OKRA_EUSAGE, "what",
				    "CSV export is of objectives, key_results or checkins, not "
				    "\"%.40s\"",
				    what ? what : "");
	for (size_t i = 0; i < c.t->ncols; i++)
		csv_raw(out, i == 0, c.t->cols[i].name);
	csv_end(out);
	/* One snapshot for the read (nothing to do inside a use case's transaction). */
	if (!a->tx_depth && (rc = db_begin(a->db, 0, err)) < 0)
		return rc;
	rc = store_copy_read(a->db, c.t, row_to_csv, &c, err);
	if (!a->tx_depth)
		db_rollback(a->db);
	if (rc == 0 && out->err)
		rc = okra_err_set(err, OKRA_EIO, "", "the export is larger than its buffer allows");
	return rc;
}

static void
csv_id(struct buf *out, int64_t id)
{
	char s[24];

	if (id)
		snprintf(s, sizeof(s), "%" PRId64, id);
	else
		s[0] = '\0';
	csv_raw(out, 0, s);
}

static void
csv_number(struct buf *out, double x)
{
	char s[32] = "";

	if (isfinite(x))
		format_double(s, sizeof(s), x);
	csv_raw(out, 0, s);
}

/* The columns after kind and id common to an objective's row and its KRs'. */
static void
csv_common(struct buf *out, const struct objective *o, const char *title, const char *dri,
	   enum health h, double progress, const struct pace *p)
{
	csv_raw(out, 0, o->cycle_name ? o->cycle_name : "");
	csv_text(out, 0, o->team_slug ? o->team_slug : "");
	csv_text(out, 0, title ? title : "");
	csv_text(out, 0, dri ? dri : "");
	csv_raw(out, 0, health_name(h));
	csv_number(out, progress);
	csv_raw(out, 0, p->known ? health_name(p->suggested) : "");
}

static void
tree_rows(const struct app_tree *t, size_t idx, struct buf *out)
{
	const struct objective *o = &t->v[idx];
	const char *matched = !t->shown || t->shown[idx] == TREE_MATCH ? "1" : "0";

	csv_raw(out, 1, "objective");
	csv_id(out, o->id);
	csv_id(out, o->parent);
	csv_raw(out, 0, state_name(o->state));
	csv_common(out, o, o->title, o->dri_handle, o->health, o->progress, &o->pace);
	csv_raw(out, 0, matched);
	csv_end(out);
	for (size_t k = 0; k < o->nkrs; k++) {
		const struct key_result *kr = &o->krs[k];

		csv_raw(out, 1, "key_result");
		csv_id(out, kr->id);
		csv_id(out, o->id);
		csv_raw(out, 0, "");
		csv_common(out, o, kr->title, kr->dri_handle, kr->health, kr->progress, &kr->pace);
		csv_raw(out, 0, matched);
		csv_end(out);
	}
	for (size_t i = 0; i < o->nchildren; i++)
		if (TREE_SHOWN(t, o->children[i]))
			tree_rows(t, o->children[i], out);
}

void
app_export_tree_csv(const struct app_tree *t, struct buf *out)
{
	static const char *const head[] = {
		"kind",   "id",       "parent",           "state",  "cycle", "team", "title", "dri",
		"health", "progress", "suggested_health", "matched"};

	for (size_t i = 0; i < sizeof(head) / sizeof(*head); i++)
		csv_raw(out, i == 0, head[i]);
	csv_end(out);
	for (size_t k = 0; k < t->nroots; k++)
		if (TREE_SHOWN(t, t->roots[k]))
			tree_rows(t, t->roots[k], out);
}
