/*
 * cmd_check.c - `kohort check CONFIG`: validate a study config and its
 * inputs without running it.  Every problem is printed (config: file:line;
 * data: file:row: column); exit 1 if there is any.  Nothing is written
 * (rejected rows go to a temporary file that is removed).
 */
#include "cli.h"

#include <csv.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "link.h"
#include "model.h"
#include "outfile.h"
#include "persons.h"
#include "reader.h"
#include "study.h"

#define SHOW_REJECTS 10

static const char usage[] =
	"Usage: kohort check CONFIG\n"
	"\n"
	"Check a study config and its inputs: every key and reference in the\n"
	"config; each extract's file exists and reads, its declared columns are\n"
	"present, their values parse as the declared types, and ids are unique\n"
	"in extracts declared 'unique = yes'; then (when all that is well) the\n"
	"cohort is derived in memory and each model's subgroup, strata and\n"
	"reference levels are checked against it.  Prints every problem; exit 1 if\n"
	"there is any.  Nothing is written.\n";

/* Duplicate ids of a unique extract. */
struct unique_ctx {
	struct ko_persons *ids;
	int32_t *first_row;
	size_t cap;
	struct ko_dup_report dup;
	int failed;
};

static int on_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct unique_ctx *u = ctx;
	const struct ko_value *v = &row->values[0];
	int inserted;
	long p;

	if (!u->ids || v->missing)
		return 0;
	p = ko_persons_intern(u->ids, v->text, v->len, &inserted);
	if (p >= 0 && (size_t)p >= u->cap) {
		size_t cap = u->cap ? 2 * u->cap : 4096;
		int32_t *n = realloc(u->first_row, cap * sizeof(*n));

		if (!n)
			p = -1;
		else {
			u->first_row = n;
			u->cap = cap;
		}
	}
	if (p < 0) {
		ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		return 1;
	}
	if (inserted) {
		u->first_row[p] = (int32_t)row->row;
	} else if (u->dup.count < KO_LINK_DUP_EXAMPLES) {
		size_t n = v->len < 63 ? v->len : 63;

		memcpy(u->dup.ex[u->dup.count].id, v->text, n);
		u->dup.ex[u->dup.count].id[n] = '\0';
		u->dup.ex[u->dup.count].row = row->row;
		u->dup.ex[u->dup.count].first_row = u->first_row[p];
		u->dup.count++;
	} else {
		u->dup.count++;
	}
	return 0;
}

/* The rejects file read back as CSV (libcsv: a value holding a comma, a
 * quote or a line break is one field), the first SHOW_REJECTS rows printed. */
#define REJECT_FIELD 4400 /* a path (4096) or a value (200 bytes as UTF-8) */

struct rejects_ctx {
	char fld[5][REJECT_FIELD];
	size_t nf;
	int header_done;
	long n;
};

static void on_reject_field(void *s, size_t len, void *data)
{
	struct rejects_ctx *c = data;

	if (c->nf < 5) {
		if (len >= REJECT_FIELD)
			len = REJECT_FIELD - 1;
		memcpy(c->fld[c->nf], s, len);
		c->fld[c->nf][len] = '\0';
	}
	c->nf++;
}

/* The text with its line breaks and tabs shown as \n \r \t, so that one
 * rejected row is one line of the report. */
static void put_one_line(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\n')
			fputs("\\n", f);
		else if (*s == '\r')
			fputs("\\r", f);
		else if (*s == '\t')
			fputs("\\t", f);
		else
			fputc(*s, f);
	}
}

static void on_reject_row(int term, void *data)
{
	struct rejects_ctx *c = data;

	(void)term;
	if (!c->header_done) {
		c->header_done = 1;
	} else {
		if (c->n < SHOW_REJECTS && c->nf == 5) {
			fprintf(stderr, "%s:%s: ", c->fld[0], c->fld[1]);
			if (*c->fld[2]) {
				fprintf(stderr, "column '%s': %s ('", c->fld[2],
					c->fld[3]);
				put_one_line(stderr, c->fld[4]);
				fputs("')\n", stderr);
			} else {
				fprintf(stderr, "%s\n", c->fld[3]);
			}
		}
		c->n++;
	}
	c->nf = 0;
}

/* Every byte is data: spaces around an unquoted value are the value's. */
static int no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* Print the first rejected rows recorded in path as file:row: column 'c':
 * reason (value); returns how many there are. */
static long show_rejects(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct csv_parser p;
	struct rejects_ctx *c;
	char buf[65536];
	size_t got;
	long n;

	if (!f)
		return 0;
	c = calloc(1, sizeof(*c));
	if (!c || csv_init(&p, 0)) {
		free(c);
		fclose(f);
		return 0;
	}
	csv_set_space_func(&p, no_space);
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		if (csv_parse(&p, buf, got, on_reject_field, on_reject_row, c) !=
		    got)
			break;
	csv_fini(&p, on_reject_field, on_reject_row, c);
	csv_free(&p);
	fclose(f);
	n = c->n;
	free(c);
	return n;
}

static struct ko_column column_of(const struct ko_cfg_column *c)
{
	struct ko_column k;
	size_t i;

	memset(&k, 0, sizeof(k));
	k.name = c->name;
	k.type = c->type;
	for (i = 0; i < c->n_missing; i++)
		k.missing[i] = c->missing[i];
	k.n_missing = c->n_missing;
	return k;
}

/* Read one extract fully; returns the number of problems printed. */
static int check_extract(const struct ko_cfg_extract *x, int id_required,
			 const char *tmpdir)
{
	struct ko_column cols[KO_CFG_MAX_LIST * 2];
	struct ko_read_options opt = x->opt;
	struct ko_reader *r = NULL;
	struct ko_reader_stats stats;
	struct unique_ctx u;
	struct ko_err err;
	char rejects[4096], buf[2048];
	size_t i, n = 0;
	int problems = 0, fd;

	memset(&u, 0, sizeof(u));
	ko_err_clear(&err);
	if (!x->file || !x->n_cols || x->n_cols > sizeof(cols) / sizeof(cols[0]))
		return 0; /* already a config problem */
	snprintf(rejects, sizeof(rejects), "%s/kohort-check-XXXXXX", tmpdir);
	fd = mkstemp(rejects);
	if (fd >= 0)
		close(fd);
	opt.rejects_path = fd >= 0 ? rejects : NULL;
	opt.max_reject_share = 1.0;
	/* the person column first, so the callback finds it at 0 */
	cols[n++] = column_of(&x->cols[x->person_cols[0]]);
	cols[0].required = id_required; /* as run reads it */
	for (i = 0; i < x->n_cols; i++)
		if (i != x->person_cols[0])
			cols[n++] = column_of(&x->cols[i]);
	if (x->unique && !(u.ids = ko_persons_new())) {
		ko_err_set(&err, KO_ERR_NOMEM, "out of memory");
		goto report;
	}
	if (ko_reader_open(&r, x->file, &opt, &err) ||
	    ko_reader_select(r, cols, n, &err) ||
	    ko_reader_read(r, on_row, &u, &err))
		goto report;
	ko_reader_get_stats(r, &stats);
	if (stats.rejected) {
		fprintf(stderr, "%s: %ld of %ld rows rejected (values that do not "
			"parse as their column's type, or a required id "
			"missing):\n", x->file,
			stats.rejected, stats.rows);
		show_rejects(rejects);
		if (stats.rejected > SHOW_REJECTS)
			fprintf(stderr, "  ... and %ld more\n",
				stats.rejected - SHOW_REJECTS);
		problems++;
	}
	if (u.dup.count) {
		ko_dup_format(&u.dup, buf, sizeof(buf));
		fprintf(stderr, "%s: extract %s is 'unique = yes' but has %s\n",
			x->file, x->name, buf);
		problems++;
	}
	if (!problems)
		printf("%s: %ld rows, ok\n", x->file, stats.rows);
	goto out;
report:
	ko_err_set_file(&err, x->file);
	ko_err_format(&err, buf, sizeof(buf));
	fprintf(stderr, "%s\n", buf);
	problems++;
out:
	ko_reader_free(r);
	ko_persons_free(u.ids);
	free(u.first_row);
	if (fd >= 0)
		unlink(rejects);
	return problems;
}

/* A model problem, at the config's line. */
static void print_model_problem(void *ctx, long line, const char *msg)
{
	fprintf(stderr, "%s:%ld: %s\n", (const char *)ctx, line, msg);
}

/* The data stages in memory (nothing written), with or without models, so
 * that every error run would raise in link, derive or cohort (a window
 * spanning too many years, a cohort smaller than the disclosure threshold,
 * ...) is check's too; then what each model asks of the data: a reference
 * level no child has, a subgroup or strata that leave no one (model.h).
 * Returns the number of problems printed. */
static long check_models(const struct ko_config *cfg, const char *path)
{
	struct ko_study s;
	struct ko_err err;
	enum ko_status st;
	size_t i, n;
	long problems = 0;

	ko_err_clear(&err);
	ko_study_init(&s, cfg, NULL);
	s.write_rejects = 0;
	st = ko_study_link(&s, &err);
	if (!st)
		st = ko_study_derive(&s, &err);
	if (!st)
		st = ko_study_cohort(&s, &err);
	if (!st)
		st = ko_study_check_report(&s, &err);
	for (i = 0; !st && i < cfg->n_models; i++) {
		st = ko_model_check_data(&s, &cfg->models[i], print_model_problem,
					 (void *)path, &n, &err);
		problems += (long)n;
	}
	if (st) {
		ko_cli_report("check", &err);
		problems++;
	}
	ko_study_release(&s);
	return problems;
}

int ko_cmd_check(int argc, char **argv)
{
	struct ko_config *cfg = NULL;
	struct ko_err err;
	const char *tmpdir = getenv("TMPDIR");
	char buf[2048];
	size_t i;
	long problems = 0;

	if (argc == 2 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		fputs(usage, stdout);
		return KO_EXIT_OK;
	}
	if (argc != 2 || argv[1][0] == '-')
		return ko_cli_usage_error("check", "expected one CONFIG file");
	ko_err_clear(&err);
	if (ko_config_load(&cfg, argv[1], &err) && !cfg) {
		ko_cli_report("check", &err);
		return KO_EXIT_FAIL;
	}
	for (i = 0; i < cfg->n_problems; i++)
		fprintf(stderr, "%s:%ld: %s\n", argv[1], cfg->problems[i].line,
			cfg->problems[i].msg);
	problems += (long)cfg->n_problems;
	if (cfg->output_dir && ko_outfile_check_folders(cfg->output_dir, &err)) {
		ko_err_format(&err, buf, sizeof(buf));
		fprintf(stderr, "%s\n", buf);
		problems++;
	}
	for (i = 0; i < cfg->n_extracts; i++) {
		const struct ko_cfg_extract *x = &cfg->extracts[i];

		if (x->file && cfg->output_dir &&
		    ko_outfile_inside(x->file, cfg->output_dir)) {
			fprintf(stderr, "%s: extract %s is inside the output folder "
				"%s, where a run replaces and removes files: move "
				"it or write elsewhere\n", x->file, x->name,
				cfg->output_dir);
			problems++;
		}
		problems += check_extract(x, cfg->link.present &&
					  i == cfg->link.population,
					  tmpdir && *tmpdir ? tmpdir : "/tmp");
	}
	if (!problems)
		problems += check_models(cfg, argv[1]);
	ko_config_free(cfg);
	if (problems) {
		fprintf(stderr, "kohort check: %ld problem%s\n", problems,
			problems == 1 ? "" : "s");
		return KO_EXIT_FAIL;
	}
	printf("%s: ok\n", argv[1]);
	return KO_EXIT_OK;
}
