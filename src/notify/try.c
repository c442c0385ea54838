/* try.c: a test message sent through a channel as the reminders would send it (the sender
 * app_try_channel calls), keeping what the channel answered. */
#include "notify/notify.h"

#include "app/remind.h"
#include "notify/send.h"

void
notify_send_test(const struct test_message *m, struct channel_answer *ans)
{
	struct okra_err ignore = {0}; /* a failure is in the answer */

	if (m->email) {
		struct mail mail = {.from = m->from,
				    .to = m->to,
				    .subject = m->subject,
				    .text = m->text,
				    .message_id = m->message_id};

		notify_mail_try(m->url, &mail, ans, &ignore);
	} else {
		notify_webhook_try(m->url, m->text, ans, &ignore);
	}
}
