/* tree_view.h: a tree view's filters read from the query, and the view exported (issue 19). */
#ifndef OKRA_HTTP_TREE_VIEW_H
#define OKRA_HTTP_TREE_VIEW_H

#include "app/tree.h"
#include "http/request.h"

enum tree_format { TREE_AS_PAGE, TREE_JSON, TREE_CSV, TREE_MD };

/*
 * The filters of the query into f: mine=1 (the person asking), person=HANDLE,
 * health=H (repeated, or comma-separated), behind=1, owes=1; team is given
 * (the path's or the query's, NULL = none). And the format asked, by format=
 * json|csv|md or else an Accept of text/csv or text/markdown (TREE_AS_PAGE:
 * none). A bad value is OKRA_EUSAGE with its field (400).
 */
int tree_view_query(struct request *r, const char *team, struct tree_filter *f,
		    enum tree_format *format, struct okra_err *err);
/*
 * Reply with the view of t in format (not TREE_AS_PAGE) as an attachment named
 * after the cycle, the team and whether f filters more: the tree's JSON (DESIGN §4), CSV or
 * Markdown.
 */
int tree_view_export(struct request *r, const struct app_tree *t, const struct tree_filter *f,
		     enum tree_format format);

/*
 * page_tree_filters.c: the tree page's GET form (cycle, team, as of, person,
 * mine, health, behind pace, owes an update) with the values asked kept, and
 * the links that download the view as CSV, Markdown and JSON (the API's).
 */
void tree_view_form(struct request *r, const struct app_tree *t, const struct tree_filter *f,
		    const char *team);
void tree_view_links(struct request *r, const struct app_tree *t, const struct tree_filter *f,
		     const char *team);

#endif
