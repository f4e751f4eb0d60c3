/*
 * cmd_run.c - `kohort run CONFIG`: the study's stages in order.  Later
 * stages (model, report) are added to the stage table.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "outfile.h"
#include "study.h"

static const char usage[] =
	"Usage: kohort run [OPTIONS] CONFIG\n"
	"\n"
	"Run a study: read the extracts, link children to parents, derive the\n"
	"variables, apply the cohort rules and write\n"
	"  OUT/analysis.csv.gz       one row per cohort member\n"
	"  OUT/tables/flow.csv       each cohort rule: remaining, excluded\n"
	"  OUT/tables/linkage.csv    outcome of every parent link\n"
	"  OUT/rejects/EXTRACT.csv   rows that could not be read, with reasons\n"
	"where OUT is the config's [study] output (default output/NAME).\n"
	"\n"
	"Options:\n"
	"  --output DIR   write into DIR instead\n"
	"  -h, --help     show this help\n";

struct stage {
	const char *name;
	enum ko_status (*run)(struct ko_study *s, struct ko_err *err);
};

static const struct stage stages[] = {
	{ "link", ko_study_link },
	{ "derive", ko_study_derive },
	{ "cohort", ko_study_cohort },
	{ "write", ko_study_write },
	{ NULL, NULL },
};

static void print_problems(const struct ko_config *cfg, const char *path)
{
	size_t i;

	for (i = 0; i < cfg->n_problems; i++)
		fprintf(stderr, "%s:%ld: %s\n", path, cfg->problems[i].line,
			cfg->problems[i].msg);
	fprintf(stderr, "kohort run: %zu problem%s in %s; nothing was run\n",
		cfg->n_problems, cfg->n_problems == 1 ? "" : "s", path);
}

static int run_stages(const struct ko_config *cfg, const char *out_dir)
{
	struct ko_study s;
	struct ko_err err;
	size_t i;
	int rc = KO_EXIT_OK;

	ko_err_clear(&err);
	ko_study_init(&s, cfg, out_dir);
	if (ko_mkdirs(out_dir, &err)) {
		ko_cli_report("run", &err);
		return KO_EXIT_FAIL;
	}
	for (i = 0; stages[i].name; i++)
		if (stages[i].run(&s, &err)) {
			ko_cli_report("run", &err);
			rc = ko_cli_exit_code(err.status);
			break;
		}
	if (!rc) {
		printf("%s: %ld children in the base extract, %ld in the cohort\n",
		       cfg->name, (long)s.links->n_children, s.flow.n_members);
		printf("wrote %s/analysis.csv.gz, %s/tables/flow.csv, "
		       "%s/tables/linkage.csv\n", out_dir, out_dir, out_dir);
	}
	ko_study_release(&s);
	return rc;
}

int ko_cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *out_dir = NULL;
	struct ko_config *cfg = NULL;
	struct ko_err err;
	int c, rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return KO_EXIT_OK;
		case 'o':
			out_dir = optarg;
			break;
		default:
			return ko_cli_usage_error("run", "unknown option '%s'",
						  argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return ko_cli_usage_error("run", "expected one CONFIG file");
	ko_err_clear(&err);
	if (ko_config_load(&cfg, argv[optind], &err)) {
		if (cfg)
			print_problems(cfg, argv[optind]);
		else
			ko_cli_report("run", &err);
		ko_config_free(cfg);
		return KO_EXIT_FAIL;
	}
	rc = run_stages(cfg, out_dir ? out_dir : cfg->output_dir);
	ko_config_free(cfg);
	return rc;
}
