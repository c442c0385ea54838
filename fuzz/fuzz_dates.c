/* fuzz_dates.c: dates, instants, numbers, ids and the text validators on any input. */
#include "fuzz.h"

#include <math.h>

#include "core/calendar.h"
#include "core/types.h"
#include "core/validate.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size), out[21];
	struct okra_err err = {0};
	int32_t day, again;
	int64_t t, id;
	double x;

	if (cal_parse_date(s, &day) == 0) {
		/* A date that parses prints as itself and parses to the same day. */
		cal_format_date(day, out);
		FUZZ_CHECK(!strcmp(out, s));
		FUZZ_CHECK(cal_parse_date(out, &again) == 0 && again == day);
		FUZZ_CHECK(cal_weekday(day) >= 1 && cal_weekday(day) <= 7);
	}
	if (validate_date("d", s, &day, &err) == 0)
		FUZZ_CHECK(cal_parse_date(s, &again) == 0 && again == day);
	if (cal_parse_instant(s, &t) == 0) {
		cal_format_instant(t, out);
		FUZZ_CHECK(cal_parse_instant(out, &id) == 0 && id == t);
	}
	if (validate_number("n", s, &x, &err) == 0)
		FUZZ_CHECK(isfinite(x));
	if (validate_id("id", s, &id, &err) == 0)
		FUZZ_CHECK(id > 0);
	validate_title("title", s, &err);
	validate_line("line", s, &err);
	validate_text("text", s, 1000, &err);
	validate_handle("handle", s, &err);
	validate_email("email", s, &err);
	cal_parse_weekday(s);
	role_parse(s);
	health_parse(s);
	state_parse(s);
	kr_kind_parse(s);
	cycle_kind_parse(s);
	item_state_parse(s);
	source_parse(s);
	free(s);
	return 0;
}
