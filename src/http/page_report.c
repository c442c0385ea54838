/* page_report.c: /report/weekly — the weekly report as a page: rendered, its Markdown to copy,
 * printable. */
#include "http/page.h"

#include "app/report.h"
#include "core/calendar.h"
#include "core/validate.h"
#include "http/handler.h"
#include "http/markdown.h"
#include "util/html.h"

/* The form that picks the day (and keeps the cycle asked for). */
static void
day_form(struct request *r, const char *date, const char *cycle)
{
	struct buf *b = &r->out;

	buf_adds(b,
		 "<form method=\"get\" action=\"/report/weekly\" class=\"inline\">\n"
		 "<label for=\"date\">Week of</label> <input type=\"date\" id=\"date\" "
		 "name=\"date\" value=\"");
	html_attr(b, date);
	buf_adds(b, "\">\n");
	if (cycle && *cycle) {
		buf_adds(b, "<input type=\"hidden\" name=\"cycle\" value=\"");
		html_attr(b, cycle);
		buf_adds(b, "\">\n");
	}
	buf_adds(b, "<button type=\"submit\">Show</button>\n</form>\n");
}

/* The report: rendered, then its Markdown as the CLI prints it, with a copy button. */
static void
report_main(struct request *r, const struct report *rep, const char *cycle)
{
	struct buf *b = &r->out;
	char d[11];

	cal_format_date(rep->day, d);
	buf_adds(b, "<h1>Weekly report</h1>\n<p class=\"meta\">");
	html_txt(b, rep->cycle);
	buf_adds(b, " · week of the update on ");
	{
		char u[11];

		cal_format_date(rep->update_day, u);
		html_txt(b, u);
	}
	buf_adds(b, "</p>\n");
	day_form(r, d, cycle);
	buf_adds(b, "<section class=\"report card\" id=\"report\" aria-label=\"The report\">\n");
	markdown_html(b, rep->markdown);
	buf_adds(b,
		 "</section>\n<section class=\"no-print\" aria-labelledby=\"md-h\">\n"
		 "<h2 id=\"md-h\"><label for=\"report-md\">Markdown to paste</label></h2>\n"
		 "<p><button type=\"button\" data-copy=\"report-md\" hidden>Copy the "
		 "Markdown</button></p>\n"
		 "<textarea id=\"report-md\" readonly rows=\"16\" cols=\"80\">\n");
	html_txt(b, rep->markdown);
	buf_adds(b, "</textarea>\n</section>\n");
}

int
h_page_report_weekly(struct request *r)
{
	struct okra_err err = {0};
	struct report rep = {0};
	const char *date = req_query(r, "date");
	const char *cycle = req_query(r, "cycle");
	int32_t day = r->app->today;
	int rc;

	if (date && *date && validate_date("date", date, &day, &err) < 0)
		return page_error(r, 400, "Not a date", okra_err_text(&err));
	rc = app_report_weekly(r->app, cycle && *cycle ? cycle : NULL, day, &rep, &err);
	if (rc < 0) {
		if (rc == OKRA_ENOTFOUND)
			return page_error(r, 404, "No such cycle", okra_err_text(&err));
		return page_error(r, rc == OKRA_EINVAL ? 422 : 503, "No report",
				  okra_err_text(&err));
	}
	page_begin(r, "Weekly report", "report");
	report_main(r, &rep, cycle);
	report_release(&rep);
	return page_end(r, 200);
}
