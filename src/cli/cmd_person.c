/* cmd_person.c: okra person add | list | show. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

#include "app/json.h"
#include "core/calendar.h"

static int
person_add(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {
		{"name", OPT_STRING, "N", "full name (required)"},
		{"email", OPT_STRING, "E", "e-mail address"},
		{"role", OPT_STRING, "R", "admin, leader, member (default) or viewer"},
		{"joined", OPT_STRING, "D", "date joined, YYYY-MM-DD (R4: new for 3 months)"},
		OPT_END,
	};
	struct person p = {.role = ROLE_MEMBER, .joined_on = DATE_NONE};
	const char *pos[1];
	int64_t id;
	int rc, r;

	if ((rc = opt_parse(c, "person add HANDLE --name N [--email E] [--role R] [--joined D]",
			    opts, argc - 1, argv + 1, pos, 1, 1, err)) != 0)
		goto out;
	if (!opts[0].set) {
		rc = okra_err_set(err, OKRA_EUSAGE, "name", "person add needs --name");
		goto out;
	}
	p.handle = (char *)pos[0];
	p.name = (char *)opts[0].value;
	p.email = (char *)opts[1].value;
	if (opts[2].set) {
		if ((r = role_parse(opts[2].value)) < 0) {
			rc = okra_err_set(err, OKRA_EINVAL, "role",
					  "--role is admin, leader, member or viewer, not %s",
					  opts[2].value);
			goto out;
		}
		p.role = (enum role)r;
	}
	if (opts[3].set && (rc = cli_date("joined", opts[3].value, &p.joined_on, err)) < 0)
		goto out;
	if ((rc = cli_open(c, 0, err)) < 0 || (rc = app_person_add(&c->app, &p, &id, err)) < 0)
		goto out;
	cli_print_id(id);
out:
	opt_release(opts);
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
	putchar('\n');
}

static int
person_list(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	struct person *v = NULL;
	const char *pos[1];
	size_t n = 0;
	int rc;

	if ((rc = opt_parse(c, "person list", opts, argc - 1, argv + 1, pos, 0, 0, err)) != 0 ||
	    (rc = cli_open(c, 0, err)) < 0 || (rc = app_people(&c->app, &v, &n, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json) {
		json_t *a = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(a, app_json_person(&v[i], c->app.today));
		cli_print_json(a);
	} else {
		for (size_t i = 0; i < n; i++)
			print_person(&v[i], c->app.today);
	}
	for (size_t i = 0; i < n; i++)
		person_release(&v[i]);
	free(v);
	return 0;
}

static int
person_show(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	struct opt opts[] = {OPT_END};
	struct person p = {0};
	const char *pos[1];
	int rc;

	if ((rc = opt_parse(c, "person show HANDLE", opts, argc - 1, argv + 1, pos, 1, 1, err)) !=
		    0 ||
	    (rc = cli_open(c, 0, err)) < 0 || (rc = app_person(&c->app, pos[0], &p, err)) < 0)
		return rc < 0 ? rc : 0;
	if (c->json)
		cli_print_json(app_json_person(&p, c->app.today));
	else
		print_person(&p, c->app.today);
	person_release(&p);
	return 0;
}

static const struct subcommand subs[] = {
	{"add", person_add, "person add HANDLE --name N [--email E] [--role R] [--joined D]"},
	{"list", person_list, "person list [--json]"},
	{"show", person_show, "person show HANDLE [--json]"},
};

int
cmd_person(struct cli *c, int argc, char **argv, struct okra_err *err)
{
	return cli_dispatch(c, subs, NELEM(subs), argc, argv, err);
}
