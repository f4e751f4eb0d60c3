/*
 * cmd_run.c - `kohort run CONFIG`: the study's stages in order.  Later
 * stages (model, report) are added to the stage table.
 */
#include "cli.h"

#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "cache.h"
#include "config.h"
#include "export.h"
#include "followup.h"
#include "interrupt.h"
#include "manifest.h"
#include "model.h"
#include "model_cache.h"
#include "outfile.h"
#include "par.h"
#include "progress.h"
#include "report.h"
#include "study.h"

static const char usage[] =
	"Usage: kohort run [OPTIONS] CONFIG\n"
	"\n"
	"Run a study: read the extracts, link children to parents, derive the\n"
	"variables, apply the cohort rules, fit the models and write the report.\n"
	"Disclosure-controlled, for export:\n"
	"  OUT/tables/               every report table (csv md html tex, xlsx),\n"
	"                            suppression.csv\n"
	"  OUT/figures/              flow diagram, forest plots (svg pdf png)\n"
	"  OUT/report.html           everything on one self-contained page\n"
	"Inside the secure environment only (individual data or raw counts):\n"
	"  OUT/analysis.csv.gz       one row per cohort member\n"
	"  OUT/analysis.dta, .sav    the same with labels ([study] export), and\n"
	"  OUT/analysis.R            R code refitting the adjusted models from it\n"
	"  OUT/analysis.do           the same in Stata\n"
	"  OUT/internal/flow.csv     each cohort rule: remaining, excluded\n"
	"  OUT/internal/linkage.csv  outcome of every parent link\n"
	"  OUT/models/NAME*.csv      each [model NAME]: coefficients, fit\n"
	"                            statistics, term tests, effect measures\n"
	"  OUT/rejects/EXTRACT.csv   rows that could not be read, with reasons\n"
	"  OUT/manifest.json         inputs, outputs and their SHA-256, counts\n"
	"                            (kohort verify OUT re-checks it)\n"
	"  OUT/log.txt               what ran or came from the cache, reads,\n"
	"                            counts, warnings, timings\n"
	"where OUT is the config's [study] output (default output/NAME).\n"
	"The results of link, derive and cohort, and those of the models, are\n"
	"cached in OUT/.cache/ and reused while the inputs and the config\n"
	"sections they read are unchanged (a [model] or [report] change reruns\n"
	"from the model or the report stage on).\n"
	"\n"
	"Options:\n"
	"  --output DIR   write into DIR instead\n"
	"  --force        run every stage, ignoring the cache\n"
	"  --jobs N       extracts read at once, and threads per model fit\n"
	"                 (default: the number of CPUs; 1: everything in\n"
	"                 sequence); results are the same\n"
	"  --quiet        print errors only\n"
	"  --verbose      print the run log as it is written\n"
	"  -h, --help     show this help\n"
	"\n"
	"Exit status: 0 done, 1 failed (nothing half-written), 2 usage,\n"
	"130 interrupted (SIGINT/SIGTERM; previous outputs left as they were).\n";

struct stage {
	const char *name;
	enum ko_status (*run)(struct ko_study *s, struct ko_err *err);
};

/* [study] export: analysis.dta, .sav and .R (export.h). */
static enum ko_status export_stage(struct ko_study *s, struct ko_err *err)
{
	return ko_export_write(s, err);
}

static const struct stage stages[] = {
	{ "link", ko_study_link },
	{ "derive", ko_study_derive },
	{ "cohort", ko_study_cohort },
	{ "write", ko_study_write },
	{ "model", ko_study_model },
	{ "report", ko_report_run },
	{ "export", export_stage },
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

/* What one `kohort run` was asked to do, and its log. */
struct run {
	const char *cfg_path;
	const char *out_dir;
	int force, jobs, quiet, verbose;
	FILE *log;        /* OUT/log.txt's text, in memory until the end */
	char *log_text;
	size_t log_len;
	struct ko_progress *progress; /* NULL unless stderr is a terminal */
	double secs[16];  /* per stage that ran, for the log: wall seconds */
	double cpu[16];   /* and CPU seconds, user + system, all threads */
	struct keys *keys;            /* the caches' keys, on a thread */
	struct ko_cache_job *cache;   /* the data stages' cache, written on a
					 thread from the end of the cohort
					 stage on */
};

/* ---- the caches' keys, hashed beside the data stages ---------------------
 *
 * The keys hash every input (SHA-256, about 0.3 s for the 450 MB of the
 * 1M benchmark's extracts): a run that consults the cache needs them
 * before its first stage, but a run that does not (--force) needs them
 * only to save the cache and to list the inputs in the manifest, so there
 * they are hashed on a thread while the link stage reads (issue 19).  The
 * files' identities are taken first, in the caller, before anything is
 * read: the run checks at its end that every input is still that file. */
struct keys {
	const struct ko_config *cfg;
	const char *cfg_path;
	char data[KO_SHA256_HEX], model[KO_SHA256_HEX];
	enum ko_status st;
	struct ko_err err;
	pthread_t thread;
	int threaded;
};

static void *keys_body(void *arg)
{
	struct keys *k = arg;

	ko_err_clear(&k->err);
	k->st = ko_cache_key_ids(k->cfg, k->cfg_path, NULL, k->data, &k->err);
	if (!k->st)
		k->st = ko_model_cache_key(k->cfg_path, k->data, k->model,
					   &k->err);
	return NULL;
}

/* Hash the keys, on a thread when threaded (else here and now). */
static void keys_start(struct keys *k, const struct ko_config *cfg,
		       const char *cfg_path, int threaded)
{
	k->cfg = cfg;
	k->cfg_path = cfg_path;
	k->threaded = threaded &&
		      pthread_create(&k->thread, NULL, keys_body, k) == 0;
	if (!k->threaded)
		keys_body(k);
}

/* Wait for the keys (once; again is a no-op): their status, *err set. */
static enum ko_status keys_wait(struct keys *k, struct ko_err *err)
{
	if (k->threaded) {
		pthread_join(k->thread, NULL);
		k->threaded = 0;
	}
	if (k->st)
		*err = k->err;
	return k->st;
}

/* A line of the run log (also on stderr with --verbose).  Called from
 * reader threads too: each line goes out in one stdio call. */
static void log_line(struct run *r, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (r->log)
		fprintf(r->log, "%s\n", line);
	if (r->verbose)
		fprintf(stderr, "%s\n", line);
}

/* After each read of an extract: the log line, and the terminal's. */
static void on_read(void *ctx, const char *extract,
		    const struct ko_reader_stats *st, double seconds)
{
	struct run *r = ctx;
	char line[300];

	ko_progress_format_done(line, sizeof(line), extract, st, seconds);
	log_line(r, "%s", line);
	if (!r->verbose)
		ko_progress_done(r->progress, extract, st, seconds);
}

static void on_progress(void *ctx, const char *extract,
			const struct ko_reader_stats *st)
{
	struct run *r = ctx;

	ko_progress_update(r->progress, extract, st);
}

/* The process's peak resident memory so far, MB (0 if unknown). */
static long peak_rss_mb(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return ru.ru_maxrss / 1024; /* Linux: kilobytes */
}

/* CPU seconds (user + system) the process has used so far, every thread
 * included, living or ended (getrusage RUSAGE_SELF); 0 if unknown. */
static double cpu_seconds(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_SELF, &ru))
		return 0;
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_stime.tv_sec +
	       ((double)ru.ru_utime.tv_usec + (double)ru.ru_stime.tv_usec) *
		       1e-6;
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

/* Stages whose results the cache holds (cache.h); the write stage's
 * outputs are checked by the cache too. */
static int data_stage(const char *name)
{
	return !strcmp(name, "link") || !strcmp(name, "derive") ||
	       !strcmp(name, "cohort") || !strcmp(name, "write");
}

/* What the cache gives this run: the data stages, the model stage. */
struct hits {
	int data, model;
};

static int from_cache(const struct hits *hit, const char *name)
{
	return (hit->data && data_stage(name)) ||
	       (hit->model && !strcmp(name, "model"));
}

static int listed(void *m, const char *rel)
{
	return ko_manifest_has_output(m, rel);
}

/* manifest.json: config, inputs, outputs (hashed now), counts.
 * The folders a run fills are left holding exactly the listed files. */
static enum ko_status write_manifest(const struct ko_study *s,
				     const struct run *run, struct ko_err *err)
{
	static const char *const outputs[] = {
		"analysis.csv.gz", "internal/flow.csv", "internal/linkage.csv",
	};
	const struct ko_config *cfg = s->cfg;
	struct ko_manifest *m = ko_manifest_new(cfg->name, KO_VERSION);
	enum ko_status st = KO_OK;
	char rel[600], path[5000];
	size_t i;

	if (!m)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	st = ko_manifest_set_config(m, run->cfg_path, err);
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
	for (i = 0; !st && ko_export_output(s, i, rel, sizeof(rel)); i++)
		st = ko_manifest_add_output(m, s->out_dir, rel, err);
	for (i = 0; !st && i < cfg->n_extracts; i++) {
		snprintf(rel, sizeof(rel), "rejects/%s.csv", cfg->extracts[i].name);
		snprintf(path, sizeof(path), "%s/%s", s->out_dir, rel);
		/* this run's (or the cached run's); "" when removed */
		if (access(ko_outfile_resolve(path), F_OK) == 0)
			st = ko_manifest_add_output(m, s->out_dir, rel, err);
	}
	if (!st)
		st = ko_outfile_prune(s->out_dir, listed, m, err);
	for (i = 0; stages[i].name; i++)
		ko_manifest_add_stage(m, stages[i].name, stage_rows(s, i));
	if (!st)
		st = ko_manifest_write(m, s->out_dir, err);
	ko_manifest_free(m);
	return st;
}

/* Look the data stages, then the model stage, up in the cache; hit says
 * which can be skipped.  A cache that cannot be used is a log line, never
 * an error. */
static enum ko_status consult_cache(struct run *r, struct ko_study *s,
				    const char *key, const char *model_key,
				    struct hits *hit, struct ko_err *err)
{
	char why[200];
	enum ko_status st;

	hit->data = hit->model = 0;
	if (r->force) {
		log_line(r, "cache: not used (--force)");
		return KO_OK;
	}
	st = ko_cache_load(s, key, &hit->data, why, sizeof(why), err);
	if (st)
		return st;
	if (hit->data)
		log_line(r, "cache: link, derive, cohort and write from %s/.cache/"
			 "data.bin", r->out_dir);
	else
		log_line(r, "cache: not used (%s)", why);
	if (!s->cfg->n_models)
		return KO_OK;
	st = ko_model_cache_load(s, model_key, &hit->model, why, sizeof(why),
				 err);
	if (st)
		return st;
	if (hit->model)
		log_line(r, "cache: model from %s/.cache/models.bin", r->out_dir);
	else
		log_line(r, "cache: model not used (%s)", why);
	return KO_OK;
}

static void start_cache(struct run *r, const struct ko_study *s)
{
	struct ko_err err;

	ko_err_clear(&err);
	if (ko_cache_save_start(s, r->keys->data, 1, &r->cache, &err))
		log_line(r, "warning: cache not saved: %s", err.msg);
}

/* Run (or take from the cache) every stage in order; stops at the first
 * error or at SIGINT/SIGTERM (between stages, and between the reads of the
 * data stages and the fits of the model stage). */
static enum ko_status run_each(struct run *r, struct ko_study *s,
			       const struct hits *hit, struct ko_err *err)
{
	enum ko_status st = KO_OK;
	double t0, c0;
	size_t i;

	for (i = 0; !st && stages[i].name; i++) {
		if (from_cache(hit, stages[i].name)) {
			log_line(r, "stage %s: from the cache", stages[i].name);
			/* models/ written anew from the cached results (a
			 * config problem the data show stops the run as when
			 * the stage runs) */
			if (!strcmp(stages[i].name, "model"))
				st = ko_model_check_config(s, err);
			if (!st && !strcmp(stages[i].name, "model"))
				st = ko_model_write(s, err);
			continue;
		}
		ko_progress_stage(r->progress, stages[i].name);
		t0 = now();
		c0 = cpu_seconds();
		st = stages[i].run(s, err);
		r->secs[i] = now() - t0;
		r->cpu[i] = cpu_seconds() - c0;
		if (!st)
			ko_progress_stage_done(r->progress, stages[i].name,
					       r->secs[i], r->cpu[i]);
		if (!st && ko_interrupted())
			st = ko_err_set(err, KO_ERR_STOPPED, "interrupted");
		if (!st)
			log_line(r, "stage %s: ran, %.2f s, %.2f s CPU, %ld rows, "
				 "peak RSS %ld MB", stages[i].name, r->secs[i],
				 r->cpu[i], stage_rows(s, i), peak_rss_mb());
		/* the data stages' results are complete: their cache is
		 * written while the write, model and report stages run, its
		 * outputs' hashes once the write stage has written them
		 * (committed or not at the end) */
		if (!st && !strcmp(stages[i].name, "cohort") &&
		    !(st = keys_wait(r->keys, err)))
			start_cache(r, s);
		if (!st && !strcmp(stages[i].name, "write"))
			ko_cache_save_outputs_done(r->cache);
	}
	return st;
}

/* A follow-up exclusion's flow step: the first such child named, with its
 * dates, so that the data can be checked (the log stays inside). */
static void log_followup_exclusion(struct run *r, const struct ko_study *s,
				   const char *step)
{
	char what[512];
	int k;

	for (k = KO_FU_FIRST_EXCLUSION; k < KO_FU_N_REASONS; k++)
		if (!strcmp(step, ko_fu_reason_name((enum ko_fu_reason)k)) &&
		    ko_followup_describe(s->cfg, s->derived, s->links,
					 s->flow.member, (enum ko_fu_reason)k,
					 what, sizeof(what)))
			log_line(r, "flow: %s: e.g. %s", step, what);
}

/* The counts and warnings at the end of the log. */
static void log_summary(struct run *r, const struct ko_study *s)
{
	const struct ko_config *cfg = s->cfg;
	size_t i;

	for (i = 0; i < cfg->n_extracts && i < 64; i++)
		if (s->rows_rejected[i])
			log_line(r, "warning: %s: %ld of %ld rows rejected (see "
				 "rejects/%s.csv)", cfg->extracts[i].name,
				 s->rows_rejected[i], s->rows_read[i],
				 cfg->extracts[i].name);
	for (i = 0; i < s->flow.n; i++) {
		log_line(r, "flow: %s: %ld remaining, %ld excluded",
			 s->flow.rows[i].step, s->flow.rows[i].n_remaining,
			 s->flow.rows[i].n_excluded);
		log_followup_exclusion(r, s, s->flow.rows[i].step);
	}
	log_line(r, "%s: %ld children in the base extract, %ld in the cohort",
		 cfg->name, (long)s->links->n_children, s->flow.n_members);
	if (s->models && r->log)
		ko_model_print_warnings(s->models, r->log);
}

/* OUT/log.txt, written whole (temporary file + rename). */
static enum ko_status write_log(struct run *r, struct ko_err *err)
{
	struct ko_outfile o;
	char path[4200];
	enum ko_status st;

	fflush(r->log);
	snprintf(path, sizeof(path), "%s/log.txt", r->out_dir);
	st = ko_outfile_open(&o, path, 0, err);
	if (st)
		return st;
	if (fwrite(r->log_text, 1, r->log_len, o.fp) != r->log_len) {
		ko_outfile_abort(&o);
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write");
	}
	return ko_outfile_commit(&o, err);
}

static int fail(struct ko_err *err)
{
	if (err->status == KO_ERR_STOPPED && ko_interrupted()) {
		fprintf(stderr, "kohort run: interrupted: previous outputs left as "
			"they were\n");
		return KO_EXIT_INTERRUPTED;
	}
	ko_cli_report("run", err);
	return ko_cli_exit_code(err->status);
}

/* An extract inside the output folder would be overwritten or removed by
 * the run that reads it. */
static enum ko_status inputs_outside(const struct ko_config *cfg,
				     const char *out_dir, struct ko_err *err)
{
	size_t i;

	for (i = 0; i < cfg->n_extracts; i++)
		if (ko_outfile_inside(cfg->extracts[i].file, out_dir))
			return ko_err_at(err, KO_ERR_CONFIG, cfg->extracts[i].file,
					 0, NULL, "extract %s is inside the output "
					 "folder %s, where a run replaces and "
					 "removes files: move it or write elsewhere "
					 "(--output)", cfg->extracts[i].name,
					 out_dir);
	return KO_OK;
}

static int run_stages(const struct ko_config *cfg, struct run *r)
{
	struct ko_study s;
	struct ko_err err;
	struct keys keys;
	struct ko_err key_err;
	struct hits hit = { 0, 0 };
	size_t not_fitted;
	struct ko_file_id *ids = NULL;
	int swept, lock = -1, rc = KO_EXIT_OK;
	size_t i;
	enum ko_status st;

	ko_err_clear(&err);
	ko_study_init(&s, cfg, r->out_dir);
	if (r->jobs > 0) {
		s.jobs = r->jobs;
		ko_par_set_threads(r->jobs); /* the model fits' row parts */
	}
	s.on_read = on_read;
	s.on_read_ctx = r;
	if (r->progress)
		s.on_progress = on_progress;
	st = inputs_outside(cfg, r->out_dir, &err);
	if (!st)
		st = ko_outfile_check_folders(r->out_dir, &err);
	if (!st)
		st = ko_mkdirs(r->out_dir, &err);
	if (!st && (lock = ko_outfile_lock(r->out_dir, &err)) < 0)
		st = err.status;
	if (!st) {
		swept = ko_outfile_sweep(r->out_dir);
		if (swept)
			log_line(r, "removed %d temporary file%s left by an "
				 "interrupted run", swept, swept == 1 ? "" : "s");
		log_line(r, "kohort %s run %s into %s, %d job%s", KO_VERSION,
			 r->cfg_path, r->out_dir, s.jobs, s.jobs == 1 ? "" : "s");
		ids = calloc(cfg->n_extracts + 1, sizeof(*ids));
		if (!ids)
			st = ko_err_set(&err, KO_ERR_NOMEM, "out of memory");
		for (i = 0; !st && i < cfg->n_extracts; i++)
			st = ko_file_id_get(cfg->extracts[i].file, &ids[i],
					    &err);
		s.input_ids = ids;
	}
	/* with --force nothing waits for the keys until the cohort stage ends */
	memset(&keys, 0, sizeof(keys));
	if (!st)
		keys_start(&keys, cfg, r->cfg_path, r->force && s.jobs > 1);
	r->keys = &keys;
	if (!st && !keys.threaded) /* hashed already: its error now */
		st = keys_wait(&keys, &err);
	/* every output of the run appears at once, at the end */
	ko_outfile_defer_begin();
	if (!st)
		st = consult_cache(r, &s, keys.data, keys.model, &hit, &err);
	if (!st)
		st = run_each(r, &s, &hit, &err);
	/* joined whatever happened (a stage's error comes first) */
	if (keys_wait(&keys, &key_err) && !st) {
		st = key_err.status;
		err = key_err;
	}
	/* nothing cached or listed unless every input is still the file
	 * the key hashed */
	for (i = 0; !st && i < cfg->n_extracts; i++)
		st = ko_file_id_check(cfg->extracts[i].file, &ids[i], &err);
	/* written on its thread (run_each): kept only when the run got here
	 * without a problem */
	if (r->cache && ko_cache_save_finish(r->cache, !st, &err)) {
		log_line(r, "warning: cache not saved: %s", err.msg);
		ko_err_clear(&err);
	}
	r->cache = NULL;
	if (!st && !hit.model && ko_model_cache_save(&s, keys.model, &err)) {
		log_line(r, "warning: model cache not saved: %s", err.msg);
		ko_err_clear(&err);
	}
	if (!st && ko_interrupted())
		st = ko_err_set(&err, KO_ERR_STOPPED, "interrupted");
	/* with the manifest written the run is complete: a signal from here
	 * on stops nothing */
	if (!st) {
		log_summary(r, &s);
		st = write_manifest(&s, r, &err);
	}
	if (!st)
		st = write_log(r, &err);
	if (!st)
		st = ko_outfile_defer_commit(&err);
	else
		ko_outfile_defer_abort();
	not_fitted = ko_model_print_not_fitted(s.models, NULL);
	if (st) {
		rc = fail(&err);
	} else if (r->quiet && not_fitted) {
		/* --quiet still says which models are missing from the report */
		fprintf(stderr, "%s: %zu model fit%s not made (see report.html's "
			"warnings and models/):\n", cfg->name, not_fitted,
			not_fitted == 1 ? "" : "s");
		ko_model_print_not_fitted(s.models, stderr);
	} else if (!r->quiet) {
		if (s.models)
			ko_model_print_warnings(s.models, stderr);
		printf("%s: %ld children in the base extract, %ld in the cohort%s",
		       cfg->name, (long)s.links->n_children, s.flow.n_members,
		       hit.data && hit.model ? " (data stages and model from the "
					       "cache)"
		       : hit.data ? " (data stages from the cache)"
		       : hit.model ? " (model from the cache)" : "");
		if (not_fitted)
			printf("; %zu model fit%s not made (see the warnings above)",
			       not_fitted, not_fitted == 1 ? "" : "s");
		putchar('\n');
		printf("wrote %s/: report.html, tables/ and figures/ (disclosure-"
		       "controlled); analysis.csv.gz, internal/, models/ (raw: "
		       "keep inside)\n", r->out_dir);
	}
	ko_study_release(&s);
	free(ids);
	if (lock >= 0)
		close(lock);
	return rc;
}

int ko_cmd_run(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run r;
	struct ko_config *cfg = NULL;
	struct ko_err err;
	int c, rc;

	memset(&r, 0, sizeof(r));
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ho:fj:qv", longopts, NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(usage, stdout);
			return KO_EXIT_OK;
		case 'o':
			r.out_dir = optarg;
			break;
		case 'f':
			r.force = 1;
			break;
		case 'j':
			if (ko_cfg_parse_int(optarg, 1, 256, &r.jobs))
				return ko_cli_usage_error("run", "--jobs wants a "
							  "number from 1 to 256, "
							  "not '%s'", optarg);
			break;
		case 'q':
			r.quiet = 1;
			break;
		case 'v':
			r.verbose = 1;
			break;
		default:
			return ko_cli_usage_error("run", "unknown option '%s'",
						  argv[optind - 1]);
		}
	}
	if (optind != argc - 1)
		return ko_cli_usage_error("run", "expected one CONFIG file");
	if (r.quiet && r.verbose)
		return ko_cli_usage_error("run", "--quiet and --verbose together");
	ko_interrupt_install();
	ko_err_clear(&err);
	if (ko_config_load(&cfg, argv[optind], &err)) {
		if (cfg)
			print_problems(cfg, argv[optind]);
		else
			ko_cli_report("run", &err);
		ko_config_free(cfg);
		return KO_EXIT_FAIL;
	}
	r.cfg_path = argv[optind];
	r.out_dir = r.out_dir ? r.out_dir : cfg->output_dir;
	r.log = open_memstream(&r.log_text, &r.log_len);
	if (!r.quiet && !r.verbose)
		r.progress = ko_progress_new(stderr);
	if (!r.log) {
		fprintf(stderr, "kohort run: out of memory\n");
		rc = KO_EXIT_FAIL;
	} else {
		rc = run_stages(cfg, &r);
	}
	if (r.log)
		fclose(r.log);
	free(r.log_text);
	ko_progress_free(r.progress);
	ko_config_free(cfg);
	return rc;
}
