/* form.c: the forms of the pages — each field with its label, its kept value and its error. */
#include "http/form.h"

#include <sodium.h>
#include <string.h>

#include "http/page.h"
#include "util/html.h"

int
form_refused(const struct form *f, const char *key)
{
	return f->err && key && !strcmp(f->err->field, key);
}

int
form_status(int rc)
{
	int status = okra_code_status(rc);

	if (status >= 500)
		return 503;
	return rc == OKRA_EINVAL || rc == OKRA_EUSAGE ? 422 : status;
}

void
form_value(const struct form *f, const char *name, const char *fallback, struct buf *out)
{
	if ((f->err || f->posted) && form_get(f->r->body.buf, name, out) == 1)
		return;
	buf_adds(out, fallback ? fallback : "");
}

/*
 * A key of the form as drawn (its Idempotency-Key, http/idem.h): sent twice —
 * a double click, a reload that posts again — it is saved once.
 */
static void
idem_field(struct buf *b)
{
	unsigned char raw[16];
	char hex[33];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
	buf_adds(b, "<input type=\"hidden\" name=\"_idem\" value=\"");
	html_attr(b, hex);
	buf_adds(b, "\">");
}

void
form_open(struct form *f)
{
	struct buf *b = &f->r->out;

	buf_adds(b, "<form class=\"");
	html_attr(b, f->cls ? f->cls : "panel no-print");
	buf_adds(b, f->get ? "\" method=\"get\" action=\"" : "\" method=\"post\" action=\"");
	html_attr(b, f->action);
	buf_adds(b, "\"");
	if (f->id) {
		buf_adds(b, " id=\"");
		html_attr(b, f->id);
		buf_adds(b, "\"");
	}
	if (f->confirm) {
		buf_adds(b, " data-confirm=\"");
		html_attr(b, f->confirm);
		buf_adds(b, "\"");
	}
	buf_adds(b, ">\n");
	if (f->r->who.id > 0 && !f->get) {
		page_csrf(f->r);
		idem_field(b);
	}
}

void
form_top(struct form *f)
{
	f->top = f->r->out.len;
	f->has_top = 1;
}

static void
message(struct buf *b, const char *id, const char *msg)
{
	buf_adds(b, "<p class=\"error\"");
	if (id && *id) {
		buf_adds(b, " id=\"");
		html_attr(b, id);
		buf_adds(b, "\"");
	}
	buf_adds(b, " role=\"alert\">");
	page_plain(b, msg);
	buf_adds(b, "</p>\n");
}

void
form_error(struct form *f, const char *key, const char *id)
{
	if (f->placed || !form_refused(f, key))
		return;
	message(&f->r->out, id, okra_err_text(f->err));
	f->placed = 1;
}

void
form_done(struct form *f)
{
	struct buf *b = &f->r->out, m = BUF_INIT;
	size_t at;

	if (!f->err || f->placed)
		return;
	f->placed = 1;
	if (!f->has_top || f->top > b->len) {
		message(b, NULL, okra_err_text(f->err));
		return;
	}
	/* Into its place at the top, moving what the fields wrote after it. */
	message(&m, NULL, okra_err_text(f->err));
	at = f->top;
	if (buf_grow(b, m.len) == 0) {
		memmove(b->buf + at + m.len, b->buf + at, b->len - at + 1);
		memcpy(b->buf + at, m.buf, m.len);
		b->len += m.len;
	}
	buf_release(&m);
}

void
form_close(struct form *f)
{
	form_done(f);
	buf_adds(&f->r->out, "</form>\n");
}

static void
attr(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_adds(b, " ");
	buf_adds(b, name);
	buf_adds(b, "=\"");
	html_attr(b, value);
	buf_adds(b, "\"");
}

/* aria-invalid and aria-describedby: the hint and, when refused on this field, the message. */
static void
described(struct form *f, const struct form_field *fd, const char *id, const char *errid)
{
	struct buf *b = &f->r->out;
	int bad = !f->placed && form_refused(f, fd->key ? fd->key : fd->name);
	int hint = fd->hint && !fd->hint_unlinked;

	if (bad)
		buf_adds(b, " aria-invalid=\"true\"");
	if (!hint && !bad)
		return;
	buf_adds(b, " aria-describedby=\"");
	if (hint) {
		html_attr(b, id);
		buf_adds(b, "-hint");
	}
	if (bad) {
		buf_adds(b, hint ? " " : "");
		html_attr(b, errid);
	}
	buf_adds(b, "\"");
}

static void
input(struct form *f, const struct form_field *fd, const char *id, const char *errid,
      const char *value)
{
	static const char *const types[] = {
		[FIELD_TEXT] = "text",         [FIELD_NUMBER] = "text",
		[FIELD_DATE] = "date",         [FIELD_PASSWORD] = "password",
		[FIELD_CHECKBOX] = "checkbox", [FIELD_HIDDEN] = "hidden",
	};
	struct buf *b = &f->r->out;

	buf_adds(b, "<input type=\"");
	buf_adds(b, types[fd->type]);
	buf_adds(b, "\"");
	if (fd->type == FIELD_NUMBER)
		buf_adds(b, " inputmode=\"decimal\"");
	attr(b, "class", fd->cls);
	if (fd->type != FIELD_HIDDEN)
		attr(b, "id", id);
	attr(b, "name", fd->name);
	if (fd->size > 0)
		buf_addf(b, " size=\"%d\"", fd->size);
	if (fd->maxlength > 0)
		buf_addf(b, " maxlength=\"%d\"", fd->maxlength);
	attr(b, "autocomplete", fd->autocomplete);
	if (fd->required)
		buf_adds(b, " required");
	if (fd->type == FIELD_CHECKBOX)
		buf_adds(b, *value ? " value=\"1\" checked" : " value=\"1\"");
	else if (fd->type != FIELD_PASSWORD)
		attr(b, "value", value);
	if (fd->type == FIELD_NUMBER && fd->preview)
		buf_addf(b, " data-start=\"%.17g\" data-target=\"%.17g\"", fd->start, fd->target);
	if (fd->type != FIELD_HIDDEN)
		described(f, fd, id, errid);
	buf_adds(b, ">");
	if (fd->type == FIELD_NUMBER && fd->preview) {
		buf_adds(b, " <output id=\"");
		html_attr(b, id);
		buf_adds(b, "-preview\" class=\"muted\"></output>");
	}
}

static void
option(struct buf *b, const struct form_option *o, const char *value)
{
	if (!o->disabled) {
		page_option(b, o->value, o->label, !strcmp(o->value, value));
		return;
	}
	buf_adds(b, "<option disabled value=\"");
	html_attr(b, o->value);
	buf_adds(b, "\">");
	html_txt(b, o->label);
	buf_adds(b, "</option>\n");
}

static void
control(struct form *f, const struct form_field *fd, const char *id, const char *errid,
	const char *value)
{
	struct buf *b = &f->r->out;

	switch (fd->type) {
	case FIELD_TEXTAREA:
		buf_adds(b, "<textarea");
		attr(b, "id", id);
		attr(b, "name", fd->name);
		attr(b, "class", fd->cls);
		if (fd->rows > 0)
			buf_addf(b, " rows=\"%d\"", fd->rows);
		if (fd->maxlength > 0)
			buf_addf(b, " maxlength=\"%d\"", fd->maxlength);
		if (fd->required)
			buf_adds(b, " required");
		described(f, fd, id, errid);
		buf_adds(b, ">");
		html_txt(b, value);
		buf_adds(b, "</textarea>");
		break;
	case FIELD_HEALTH:
		page_health_select(b, id, fd->name, value);
		break;
	case FIELD_SELECT:
		buf_adds(b, "<select");
		attr(b, "id", id);
		attr(b, "name", fd->name);
		attr(b, "class", fd->cls);
		if (fd->required)
			buf_adds(b, " required");
		if (fd->filter)
			buf_adds(b, " data-filter");
		described(f, fd, id, errid);
		buf_adds(b, ">\n");
		for (size_t i = 0; i < fd->noptions; i++)
			option(b, &fd->options[i], value);
		buf_adds(b, "</select>");
		break;
	default:
		input(f, fd, id, errid, value);
	}
}

static void
label(struct buf *b, const struct form_field *fd, const char *id)
{
	buf_adds(b, "<label for=\"");
	html_attr(b, id);
	buf_adds(b, fd->type == FIELD_CHECKBOX ? "\" class=\"inline\">" : "\">");
	html_txt(b, fd->label ? fd->label : "");
	buf_adds(b, "</label>");
}

void
form_field(struct form *f, const struct form_field *fd)
{
	struct buf *b = &f->r->out, v = BUF_INIT, errid = BUF_INIT;
	const char *id = fd->id ? fd->id : fd->name;

	if (fd->type == FIELD_CHECKBOX && (f->err || f->posted))
		form_value(f, fd->name, "", &v); /* unticked boxes are not sent: unticked */
	else if (fd->type != FIELD_PASSWORD)
		form_value(f, fd->name, fd->value, &v);
	if (fd->type == FIELD_HIDDEN) {
		input(f, fd, id, NULL, v.buf);
		goto out;
	}
	if (fd->error_id)
		buf_adds(&errid, fd->error_id);
	else
		buf_addf(&errid, "%s-error", id);
	buf_adds(b, "<div class=\"field\">");
	if (fd->type == FIELD_CHECKBOX) {
		control(f, fd, id, errid.buf, v.buf);
		buf_adds(b, " ");
		label(b, fd, id);
	} else {
		label(b, fd, id);
		if (fd->hint) {
			buf_adds(b, "<span class=\"hint\"");
			if (!fd->hint_unlinked) {
				buf_adds(b, " id=\"");
				html_attr(b, id);
				buf_adds(b, "-hint\"");
			}
			buf_adds(b, ">");
			html_txt(b, fd->hint);
			buf_adds(b, "</span>");
		}
		control(f, fd, id, errid.buf, v.buf);
	}
	form_error(f, fd->key ? fd->key : fd->name, errid.buf);
	buf_adds(b, "</div>\n");
out:
	buf_release(&v);
	buf_release(&errid);
}
