/*
 * synth_run.c - running the synthetic extracts' writers (synth.h): the
 * options checked, the output folder, phase 1 (synth_draw_population),
 * then one thread a file, each writing its extract to a temporary file
 * through a gzip sink and renaming it when complete, the progress polled,
 * and the planted truth and the counts filled for the caller.  What is
 * drawn and written is synth.c; what the two share is synth_impl.h.
 */
#include "synth.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <zlib.h>

#include "synth_impl.h"

#define PATH_BYTES 4096

static const char *const file_names[KO_SYNTH_FILE_COUNT] = {
	"birth.csv.gz", "population.csv.gz", "hilmo.csv.gz",
	"child_welfare.csv.gz", "social_assistance.csv.gz",
};

/* ---- running the writers ---- */

typedef void (*writer_fn)(const struct synth *s, struct sink *k, gsl_rng *r);

static const writer_fn writers[KO_SYNTH_FILE_COUNT] = {
	synth_write_birth, synth_write_population, synth_write_hilmo,
	synth_write_child_welfare, synth_write_social_assistance,
};

struct job {
	const struct synth *s;
	enum ko_synth_file file;
	char path[PATH_BYTES];
	char tmp[PATH_BYTES];
	long rows, months;
	enum ko_status status;
	struct ko_err err;
	atomic_llong text_bytes; /* uncompressed bytes written so far */
	atomic_int finished;
};

static enum ko_status job_fail(struct job *j, enum ko_status status,
			       const char *what)
{
	j->status = ko_err_at(&j->err, status, j->path, 0, NULL, "%s", what);
	return j->status;
}

/* Write one extract to its temporary file. */
static void *run_job(void *arg)
{
	struct job *j = arg;
	struct sink k = { NULL, NULL, 0, 0, 0, 0, &j->text_bytes };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	char mode[8];
	int zerr = Z_OK;

	k.buf = malloc(SINK_CAP);
	if (!r || !k.buf) {
		job_fail(j, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	gsl_rng_set(r, j->s->stream_seed[j->file]);
	snprintf(mode, sizeof(mode), "wb%d", j->s->opt->level);
	errno = 0;
	k.gz = gzopen(j->tmp, mode);
	if (!k.gz) {
		job_fail(j, KO_ERR_IO, errno ? strerror(errno) : "cannot create");
		goto out;
	}
	gzbuffer(k.gz, 1 << 18);
	writers[j->file](j->s, &k, r);
	synth_sink_flush(&k);
	if (k.failed) /* zlib's message names the temporary file and errno */
		job_fail(j, KO_ERR_IO, gzerror(k.gz, &zerr));
	zerr = gzclose(k.gz);
	k.gz = NULL;
	if (zerr != Z_OK && j->status == KO_OK)
		job_fail(j, KO_ERR_IO, "cannot finish the gzip stream");
	j->rows = k.rows;
	j->months = k.months;
out:
	if (k.gz)
		gzclose(k.gz);
	free(k.buf);
	gsl_rng_free(r);
	atomic_store(&j->finished, 1);
	return NULL;
}

static enum ko_status check_options(const struct ko_synth_options *opt,
				    struct ko_err *err)
{
	if (opt->persons < 1 || opt->persons > KO_SYNTH_MAX_PERSONS)
		return ko_err_set(err, KO_ERR_USAGE,
				  "persons must be 1..%ld, not %ld",
				  KO_SYNTH_MAX_PERSONS, opt->persons);
	if (opt->level < 1 || opt->level > 9)
		return ko_err_set(err, KO_ERR_USAGE,
				  "gzip level must be 1..9, not %d", opt->level);
	if (opt->first_birth_year < KO_SYNTH_FIRST_YEAR ||
	    opt->last_birth_year > KO_SYNTH_LAST_YEAR ||
	    opt->first_birth_year > opt->last_birth_year)
		return ko_err_set(err, KO_ERR_USAGE,
				  "birth years must be a range within %d-%d, "
				  "not %d-%d", KO_SYNTH_FIRST_YEAR,
				  KO_SYNTH_LAST_YEAR, opt->first_birth_year,
				  opt->last_birth_year);
	if (opt->population < 0 || opt->population > KO_SYNTH_MAX_PERSONS)
		return ko_err_set(err, KO_ERR_USAGE,
				  "population must be 0..%ld, not %ld",
				  KO_SYNTH_MAX_PERSONS, opt->population);
	if (!(opt->contacts_per_person >= 0 && opt->contacts_per_person <= 1000) ||
	    !(opt->sa_rows_per_person >= 0 && opt->sa_rows_per_person <= 1000))
		return ko_err_set(err, KO_ERR_USAGE,
				  "contacts and rows per person must be 0..1000");
	return KO_OK;
}

static enum ko_status make_dir(const char *dir, struct ko_err *err)
{
	struct stat st;

	if (mkdir(dir, 0777) && errno != EEXIST)
		return ko_err_at(err, KO_ERR_IO, dir, 0, NULL,
				 "cannot create directory: %s", strerror(errno));
	if (stat(dir, &st) || !S_ISDIR(st.st_mode))
		return ko_err_at(err, KO_ERR_IO, dir, 0, NULL,
				 "not a directory");
	return KO_OK;
}

static enum ko_status alloc_synth(struct synth *s, long n, long population,
				  struct ko_err *err)
{
	/* children, at most two parents each, and the others */
	size_t persons = (size_t)(population > 3 * n ? population : 3 * n);

	s->n_children = n;
	s->person = calloc(persons, sizeof(*s->person));
	s->child = calloc((size_t)n, sizeof(*s->child));
	s->family = calloc((size_t)n, sizeof(*s->family));
	if (!s->person || !s->child || !s->family)
		return ko_err_set(err, KO_ERR_NOMEM,
				  "out of memory for %ld persons", n);
	return KO_OK;
}

static void free_synth(struct synth *s)
{
	free(s->person);
	free(s->child);
	free(s->family);
}

static enum ko_status job_paths(struct job *j, const char *dir,
				struct ko_err *err)
{
	const char *name = file_names[j->file];
	int a = snprintf(j->path, sizeof(j->path), "%s/%s", dir, name);
	int b = snprintf(j->tmp, sizeof(j->tmp), "%s/.%s.tmp", dir, name);

	if (a < 0 || b < 0 || (size_t)a >= sizeof(j->path) ||
	    (size_t)b >= sizeof(j->tmp))
		return ko_err_at(err, KO_ERR_USAGE, dir, 0, NULL,
				 "directory name too long");
	return KO_OK;
}

/* Uncompressed bytes per child of each file (measured at N = 1,000,000),
 * to turn bytes written into a fraction done. */
static const double text_bytes_per_child[KO_SYNTH_FILE_COUNT] = {
	69, 92, 975, 21, 534,
};

/* Uncompressed bytes of a population row, a hilmo contact and a social-
 * assistance row (measured), for the national shape's volumes. */
#define POPULATION_ROW_BYTES 32.0
#define CONTACT_BYTES 32.5
#define SA_ROW_BYTES 57.0

/* The uncompressed bytes all files will have, about. */
static double expected_text(const struct ko_synth_options *opt)
{
	double n = (double)opt->persons, persons = 2.9 * n, others = 0;
	double bytes[KO_SYNTH_FILE_COUNT];
	int i;

	if ((double)opt->population > persons) {
		others = (double)opt->population - persons;
		persons = (double)opt->population;
	}
	for (i = 0; i < KO_SYNTH_FILE_COUNT; i++)
		bytes[i] = text_bytes_per_child[i] * n;
	bytes[KO_SYNTH_POPULATION] = POPULATION_ROW_BYTES * persons;
	bytes[KO_SYNTH_HILMO] = opt->contacts_per_person > 0 ?
		CONTACT_BYTES * (opt->contacts_per_person * persons + n) :
		bytes[KO_SYNTH_HILMO] + CONTACT_BYTES * 10.5 * others;
	if (opt->sa_rows_per_person > 0 && others > 0)
		bytes[KO_SYNTH_SOCIAL_ASSISTANCE] =
			SA_ROW_BYTES * opt->sa_rows_per_person * persons;
	for (i = 1; i < KO_SYNTH_FILE_COUNT; i++)
		bytes[0] += bytes[i];
	return bytes[0];
}

static void report_progress(const struct job *jobs, int n_jobs,
			    const struct ko_synth_options *opt)
{
	double text = 0, expected = expected_text(opt);
	int i;

	for (i = 0; i < n_jobs; i++)
		text += (double)atomic_load_explicit(&jobs[i].text_bytes,
						     memory_order_relaxed);
	opt->progress(opt->progress_ctx, text / expected > 0.99 ? 0.99 :
					 text / expected, text);
}

/* Wait for the started jobs, reporting progress about 5 times a second. */
static void wait_jobs(struct job *jobs, const pthread_t *tid,
		      const int *started, int n_jobs,
		      const struct ko_synth_options *opt)
{
	struct timespec tick = { 0, 200000000L };
	int i, running = 1;

	while (opt->progress && running) {
		nanosleep(&tick, NULL);
		running = 0;
		for (i = 0; i < n_jobs; i++)
			running |= started[i] && !atomic_load(&jobs[i].finished);
		report_progress(jobs, n_jobs, opt);
	}
	for (i = 0; i < n_jobs; i++)
		if (started[i])
			pthread_join(tid[i], NULL);
}

/* Run the five writers: in five threads at once, or one thread after the
 * other (--sequential).  A thread that cannot be started runs in this one. */
static void run_jobs(struct job *jobs, const struct ko_synth_options *opt)
{
	pthread_t tid[KO_SYNTH_FILE_COUNT];
	int started[KO_SYNTH_FILE_COUNT] = { 0 };
	int i;

	for (i = 0; i < KO_SYNTH_FILE_COUNT; i++) {
		if (pthread_create(&tid[i], NULL, run_job, &jobs[i]))
			run_job(&jobs[i]);
		else
			started[i] = 1;
		if (!opt->parallel) {
			wait_jobs(jobs, tid, started, i + 1, opt);
			started[i] = 0; /* joined */
		}
	}
	if (opt->parallel)
		wait_jobs(jobs, tid, started, KO_SYNTH_FILE_COUNT, opt);
	if (opt->progress)
		opt->progress(opt->progress_ctx, 1.0, 0);
}

/* Rename the temporary files into place, or remove them all on failure. */
static enum ko_status finish_jobs(struct job *jobs, struct ko_err *err)
{
	enum ko_status st = KO_OK;
	int i;

	for (i = 0; i < KO_SYNTH_FILE_COUNT && !st; i++)
		if (jobs[i].status) {
			if (err)
				*err = jobs[i].err;
			st = jobs[i].status;
		}
	for (i = 0; i < KO_SYNTH_FILE_COUNT && !st; i++)
		if (rename(jobs[i].tmp, jobs[i].path))
			st = ko_err_at(err, KO_ERR_IO, jobs[i].path, 0, NULL,
				       "cannot rename into place: %s",
				       strerror(errno));
	if (st)
		for (i = 0; i < KO_SYNTH_FILE_COUNT; i++)
			unlink(jobs[i].tmp);
	return st;
}

static enum ko_status fill_truth(const struct synth *s,
				 struct ko_synth_truth *t, struct ko_err *err)
{
	/* the arrays, n bytes each, are one block: in_cohort's */
	uint8_t **arrays[] = { &t->in_cohort, &t->placement, &t->ndd,
			       &t->parent_psych, &t->sa_years, &t->mother_linked,
			       &t->father_linked, &t->boy, &t->low_birth_weight };
	size_t k, narrays = sizeof(arrays) / sizeof(arrays[0]);
	long i, n = s->n_children;
	uint8_t *block = malloc(narrays * (size_t)n);

	memset(t, 0, sizeof(*t));
	if (!block)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	t->n_children = n;
	for (k = 0; k < narrays; k++)
		*arrays[k] = block + k * (size_t)n;
	for (i = 0; i < n; i++) {
		const struct child *c = &s->child[i];
		const struct family *f = &s->family[c->family];

		t->in_cohort[i] = c->in_cohort;
		t->placement[i] = c->placement;
		t->ndd[i] = c->ndd;
		t->parent_psych[i] = f->psych;
		t->sa_years[i] = f->sa_years;
		t->mother_linked[i] = f->mother_linked;
		t->father_linked[i] = f->father_linked;
		t->boy[i] = s->person[i].sex == 1;
		t->low_birth_weight[i] = c->birth_weight > 0 &&
					 c->birth_weight < 2500;
	}
	return KO_OK;
}

static void fill_stats(const struct synth *s, const struct job *jobs,
		       struct ko_synth_stats *stats)
{
	long i;
	int k;

	memset(stats, 0, sizeof(*stats));
	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++) {
		stats->file[k] = file_names[k];
		stats->rows[k] = jobs[k].rows;
		stats->text_bytes += (double)atomic_load(&jobs[k].text_bytes);
	}
	for (i = 0; i < s->n_children; i++)
		stats->children_in_cohort += s->child[i].in_cohort;
	stats->others = s->n_persons - s->first_other;
	stats->sa_months = jobs[KO_SYNTH_SOCIAL_ASSISTANCE].months;
}

void ko_synth_options_init(struct ko_synth_options *opt)
{
	opt->persons = 10000;
	opt->seed = 1997;
	opt->level = 6;
	opt->parallel = 1;
	opt->first_birth_year = 1997;
	opt->last_birth_year = 1997;
	opt->population = 0;
	opt->contacts_per_person = 0;
	opt->sa_rows_per_person = 0;
	opt->progress = NULL;
	opt->progress_ctx = NULL;
}

const char *ko_synth_file_name(enum ko_synth_file file)
{
	return (unsigned)file < KO_SYNTH_FILE_COUNT ? file_names[file] : NULL;
}

enum ko_status ko_synth_write(const char *dir,
			      const struct ko_synth_options *opt,
			      struct ko_synth_stats *stats,
			      struct ko_synth_truth *truth,
			      struct ko_err *err)
{
	struct synth s;
	struct job jobs[KO_SYNTH_FILE_COUNT];
	enum ko_status st;
	int i;

	memset(&s, 0, sizeof(s));
	memset(jobs, 0, sizeof(jobs));
	s.opt = opt;
	if ((st = check_options(opt, err)) || (st = make_dir(dir, err)))
		return st;
	for (i = 0; i < KO_SYNTH_FILE_COUNT; i++) {
		jobs[i].s = &s;
		jobs[i].file = (enum ko_synth_file)i;
		atomic_init(&jobs[i].text_bytes, 0);
		atomic_init(&jobs[i].finished, 0);
		if ((st = job_paths(&jobs[i], dir, err)))
			return st;
	}
	if ((st = alloc_synth(&s, opt->persons, opt->population, err)) ||
	    (st = synth_draw_population(&s, err)))
		goto out;
	run_jobs(jobs, opt);
	if ((st = finish_jobs(jobs, err)))
		goto out;
	if (stats)
		fill_stats(&s, jobs, stats);
	if (truth)
		st = fill_truth(&s, truth, err);
out:
	free_synth(&s);
	return st;
}

void ko_synth_truth_release(struct ko_synth_truth *t)
{
	if (!t)
		return;
	free(t->in_cohort); /* the block of every array (fill_truth) */
	memset(t, 0, sizeof(*t));
}
