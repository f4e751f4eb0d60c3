/*
 * cmd_run.c - `kohort run CONFIG`: the study's stages in order.  Later
 * stages (model, report) are added to the stage table.
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "manifest.h"
#include "model.h"
#include "outfile.h"
#include "report.h"
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
	"  OUT/models/NAME*.csv      each [model NAME]: coefficients, fit\n"
	"                            statistics, term tests\n"
	"  OUT/manifest.json         inputs, outputs and their SHA-256, counts,\n"
	"                            timings (kohort verify OUT re-checks it)\n"
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
	{ "model", ko_study_model },
	{ "report", ko_report_run },
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

/* One line per extract read, on a terminal only (batch logs stay quiet). */
static void show_read(void *ctx, const char *extract,
		      const struct ko_reader_stats *st, double seconds)
{
	(void)ctx;
	fprintf(stderr, "  %-20s %12ld rows %9.1f MB %7.2f s %7.1f MB/s%s\n",
		extract, st->rows, (double)st->bytes_text / 1e6, seconds,
		seconds > 0 ? (double)st->bytes_text / 1e6 / seconds : 0.0,
		st->rejected ? " (rows rejected: see rejects/)" : "");
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Rows a stage produced, for the manifest. */
static long stage_rows(const struct ko_study *s, size_t stage)
{
	switch (stage) {
	case 0: return s->links ? (long)s->links->n_children : 0;
	case 1: return (long)s->cfg->n_vars;
	default: return s->flow.n_members;
	}
}

/* manifest.json: config, inputs, outputs (hashed now), counts, timings. */
static enum ko_status write_manifest(const struct ko_study *s,
				     const char *cfg_path, const double *secs,
				     struct ko_err *err)
{
	static const char *const outputs[] = {
		"analysis.csv.gz", "tables/flow.csv", "tables/linkage.csv",
	};
	const struct ko_config *cfg = s->cfg;
	struct ko_manifest *m = ko_manifest_new(cfg->name, KO_VERSION);
	enum ko_status st = KO_OK;
	char rel[600], path[5000];
	size_t i;

	if (!m)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	st = ko_manifest_set_config(m, cfg_path, err);
	for (i = 0; !st && i < cfg->n_extracts; i++) {
		st = ko_manifest_add_input(m, cfg->extracts[i].name,
					   cfg->extracts[i].file, err);
		if (i < 64)
			ko_manifest_add_rejects(m, cfg->extracts[i].name,
						s->rows_read[i], s->rows_rejected[i]);
	}
	for (i = 0; !st && i < sizeof(outputs) / sizeof(*outputs); i++)
		st = ko_manifest_add_output(m, s->out_dir, outputs[i], err);
	if (!st)
		st = ko_model_add_outputs(s, m, err);
	for (i = 0; !st && ko_report_output(s, i, rel, sizeof(rel)); i++)
		st = ko_manifest_add_output(m, s->out_dir, rel, err);
	for (i = 0; !st && i < cfg->n_extracts; i++) {
		snprintf(rel, sizeof(rel), "rejects/%s.csv", cfg->extracts[i].name);
		snprintf(path, sizeof(path), "%s/%s", s->out_dir, rel);
		if (access(path, F_OK) == 0)
			st = ko_manifest_add_output(m, s->out_dir, rel, err);
	}
	for (i = 0; stages[i].name; i++) {
		ko_manifest_add_stage(m, stages[i].name, 1, stage_rows(s, i));
		ko_manifest_set_timing(m, stages[i].name, secs[i]);
	}
	if (!st)
		st = ko_manifest_write(m, s->out_dir, err);
	ko_manifest_free(m);
	return st;
}

static int run_stages(const struct ko_config *cfg, const char *cfg_path,
		      const char *out_dir)
{
	struct ko_study s;
	struct ko_err err;
	double secs[8] = { 0 }, t0;
	size_t i;
	int rc = KO_EXIT_OK;

	ko_err_clear(&err);
	ko_study_init(&s, cfg, out_dir);
	if (isatty(STDERR_FILENO))
		s.on_read = show_read;
	if (ko_mkdirs(out_dir, &err)) {
		ko_cli_report("run", &err);
		return KO_EXIT_FAIL;
	}
	for (i = 0; stages[i].name; i++) {
		t0 = now();
		if (stages[i].run(&s, &err)) {
			ko_cli_report("run", &err);
			rc = ko_cli_exit_code(err.status);
			break;
		}
		secs[i] = now() - t0;
	}
	if (!rc && write_manifest(&s, cfg_path, secs, &err)) {
		ko_cli_report("run", &err);
		rc = ko_cli_exit_code(err.status);
	}
	if (!rc && s.models)
		ko_model_print_warnings(s.models, stderr);
	if (!rc) {
		printf("%s: %ld children in the base extract, %ld in the cohort\n",
		       cfg->name, (long)s.links->n_children, s.flow.n_members);
		printf("wrote %s/analysis.csv.gz, tables/flow.csv, "
		       "tables/linkage.csv, manifest.json\n", out_dir);
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
	rc = run_stages(cfg, argv[optind], out_dir ? out_dir : cfg->output_dir);
	ko_config_free(cfg);
	return rc;
}
