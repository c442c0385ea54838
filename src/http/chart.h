/* chart.h: progress over time as an inline SVG, with the expected-pace line. */
#ifndef OKRA_CHART_H
#define OKRA_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct chart_point {
	int64_t at;      /* UTC seconds */
	double progress; /* raw; drawn clamped to [0, 1.2] */
};

/*
 * A <figure> with an SVG line of points over the cycle [from, to] (dates),
 * the dashed pace line from 0% at its start to 100% at its end, and a
 * caption that says in words what the picture shows (for screen readers and
 * print). Attributes only, no inline styles: the CSP allows no 'unsafe-inline'.
 */
void chart_svg(struct buf *b, const char *label, int32_t from, int32_t to, int32_t today,
	       const struct chart_point *v, size_t n);

#endif
