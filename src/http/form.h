/* form.h: the forms of the pages — each field with its label, its kept value and its error. */
#ifndef OKRA_FORM_H
#define OKRA_FORM_H

#include "http/request.h"

/*
 * One way to draw a form, and to draw it again when its POST is refused: the
 * POST handler answers with the page the form is on (never a page of its own),
 * with the refusal's status, and draws the form with err set. Then
 *   - every field shows what was posted instead of its default;
 *   - the message stands beside the field err->field names (its control gets
 *     aria-invalid and aria-describedby pointing at the message);
 *   - a message about no field drawn goes to the form's top (form_top).
 *
 *	struct form f = {.r = r, .err = refused, .action = url.buf, .id = "close"};
 *
 *	form_open(&f);                  // <form …>, the hidden CSRF field and _idem key
 *	buf_adds(&r->out, "<h3>Close</h3>\n");
 *	form_top(&f);                   // an error no field claims goes here
 *	form_field(&f, &(struct form_field){.type = FIELD_NUMBER, .name = "score",
 *					   .label = "Final score, 0 to 1"});
 *	buf_adds(&r->out, "<button type=\"submit\">Close</button>\n");
 *	form_close(&f);                 // </form>
 *
 * A part of a larger form that is saved or refused on its own (an item of
 * /checkin) is a struct form too, without action: form_top … form_done.
 * Every text goes through the escapers of util/html.h.
 */
struct form {
	struct request *r;
	const struct okra_err *err; /* why the POST was refused; NULL = drawn fresh */
	const char *action;         /* form_open: the URL posted to */
	const char *id;             /* form_open: the form's id, or NULL */
	const char *cls;            /* form_open: its class; NULL = "panel no-print" */
	const char *confirm;        /* form_open: okra.js asks this before sending, or NULL */
	int posted; /* show what was posted even without err (a part of a form refused elsewhere) */
	int get;    /* form_open: method get (a choice that only reloads the page), no CSRF */
	/* kept by the helpers */
	size_t top; /* where form_top was called in r->out */
	int has_top;
	int placed; /* the error has been shown */
};

enum form_type {
	FIELD_TEXT,
	FIELD_NUMBER, /* text with a decimal keyboard: "1.5" and "1,5" are the app's to judge */
	FIELD_DATE,
	FIELD_PASSWORD, /* never kept */
	FIELD_TEXTAREA,
	FIELD_SELECT,
	FIELD_HEALTH, /* the three healths (R12) */
	FIELD_CHECKBOX,
	FIELD_HIDDEN,
};

struct form_option {
	const char *value, *label;
	int disabled; /* shown, not pickable (a new joiner as DRI: the label says until when) */
};

struct form_field {
	enum form_type type;
	const char *name;     /* the posted name */
	const char *id;       /* the control's id; NULL = name */
	const char *label;    /* the label's text */
	const char *value;    /* shown when drawn fresh (a checkbox: checked when non-empty) */
	const char *hint;     /* a line under the label the control is described by */
	int hint_unlinked;    /* …that the control is not described by (it only repeats) */
	const char *key;      /* the err->field this control answers for; NULL = name */
	const char *error_id; /* the message's id; NULL = id + "-error" */
	const char *cls;      /* the control's class ("wide") */
	const char *autocomplete;
	int size, rows, maxlength, required;
	const struct form_option *options; /* FIELD_SELECT */
	size_t noptions;
	int filter; /* FIELD_SELECT: a long list okra.js adds a box to filter as you type */
	/* FIELD_NUMBER: a live "→ 62%" beside it (okra.js) from start to target */
	int preview;
	double start, target;
};

/* <form class method="post" action [id] [data-confirm]> and, when someone is signed in, CSRF. */
void form_open(struct form *f);
/* Here goes a message about no field drawn (else at form_done). */
void form_top(struct form *f);
/* The whole field: <div class="field"> label, hint, control, message </div>. */
void form_field(struct form *f, const struct form_field *fd);
/* The message here when the refusal is about key (a group of fields: "lines"). */
void form_error(struct form *f, const char *key, const char *id);
/* Place a message no field claimed at form_top; then form_close adds </form>. */
void form_done(struct form *f);
void form_close(struct form *f);

/* What to show in field name: the posted value when refused (or posted) and sent, else fallback
 * (appended). */
void form_value(const struct form *f, const char *name, const char *fallback, struct buf *out);
/* The status a page answers with when it shows a form again after the app refused with rc:
 * 422 for what was typed (EINVAL, EUSAGE), the code's own status for 403, 404, 409 …, 503
 * when the store failed. */
int form_status(int rc);
/* 1 when the refusal is about key. */
int form_refused(const struct form *f, const char *key);

#endif
