/* page_settings_test.c: on /settings, under the reminders, "send a test message" to the chat
 * webhook and by mail, and what the channel answered (app_try_channel: the real sending).
 */
#include "http/page.h"

#include <string.h>

#include "http/handler.h"
#include "util/html.h"
#include "app/remind.h"

static void
test_form(struct request *r, const char *channel, const struct refused_form *fr, const char *answer)
{
	int email = !strcmp(channel, "email");
	const char *id = email ? "test-email" : "test-chat";
	int mine = fr && fr->form && !strcmp(fr->form, id);
	struct form f = {.r = r,
			 .err = mine ? fr->err : NULL,
			 .posted = mine,
			 .action = "/settings/test-message",
			 .id = id};

	form_open(&f);
	buf_addf(&r->out, "<h2>%s</h2>\n",
		 email ? "Send a test e-mail" : "Send a test message to the chat");
	form_top(&f);
	form_field(&f, &(struct form_field){.type = FIELD_HIDDEN,
					    .name = "channel",
					    .value = email ? "email" : "chat"});
	if (email)
		form_field(&f, &(struct form_field){.type = FIELD_TEXT,
						    .name = "to",
						    .id = "test-to",
						    .label = "Send it to",
						    .value = r->who.email ? r->who.email : "",
						    .hint = "Through smtp_url, from smtp_from.",
						    .autocomplete = "email"});
	if (mine && answer && !f.err) {
		buf_addf(&r->out, "<p class=\"notice\" role=\"status\" id=\"%s\">",
			 email ? "test-email-answer" : "test-chat-answer");
		html_txt(&r->out, answer);
		buf_adds(&r->out, "</p>\n");
	}
	buf_addf(&r->out, "<button type=\"submit\">%s</button>\n",
		 email ? "Send a test e-mail" : "Send a test message");
	form_close(&f);
}

void
page_settings_test_forms(struct request *r, const struct refused_form *f, const char *answer)
{
	test_form(r, "chat", f, answer);
	test_form(r, "email", f, answer);
}

int
h_page_settings_test(struct request *r)
{
	struct buf channel = BUF_INIT, to = BUF_INIT, words = BUF_INIT;
	struct channel_answer ans;
	struct okra_err err = {0};
	int rc, email;

	if (page_form_check(r) < 0)
		return 0;
	page_form(r, "channel", &channel);
	page_form(r, "to", &to);
	email = channel.buf && !strcmp(channel.buf, "email");
	rc = app_try_channel(r->app, channel.buf ? channel.buf : "", to.buf, &ans, &err);
	if (rc == OKRA_EFORBIDDEN) {
		page_error(r, 403, "Not allowed", err.msg);
	} else {
		if (rc == 0)
			app_channel_answer_words(email, &ans, &words);
		settings_page(r,
			      &(struct refused_form){email ? "test-email" : "test-chat",
						     rc < 0 ? &err : NULL},
			      rc < 0 ? form_status(rc) : 200, words.buf);
	}
	buf_release(&channel);
	buf_release(&to);
	buf_release(&words);
	return 0;
}
