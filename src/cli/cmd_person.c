/* cmd_person.c: okra person add | list | show | edit | deactivate | reactivate | handover. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json_write.h"
#include "core/calendar.h"
#include "app/people.h"
#include "app/reads.h"

enum { ADD_NAME, ADD_EMAIL, ADD_ROLE, ADD_JOINED, ADD_NOPTS };
static const struct opt add_opts[ADD_NOPTS] = {
	[ADD_NAME] = {"name", OPT_STRING, "N", "full name (required)", .flags = OPT_REQUIRED},
	[ADD_EMAIL] = {"email", OPT_STRING, "E", "e-mail address"},
	[ADD_ROLE] = {"role", OPT_STRING, "R", "admin, leader, member (default) or viewer"},
	[ADD_JOINED] = {"joined", OPT_STRING, "D",
			"date joined, YYYY-MM-DD (R4: new for 3 months)"},
};
static const struct cli_usage add_usage = {"person add", "HANDLE", 1, 1, OPTS(add_opts)};

static int
person_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[ADD_NOPTS];
	struct person p = {.role = ROLE_MEMBER, .joined_on = DATE_NONE};
	const char *pos[1];
	int64_t id;
	int rc, r;

	if ((rc = opt_parse(c, &add_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = opt_require(&add_usage, v, err)) < 0)
		goto out;
	p.handle = pos[0];
	p.name = v[ADD_NAME].value;
	p.email = v[ADD_EMAIL].value;
	if (v[ADD_ROLE].set) {
		if ((r = role_parse(v[ADD_ROLE].value)) < 0) {
			rc = okra_err_set(err, OKRA_EINVAL, "role",
					  "--role is admin, leader, member or viewer, not %s",
					  v[ADD_ROLE].value);
			goto out;
		}
		p.role = (enum role)r;
	}
	if (v[ADD_JOINED].set &&
	    (rc = cli_date("joined", v[ADD_JOINED].value, &p.joined_on, err)) < 0)
		goto out;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_person_add(&c->app, &p, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(v, ADD_NOPTS);
	return rc < 0 ? rc : 0;
}

static void
print_person(const struct person *p, int32_t today)
{
	char joined[11] = "-", until[11];

	if (p->joined_on != DATE_NONE)
		cal_format_date(p->joined_on, joined);
	printf("%-12s %-24s %-7s joined %s", p->handle, p->name, role_name(p->role), joined);
	if (cal_is_new_joiner(p->joined_on, today)) {
		cal_format_date(cal_onboarding_ends(p->joined_on), until);
		printf("  (onboarding until %s)", until);
	}
	if (p->deactivated_at)
		fputs("  (deactivated)", stdout);
	putchar('\n');
}

static const struct cli_usage list_usage = {"person list", NULL, 0, 0, .json = 1};

static int
person_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct person *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, &list_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_people(&c->app, &c->arena, &v, &n, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json) {
		struct jw *w = cli_json_begin();

		jw_array(w);
		for (size_t i = 0; i < n; i++)
			app_jw_person(w, &v[i], c->app.today);
		jw_end(w);
		cli_json_end();
	} else {
		for (size_t i = 0; i < n; i++)
			print_person(&v[i], c->app.today);
	}
	return 0;
}

static const struct cli_usage show_usage = {"person show", "HANDLE", 1, 1, .json = 1};

static int
person_show(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct person p = {0};
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &show_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_person(&c->app, &c->arena, pos[0], &p, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json) {
		app_jw_person(cli_json_begin(), &p, c->app.today);
		cli_json_end();
	} else
		print_person(&p, c->app.today);
	return 0;
}

/* --role R into *role (the wording every interface uses). */
static int
parse_role(const char *text, enum role *role, struct okra_err *err)
{
	int r = role_parse(text);

	if (r < 0)
		return okra_err_set(err, OKRA_EINVAL, "role",
				    "--role is admin, leader, member or viewer, not %s", text);
	*role = (enum role)r;
	return 0;
}

enum { EDIT_NAME, EDIT_EMAIL, EDIT_ROLE, EDIT_JOINED, EDIT_NOPTS };
static const struct opt edit_opts[EDIT_NOPTS] = {
	[EDIT_NAME] = {"name", OPT_STRING, "N", "full name"},
	[EDIT_EMAIL] = {"email", OPT_STRING, "E", "e-mail address (\"\" clears it)"},
	[EDIT_ROLE] = {"role", OPT_STRING, "R", "admin, leader, member or viewer"},
	[EDIT_JOINED] = {"joined", OPT_STRING, "D",
			 "date joined, YYYY-MM-DD (R4: new for 3 months)"},
};
static const struct cli_usage edit_usage = {"person edit", "HANDLE", 1, 1, OPTS(edit_opts)};

static int
person_edit(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[EDIT_NOPTS];
	struct person_edit e = {.joined_on = DATE_NONE};
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &edit_usage, v, argc - 1, argv + 1, pos, err)) != 0)
		goto out;
	e.name = v[EDIT_NAME].value;
	e.email = v[EDIT_EMAIL].value;
	e.has_role = v[EDIT_ROLE].set;
	e.has_joined = v[EDIT_JOINED].set;
	if ((e.has_role && (rc = parse_role(v[EDIT_ROLE].value, &e.role, err)) < 0) ||
	    (e.has_joined &&
	     (rc = cli_date("joined", v[EDIT_JOINED].value, &e.joined_on, err)) < 0))
		goto out;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_person_edit(&c->app, pos[0], &e, err)) < 0)
		goto out;
out:
	opt_release(v, EDIT_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct cli_usage deactivate_usage = {
	"person deactivate", "HANDLE", 1, 1,
	.note = "    (they keep their history but cannot sign in nor be a DRI)"};
static const struct cli_usage reactivate_usage = {"person reactivate", "HANDLE", 1, 1};

static int
person_deactivate(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &deactivate_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_person_deactivate(&c->app, pos[0], err)) < 0)
		return rc < 0 ? rc : 0;
	return 0;
}

static int
person_reactivate(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, &reactivate_usage, NULL, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_person_reactivate(&c->app, pos[0], err)) < 0)
		return rc < 0 ? rc : 0;
	return 0;
}

enum { HAND_TO, HAND_NOPTS };
static const struct opt hand_opts[HAND_NOPTS] = {
	[HAND_TO] = {"to", OPT_STRING, "H", "who takes over (required)", .flags = OPT_REQUIRED},
};
static const struct cli_usage hand_usage = {
	"person handover",
	"HANDLE",
	1,
	1,
	OPTS(hand_opts),
	.note = "    (gives what HANDLE is DRI of, objectives not closed and their KRs, to --to)"};

static int
person_handover(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct optv v[HAND_NOPTS];
	const char *pos[1];
	size_t moved = 0;
	int rc;

	if ((rc = opt_parse(c, &hand_usage, v, argc - 1, argv + 1, pos, err)) != 0 ||
	    (rc = opt_require(&hand_usage, v, err)) < 0 || (rc = cli_open(c, 0, err)) < 0 ||
	    (rc = app_person_handover(&c->app, pos[0], v[HAND_TO].value, &moved, err)) < 0)
		goto out;
	printf("%zu\n", moved);
out:
	opt_release(v, HAND_NOPTS);
	return rc < 0 ? rc : 0;
}

static const struct subcommand subs[] = {
	{"add", person_add, &add_usage},
	{"list", person_list, &list_usage},
	{"show", person_show, &show_usage},
	{"edit", person_edit, &edit_usage},
	{"deactivate", person_deactivate, &deactivate_usage},
	{"reactivate", person_reactivate, &reactivate_usage},
	{"handover", person_handover, &hand_usage},
};

int
cmd_person(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}
