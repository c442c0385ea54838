/* page.h: what every HTML page shares — the frame, the small pieces, and links built safely. */
#ifndef OKRA_PAGE_H
#define OKRA_PAGE_H

#include "http/form.h"
#include "http/request.h"

/*
 * Pages write into r->out through the escapers only (util/html.h): text with
 * html_txt, attributes with html_attr, URLs from page_url_*. Each page file
 * builds one page; these give them the same frame and parts.
 */

/* The frame: doctype, head, the top bar (nav: which item is current), <main>. */
void page_begin(struct request *r, const char *title, const char *nav);
/* Close <main> and the document; status 200 (or status), text/html. */
int page_end(struct request *r, int status);
/* 200 with content (a cached <main>, the same for everyone) sent by reference after the frame. */
int page_end_shared(struct request *r, struct shared_body *content);
/* page_tree.c: let the tree pages' kept cards go (a server that stops). */
void page_tree_cards_forget(void);
/* A friendly error page (403, 404, 409 …) with a way back; -1, a refusal (request.h). */
int page_error(struct request *r, int status, const char *title, const char *message);
/* A message for the page, escaped, without the rule codes the CLI shows (core/present.h). */
void page_plain(struct buf *b, const char *msg);
/* 303 See Other to an URL built with page_url_*. */
int page_redirect(struct request *r, const char *url);

/* URLs: each segment percent-encoded. */
void page_url_objective(struct buf *b, int64_t id);
void page_url_cycle(struct buf *b, const char *name);
void page_url_team(struct buf *b, const char *slug);
void page_url_person(struct buf *b, const char *handle);

/* <a href="URL">text</a> with both escaped; url is a buffer built with page_url_*. */
void page_link(struct buf *b, const char *url, const char *text);

/* Parts */
void page_bar(struct buf *b, double progress);  /* progress bar and the percentage */
void page_health(struct buf *b, enum health h); /* health as text and colour */
/* The bar, the health and (dri not NULL) "DRI <link>": how every objective and KR reads. */
void page_standing(struct buf *b, double progress, enum health h, const char *dri);
void page_csrf(struct request *r); /* the hidden _csrf field of a form */
/* One <option> of a <select>: the value as an attribute, the label as text. */
void page_option(struct buf *b, const char *value, const char *label, int selected);
void page_health_select(struct buf *b, const char *id, const char *name, const char *selected);
/* A KR's values as "99.95 → 99.99 %" (current, target, unit). */
void page_kr_values(struct buf *b, const struct key_result *kr);
/*
 * page_pace.c: pace (core/pace.h): with full, "Expected 70% by today · actual
 * 50%"; the suggested health when it differs from recorded; the "⚑ Health
 * disagrees with pace" tag. A KR's "Forecast 87% by D"; an objective's final score.
 * sep is the text before each part (NULL = a space, for .meta rows that space them).
 */
void page_pace(struct buf *b, const struct pace *p, enum health recorded, double progress, int full,
	       const char *sep);
void page_forecast(struct buf *b, const struct key_result *kr, const char *sep);
void page_final(struct buf *b, const struct objective *o);
/*
 * A KR's numbers in one line of plain text (a form field's hint), as the
 * objective page shows them: "Now 46% (at 8.8/10 of 9.5), on track; expected
 * 59% by today; updated 2026-11-18 by pat."
 */
void page_kr_summary(struct buf *b, const struct key_result *kr);

/* Form bodies (application/x-www-form-urlencoded): a field into out (appended); 1 found. */
int page_form(struct request *r, const char *name, struct buf *out);
/* A textarea's lines into out: trimmed, list markers and empty lines dropped. */
void page_form_lines(struct request *r, const char *name, struct strlist *out);
/* A textarea into out (appended), its CR LF line ends (as browsers send them) made LF. */
void page_form_text(struct request *r, const char *name, struct buf *out);
/* 0 when the request is a form post with the right content type, else a 415 page. */
int page_form_check(struct request *r);

/*
 * page_checkin_form.c: a KR's check-in (the value now, health, note) and an
 * objective's weekly status (health, a line per KR): the same fields on the
 * objective page (alone: the form is that KR's or that status's only) and on
 * /checkin (every item in one form, names prefixed "kr-12-", "obj-4-"). _post
 * reads them back and saves; 0 or the refusal in err. On /checkin an item is
 * saved only when decided — a field changed, or a KR's "No change this week"
 * ticked — and _post answers PAGE_LEFT_ALONE (nothing saved) for the others.
 */
#define PAGE_LEFT_ALONE 1
void page_checkin_fields(struct form *f, const struct key_result *kr, int alone);
int page_checkin_post(struct request *r, const struct key_result *kr, int alone,
		      struct okra_err *err);
void page_status_fields(struct form *f, const struct objective *o, int alone);
int page_status_post(struct request *r, const struct objective *o, int alone, struct okra_err *err);

/*
 * page_objective.c: the objective page, status 200 or, shown again after a refused form
 * (page_objective_post.c), form_status(rc) with that form's error beside its field and
 * what was typed in it. f names which of the page's forms was refused, and why.
 */
struct refused_form {
	const char *form; /* "kr-12", "status", "retro", "close", or NULL */
	const struct okra_err *err;
};
int objective_page(struct request *r, int64_t id, const struct refused_form *f, int status);
/*
 * How every form posted from the objective page ends: rc 0 redirects back to
 * the page (at #anchor when not NULL); else the page again, with err beside
 * form and the status form_status(rc) gives.
 */
int objective_page_after(struct request *r, int64_t id, const char *form, const char *anchor,
			 int rc, const struct okra_err *err);
/*
 * page_comments.c: the conversation on the objective page (a thread on the objective and one per
 * KR), with the forms to add, answer, edit and remove for who may; f names a refused one
 * ("new", "new-kr-12", "reply-5", "edit-5", "remove-5").
 */
void page_comments(struct request *r, const struct objective *o, const struct refused_form *f);
/* page_notices.c: /me's mentions and replies, the new ones marked; record: this visit is the mark.
 */
void page_me_notices(struct request *r, int record);
/*
 * page_objective_post.c: the objective a form posts to (route parameter {id}).
 * page_post_objective_id() checks the form (CSRF) and the number;
 * page_post_objective() also reads the objective's tree into *t at *idx. Each
 * returns 0, or -1 with the answer already sent (the refused form, a 404).
 */
struct app_tree;
int page_no_objective(struct request *r);
int page_post_objective_id(struct request *r, int64_t *id);
int page_post_objective(struct request *r, int64_t *id, struct app_tree *t, size_t *idx);
/* The same for a key result's form ({id} a KR): its row, without its history. */
int page_post_kr(struct request *r, int64_t *id, struct key_result *kr);
/*
 * page_correct.c: the corrections drawn on the objective page for who may use
 * them — amend or retract one's own recent check-in, retract a status, remove
 * a criterion, initiative or link ("criteria", "initiatives", "links"), reopen
 * a closed objective — each a form posting back here.
 */
int page_may_correct_checkin(struct request *r, const struct objective *o, const struct checkin *c,
			     const struct refused_form *f);
int page_may_correct_status(struct request *r, const struct objective *o,
			    const struct status_update *s, const struct refused_form *f);
void page_correct_checkin(struct request *r, const struct objective *o, const struct checkin *c,
			  const struct refused_form *f);
void page_correct_status(struct request *r, const struct objective *o,
			 const struct status_update *s, const struct refused_form *f);
int page_may_remove(struct request *r, const struct objective *o, const struct refused_form *f);
void page_remove_link(struct request *r, const struct link *l, int64_t objective,
		      const struct refused_form *f);
void page_remove_button(struct request *r, const char *kind, int64_t id, int64_t objective,
			const struct refused_form *f);
void page_remove_initiative(struct request *r, const struct initiative *in, int64_t objective,
			    const struct refused_form *f);
int page_may_reopen(struct request *r, const struct objective *o, const struct refused_form *f);
void page_reopen_form(struct request *r, const struct objective *o, const struct refused_form *f);

/*
 * page_people.c, page_person.c, page_person_admin.c: /people (the list, and
 * admins' form to add someone) and a person's page with, for admins, their
 * role and join date, deactivate or reactivate, and the hand-over of what
 * they own. Each drawn again after a refused form (page_people_post.c) with
 * status form_status(rc); f names the refused form ("edit", "deactivate",
 * "reactivate", "handover").
 */
#define PAGE_NROLES 4
extern const struct form_option page_role_options[PAGE_NROLES];
int people_page(struct request *r, const struct okra_err *refused, int status);
int person_page(struct request *r, const char *handle, const struct refused_form *f, int status);
void page_person_admin(struct request *r, const struct person *p, const struct refused_form *f);
/*
 * page_teams.c: /teams (every team and its members; admins' form to create
 * one) and /teams/{slug}/manage (admins: rename, add and take out members),
 * drawn again after a refused form (page_teams_post.c): f names it ("rename",
 * "add-member", "remove-HANDLE").
 */
int teams_page(struct request *r, const struct okra_err *refused, int status);
int team_manage_page(struct request *r, const char *slug, const struct refused_form *f, int status);
/*
 * page_setup.c: once the server listens, while nobody can sign in, make a one-time setup link
 * (app/setup.h) and print it on the log with the address it listens on (host, port).
 */
struct server_config;
void page_setup_link(const struct server_config *cfg, unsigned port);
/*
 * page_cycles.c: /cycles (the cycles now, coming and past; leaders' and admins' form to plan a
 * year), drawn again after a refused "plan a year" with its refusal and status.
 */
int cycles_page(struct request *r, const struct okra_err *refused, int status);
/*
 * page_me.c: /me, the signed-in person's password, sessions and API tokens,
 * drawn again after a refused form (page_me_post.c; f names it: "password",
 * "sessions", "token", "revoke-ID"); made is a token just made, shown this
 * once, or NULL.
 */
int me_page(struct request *r, const struct refused_form *f, int status, const char *made);

/*
 * page_settings.c: /settings (admins), a form per group of settings (their
 * ids: page_settings_groups), drawn again after a refused form
 * (page_settings_post.c; f->form names the group) with status form_status(rc);
 * answer is what a test message's channel answered, or NULL.
 */
struct setting_def;
extern const char *const page_settings_groups[];
int settings_page(struct request *r, const struct refused_form *f, int status, const char *answer);
/* page_settings_test.c: the test messages' forms (ids test-chat, test-email) and the answer. */
void page_settings_test_forms(struct request *r, const struct refused_form *f, const char *answer);
/* 1 when d's value is never drawn (a secret, or a URL that may hold one): typed again or kept. */
int page_setting_hidden(const struct setting_def *d);

/*
 * page_audit_rows.c: audit rows as a table (when, who, did, to: a link to the object's page,
 * what changed) under an aria label; how an entity reads ("key_result" is "key result"); the
 * "Changes" section of an objective's page (its latest and a link to /audit filtered on it),
 * drawn only for who may read the audit trail. page_audit.c draws /audit itself.
 */
struct audit_row;
void page_audit_table(struct request *r, const struct audit_row *v, size_t n, const char *label);
const char *page_audit_label(const char *entity);
void page_objective_changes(struct request *r, int64_t objective);

/*
 * page_plan.c: /objectives/new (id 0) and /objectives/{id}/edit, drawn fresh (err NULL) or again
 * after a refused POST (page_plan_post.c) with what was typed, the refusal and status. On a stale
 * edit (someone saved meanwhile) each field also says what is saved now.
 */
int plan_objective_page(struct request *r, int64_t id, const struct okra_err *err, int status);
/* page_plan_kr.c: on the objective page, for who may edit it: edit, publish a draft, add a KR,
 * criteria and initiatives. */
void page_dri_field(struct form *f, const char *name, const char *id, const char *value);
void page_plan_actions(struct request *r, const struct objective *o, const struct refused_form *f);
struct app_tree;
void page_plan_kr(struct request *r, const struct app_tree *t, const struct objective *o,
		  const struct key_result *kr, const struct refused_form *f);
/* Who may edit the objective (R1): its planning forms are drawn. */
int page_may_plan(struct request *r, const struct objective *o);
/*
 * page_plan_kr_move.c: a KR's "Move up"/"Move down" buttons (the k-th of o's) and its "Move to
 * another objective" form (the objectives of t of o's team and cycle the actor may edit);
 * whether one of them was the form refused.
 */
void page_kr_order(struct request *r, const struct objective *o, size_t k,
		   const struct refused_form *f);
void page_kr_move_to(struct request *r, const struct app_tree *t, const struct objective *o,
		     const struct key_result *kr, const struct refused_form *f);
int page_kr_move_refused(struct request *r, int64_t kr, const struct refused_form *f);
/* page_plan_delete.c: "Delete this draft" on a draft objective, "Delete key result" on a KR of
 * one (and again when that form was refused). */
void page_delete_draft(struct request *r, const struct objective *o, const struct refused_form *f);
void page_delete_kr(struct request *r, const struct objective *o, const struct key_result *kr,
		    const struct refused_form *f);
/*
 * page_kr_source.c: a metric KR's source (what it reads, its last reading or error) and, for who
 * may check in on it, the forms to set it, read it now and stop reading (ids source-KR,
 * source-read-KR, source-clear-KR; page_kr_source_post.c).
 */
void page_kr_source(struct request *r, const struct objective *o, const struct key_result *kr,
		    const struct refused_form *f);
/* page_plan_kr_edit.c: a KR's edit form (err: its refusal, or NULL). */
void page_kr_edit_form(struct request *r, const struct key_result *kr, const struct okra_err *err);
void page_plan_add_kr(struct request *r, const struct objective *o, const struct refused_form *f);

#endif
