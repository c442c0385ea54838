/* api_report.c: GET /api/v1/report/weekly (the weekly report, structured and as Markdown) and GET
 * /api/v1/cycles/{name}/calibration (health calibration). */
#include "http/handler.h"

#include "app/calibration.h"
#include "app/report.h"
#include "core/validate.h"

int
h_report_weekly(struct request *r)
{
	struct okra_err err = {0};
	struct report rep = {0};
	const char *date = req_query(r, "date");
	int32_t day = r->app->today;
	int rc;

	if (date && (rc = validate_date("date", date, &day, &err)) < 0)
		return reply_problem(r, 400, err.msg, "date");
	if ((rc = app_report_weekly(r->app, req_query(r, "cycle"), day, &rep, &err)) < 0)
		return reply_error(r, rc, &err, "cycle");
	app_jw_report(reply_json_begin(r), &rep);
	reply_json_end(r, 200);
	report_release(&rep);
	return 0;
}

int
h_cycle_calibration(struct request *r)
{
	struct okra_err err = {0};
	struct calibration cal;
	int rc;

	if ((rc = app_calibration(r->app, &r->arena, r->params[0], &cal, &err)) < 0)
		return reply_error(r, rc, &err, "cycle");
	app_jw_calibration(reply_json_begin(r), &cal);
	return reply_json_end(r, 200);
}
