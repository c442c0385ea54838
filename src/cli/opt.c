/* opt.c: option parsing for every command, and strict parsing of option values. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "core/validate.h"

static void
usage_print(const char *usage, const struct opt *opts)
{
	printf("usage: %s\n", usage);
	for (const struct opt *o = opts; o && o->name; o++) {
		char left[64];

		if (o->type == OPT_FLAG)
			snprintf(left, sizeof(left), "--%s", o->name);
		else
			snprintf(left, sizeof(left), "--%s %s%s", o->name, o->arg ? o->arg : "V",
				 o->type == OPT_LIST ? "…" : "");
		printf("  %-26s %s\n", left, o->help ? o->help : "");
	}
}

struct opt *
opt_get(struct opt *opts, const char *name)
{
	for (struct opt *o = opts; o->name; o++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

void
opt_release(struct opt *opts)
{
	for (struct opt *o = opts; o && o->name; o++)
		strlist_release(&o->list);
}

int
opt_parse(struct cli *c, const char *usage, struct opt *opts, int argc, char **argv,
	  const char **pos, int minpos, int maxpos, struct okra_err *err)
{
	int npos = 0, dashdash = 0;

	for (int i = 0; i < argc; i++) {
		const char *arg = argv[i], *eq, *value = NULL;
		char name[64];
		struct opt *o;
		size_t len;

		if (dashdash || arg[0] != '-' || arg[1] != '-' || !arg[2]) {
			if (!dashdash && !strcmp(arg, "--")) {
				dashdash = 1;
				continue;
			}
			if (npos >= maxpos)
				return okra_err_set(err, OKRA_EUSAGE, "",
						    "unexpected argument '%s' (usage: %s)", arg,
						    usage);
			pos[npos++] = arg;
			continue;
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq ? (size_t)(eq - arg) : strlen(arg);
		if (len >= sizeof(name))
			return okra_err_set(err, OKRA_EUSAGE, "", "unknown option --%.40s…", arg);
		memcpy(name, arg, len);
		name[len] = '\0';
		if (!strcmp(name, "help")) {
			usage_print(usage, opts);
			return 1;
		}
		if (!strcmp(name, "json") && !eq) {
			c->json = 1;
			continue;
		}
		if (!(o = opt_get(opts, name)))
			return okra_err_set(err, OKRA_EUSAGE, "",
					    "unknown option --%s; usage: okra %s", name, usage);
		if (o->type == OPT_FLAG) {
			if (eq)
				return okra_err_set(err, OKRA_EUSAGE, name, "--%s takes no value",
						    name);
			o->set = 1;
			continue;
		}
		if (eq)
			value = eq + 1;
		else if (i + 1 < argc)
			value = argv[++i];
		else
			return okra_err_set(err, OKRA_EUSAGE, name, "--%s needs a value (%s)", name,
					    o->arg ? o->arg : "V");
		o->set = 1;
		o->value = value;
		if (o->type == OPT_LIST)
			strlist_push(&o->list, value);
	}
	if (npos < minpos)
		return okra_err_set(err, OKRA_EUSAGE, "", "missing argument (usage: %s)", usage);
	for (int i = npos; i < maxpos; i++)
		pos[i] = NULL;
	return 0;
}

int
cli_number(const char *field, const char *s, double *out, struct okra_err *err)
{
	return validate_number(field, s, out, err);
}

int
cli_id(const char *field, const char *s, int64_t *out, struct okra_err *err)
{
	return validate_id(field, s, out, err);
}

int
cli_date(const char *field, const char *s, int32_t *out, struct okra_err *err)
{
	return validate_date(field, s, out, err);
}

int
cli_health(const char *s, enum health *out, struct okra_err *err)
{
	return validate_health("health", s, out, err);
}
