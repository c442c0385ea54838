/* fuzz_handbook.c: the handbook Markdown builder on hostile text, and its list-item parsers. */
#include "fuzz.h"

#include <math.h>

#include "core/handbook.h"

#define NPARTS 8

/* The text ends in exactly one newline (handbook.h). */
static void
one_newline(const struct buf *b)
{
	FUZZ_CHECK(b->len >= 1 && b->buf[b->len - 1] == '\n');
	FUZZ_CHECK(b->len < 2 || b->buf[b->len - 2] != '\n');
}

/* A parsed criterion written out again ("REF — TITLE — PCT%") parses to the same item. */
static void
criterion_round_trip(const char *s)
{
	struct handbook_item a, b;
	struct okra_err err = {0};
	struct buf out = BUF_INIT;

	if (handbook_parse_criterion(s, &a, &err) < 0)
		return;
	FUZZ_CHECK(a.ref && *a.ref);
	FUZZ_CHECK(isfinite(a.pct));
	buf_adds(&out, a.ref);
	if (a.title)
		buf_addf(&out, " — %s", a.title);
	buf_adds(&out, " — ");
	handbook_number(&out, a.pct);
	buf_addf(&out, "%%%s", a.closed ? " (closed)" : "");
	FUZZ_CHECK(handbook_parse_criterion(out.buf, &b, &err) == 0);
	FUZZ_CHECK(!strcmp(a.ref, b.ref));
	FUZZ_CHECK(!a.title == !b.title && (!a.title || !strcmp(a.title, b.title)));
	FUZZ_CHECK(a.closed == b.closed);
	FUZZ_CHECK(fabs(a.pct - b.pct) <= 1e-6 * fmax(1, fabs(a.pct)));
	handbook_item_release(&a);
	handbook_item_release(&b);
	buf_release(&out);
}

static void
parsers(const char *s)
{
	struct handbook_item it;
	struct okra_err err = {0};
	char *key, *value;

	if (handbook_parse_link(s, &it, &err) == 0) {
		FUZZ_CHECK(it.ref && *it.ref);
		handbook_item_release(&it);
	}
	if (handbook_parse_initiative(s, &it, &err) == 0) {
		FUZZ_CHECK(it.title);
		handbook_item_release(&it);
	}
	criterion_round_trip(s);
	if (handbook_parse_field(s, &key, &value, &err) == 0) {
		FUZZ_CHECK(*key && strspn(key, "abcdefghijklmnopqrstuvwxyz_") == strlen(key));
		free(key);
		free(value);
	}
}

/*
 * Input: up to eight parts split at byte 1 — title, context, sections, a ref, an
 * item title, a unit, a retro bullet — the last part giving the numbers. The
 * context and sections are any text; the one-line fields lose control bytes,
 * as validation would refuse them.
 */
/* Titles, refs, units and bullets are one line each (core/validate.h): no control bytes. */
static void
one_line(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			*s = ' ';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *p[NPARTS];
	char *s = fuzz_split(data, size, '\x01', p, NPARTS - 1);
	struct criterion crit = {.ref = p[3], .title = p[4], .contribution = 50};
	struct initiative init = {.title = p[4], .ref = *p[3] ? p[3] : NULL};
	struct link link = {.ref = p[3], .title = *p[4] ? p[4] : NULL};
	struct key_result kr = {.id = 1,
				.objective = 1,
				.title = p[0],
				.context = p[1],
				.dri_handle = "sam",
				.unit = p[5],
				.weight = 1,
				.criteria = &crit,
				.ncriteria = 1,
				.initiatives = &init,
				.ninitiatives = 1};
	struct objective o = {.id = 1,
			      .cycle_name = "FY2026-Q4",
			      .title = p[0],
			      .context = p[1],
			      .sections = p[2],
			      .dri_handle = "sam",
			      .weight = 1,
			      .krs = &kr,
			      .nkrs = 1,
			      .links = &link,
			      .nlinks = 1,
			      .has_retro = 1};
	char *bullets[1] = {p[6]};
	struct buf out = BUF_INIT;
	double nums[3] = {0, 100, 50};
	size_t tail = strlen(p[7]);

	for (int i = 0; i < 7; i++)
		if (i != 1 && i != 2)
			one_line(p[i]);

	/* The numbers from the last part's bytes; any finite value a KR may hold. */
	if (tail >= sizeof(nums)) {
		memcpy(nums, p[7], tail >= sizeof(nums) ? sizeof(nums) : tail);
		for (int i = 0; i < 3; i++)
			if (!isfinite(nums[i]))
				nums[i] = 0;
	}
	kr.kind = tail && (p[7][0] & 1) ? KR_METRIC : KR_CRITERIA;
	kr.start = nums[0];
	kr.target = nums[1];
	kr.current = nums[2];
	crit.state = tail && (p[7][0] & 2) ? ITEM_CLOSED : ITEM_OPEN;
	o.retro.good = (struct strlist){bullets, 1, 1};
	o.retro.bad = (struct strlist){bullets, 1, 1};
	o.retro.try = (struct strlist){bullets, 1, 1};
	o.retro.final_at = tail && (p[7][0] & 4);

	handbook_objective(&out, &o);
	one_newline(&out);
	buf_reset(&out);
	handbook_kr(&out, &kr);
	one_newline(&out);
	buf_reset(&out);
	handbook_export_objective(&out, &o);
	one_newline(&out);
	buf_reset(&out);
	handbook_retro(&out, &o.retro);
	buf_reset(&out);
	for (int i = 0; i < 3; i++) {
		handbook_number(&out, nums[i]);
		buf_reset(&out);
	}
	for (int i = 0; i < NPARTS - 1; i++)
		parsers(p[i]);
	buf_release(&out);
	free(s);
	return 0;
}
