/* study.c - the stages of a study run (see study.h). */
#include "study.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "escape.h"
#include "fileid.h"
#include "followup.h"
#include "gz_pipe.h"
#include "outfile.h"
#include "par.h"
#include "reader.h"
#include "rowstore.h"
#include "value.h"

void ko_study_init(struct ko_study *s, const struct ko_config *cfg,
		   const char *out_dir)
{
	memset(s, 0, sizeof(*s));
	s->cfg = cfg;
	s->out_dir = out_dir;
	s->write_rejects = 1;
	s->jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (s->jobs < 1)
		s->jobs = 1;
	ko_flow_init(&s->flow);
}

void ko_study_release(struct ko_study *s)
{
	size_t x;

	for (x = 0; x < KO_CFG_MAX_EXTRACTS; x++) {
		ko_rowstore_free(s->kept[x]);
		s->kept[x] = NULL;
	}
	ko_links_free(s->links);
	ko_derived_free(s->derived);
	ko_flow_release(&s->flow);
	if (s->models && s->free_models)
		s->free_models(s->models);
	s->models = NULL;
	s->links = NULL;
	s->derived = NULL;
}

/* The reader's progress callback, passed on with the extract's name. */
struct read_progress {
	struct ko_study *s;
	const char *extract;
};

static void on_read_progress(void *ctx, const struct ko_reader_stats *stats)
{
	struct read_progress *rp = ctx;

	rp->s->on_progress(rp->s->on_read_ctx, rp->extract, stats);
}

static struct ko_column column_of(const struct ko_cfg_extract *x, size_t c);

/* The caller's columns, then every other configured column of the
 * extract: each pass over an extract checks every column `kohort check`
 * checks, so every pass rejects the same rows (those the first pass
 * writes to the rejects file and the flow counts) and no row is dropped
 * by one pass only because a column it reads holds a bad value.  The
 * callbacks see the caller's columns at their places.  Caller frees. */
static struct ko_column *every_column(const struct ko_cfg_extract *ex,
				      const struct ko_column *cols, size_t n,
				      size_t *n_all)
{
	struct ko_column *all = malloc((n + ex->n_cols + 1) * sizeof(*all));
	size_t i, k, m = n;

	if (!all)
		return NULL;
	if (n)
		memcpy(all, cols, n * sizeof(*all));
	for (i = 0; i < ex->n_cols; i++) {
		for (k = 0; k < n; k++)
			if (!strcasecmp(cols[k].name, ex->cols[i].name))
				break;
		if (k == n)
			all[m++] = column_of(ex, i);
	}
	*n_all = m;
	return all;
}

/* The rejects file of one read: it replaces the previous run's when the
 * run completes, or the previous one is removed then when no row was
 * rejected.  A read that failed with rows rejected (over the limit) keeps
 * them at once as failed (NAME.failed.csv, which the reader's message
 * names), leaving the previous run's file as it was. */
static enum ko_status finish_rejects(struct ko_outfile *out,
				     const char *failed, enum ko_status st,
				     struct ko_err *err)
{
	long written = out->fp ? ftell(out->fp) : 0;

	if (st) {
		if (written > 0 && st != KO_ERR_STOPPED) {
			fclose(out->fp);
			out->fp = NULL;
			rename(out->tmp, failed);
		}
		ko_outfile_abort(out);
		return st;
	}
	if (written > 0)
		return ko_outfile_commit(out, err);
	st = ko_outfile_remove(out->path, err);
	ko_outfile_abort(out);
	return st;
}

enum ko_status ko_study_read(struct ko_study *s, size_t x,
			     const struct ko_column *cols, size_t n_cols,
			     ko_row_fn fn, void *ctx, struct ko_err *err)
{
	const struct ko_cfg_extract *ex = &s->cfg->extracts[x];
	struct ko_read_options opt = ex->opt;
	struct ko_reader *r = NULL;
	struct ko_reader_stats stats;
	char rejects[4096], failed[4200];
	struct ko_outfile out;
	enum ko_status st;
	struct timespec t0, t1;
	struct read_progress rp = { s, ex->name };
	struct ko_column *all;
	size_t n_all = 0;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (s->on_progress) {
		struct ko_reader_stats none;

		memset(&none, 0, sizeof(none));
		s->on_progress(s->on_read_ctx, ex->name, &none); /* read starts */
		opt.on_progress = on_read_progress;
		opt.progress_ctx = &rp;
	}

	if (s->write_rejects && x < 64 && !s->rejects_started[x]) {
		/* rejects are written on the first pass over an extract only,
		 * to a temporary file that replaces the previous run's when
		 * the run completes */
		snprintf(rejects, sizeof(rejects), "%s/rejects/%s.csv", s->out_dir,
			 ex->name);
		st = ko_outfile_open(&out, rejects, 0, err);
		if (st)
			return st;
		snprintf(failed, sizeof(failed), "%s/rejects/%s.failed.csv",
			 s->out_dir, ex->name);
		opt.rejects_path = failed;
		opt.rejects_fp = out.fp;
		s->rejects_started[x] = 1;
	}
	all = every_column(ex, cols, n_cols, &n_all);
	st = all ? KO_OK : ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	/* the file read is the one the cache key hashed, before and after */
	if (!st && s->input_ids)
		st = ko_file_id_check(ex->file, &s->input_ids[x], err);
	if (!st)
		st = ko_reader_open(&r, ex->file, &opt, err);
	if (!st)
		st = ko_reader_select(r, all, n_all, err);
	if (!st)
		st = ko_reader_read(r, fn, ctx, err);
	if (!st && s->input_ids)
		st = ko_file_id_check(ex->file, &s->input_ids[x], err);
	if (r) {
		ko_reader_get_stats(r, &stats);
		if (x < 64) {
			s->rows_read[x] = stats.rows;
			/* every pass selects every declared column, so rejects
			 * differ only by a required id (the population's link
			 * pass): the most any pass rejected is the count */
			if (stats.rejected > s->rows_rejected[x])
				s->rows_rejected[x] = stats.rejected;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		secs = (double)(t1.tv_sec - t0.tv_sec) +
		       (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
		if (!st && s->defer_reads && x < KO_CFG_MAX_EXTRACTS) {
			s->read_notes[x].done = 1; /* told by run_round */
			s->read_notes[x].stats = stats;
			s->read_notes[x].seconds = secs;
		} else if (!st && s->on_read) {
			s->on_read(s->on_read_ctx, ex->name, &stats, secs);
		}
	}
	ko_reader_free(r);
	free(all);
	if (st)
		ko_err_set_file(err, ex->file);
	if (opt.rejects_fp)
		st = finish_rejects(&out, failed, st, err);
	return st;
}

/* ---- link ------------------------------------------------------------ */

struct base_ctx {
	struct ko_links *links;
	int has_mother, has_father;
	long no_id;
};

static int on_base_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct base_ctx *b = ctx;
	const struct ko_value *v = row->values;
	const struct ko_value *m = b->has_mother ? &v[2] : NULL;
	const struct ko_value *f = b->has_father ? &v[2 + b->has_mother] : NULL;

	if (v[0].missing || !v[0].len) {
		b->no_id++; /* a child without an id cannot be followed */
		return 0;
	}
	return ko_links_add_child(b->links, v[0].text, v[0].len,
				  v[1].missing ? KO_DATE_NONE : v[1].v.date,
				  m && !m->missing ? m->text : NULL,
				  m && !m->missing ? m->len : 0,
				  f && !f->missing ? f->text : NULL,
				  f && !f->missing ? f->len : 0, row->row,
				  err) != KO_OK;
}

static int on_population_row(void *ctx, const struct ko_row *row,
			     struct ko_err *err)
{
	const struct ko_value *v = row->values;

	/* the id is required (read_population): a row without one was
	 * rejected by the reader, into rejects/ and the read's counts */
	if (v[0].missing || !v[0].len)
		return 0;
	return ko_links_add_person(ctx, v[0].text, v[0].len,
				   v[1].missing ? KO_DATE_NONE : v[1].v.date,
				   v[2].missing ? KO_DATE_NONE : v[2].v.date,
				   row->row, err) != KO_OK;
}

static struct ko_column column_of(const struct ko_cfg_extract *x, size_t c)
{
	struct ko_column k;
	size_t i;

	memset(&k, 0, sizeof(k));
	k.name = x->cols[c].name;
	k.type = x->cols[c].type;
	for (i = 0; i < x->cols[c].n_missing; i++)
		k.missing[i] = x->cols[c].missing[i];
	k.n_missing = x->cols[c].n_missing;
	return k;
}

static enum ko_status dup_error(const struct ko_cfg_extract *x,
				const struct ko_dup_report *d,
				struct ko_err *err)
{
	char buf[700];

	ko_dup_format(d, buf, sizeof(buf));
	return ko_err_at(err, KO_ERR_DATA, x->file, 0, NULL,
			 "extract %s must have one row per person: %s", x->name,
			 buf);
}

/* ---- one read of base and population ------------------------------- */

/* The variables of extract x that derive's first round derives (those
 * whose dependencies need no pass over an extract), into vars
 * (cfg->n_vars entries); their count, 0 when none or out of memory. */
static size_t first_round_vars(const struct ko_config *cfg, size_t x,
			       size_t *vars)
{
	struct ko_derived *d = ko_derived_new(cfg, 0);
	size_t n;

	if (!d)
		return 0;
	ko_derive_exprs(cfg, d);
	n = ko_derive_ready(cfg, d, x, vars);
	ko_derived_free(d);
	return n;
}

/* A link read's rows go to the link stage and into the row store. */
struct keep_ctx {
	ko_row_fn fn;
	void *ctx;
	struct ko_rowstore *rows;
	size_t *pick; /* store column i is the read's column pick[i] */
};

static int keep_row(void *ctx, const struct ko_row *row, struct ko_err *err)
{
	struct keep_ctx *k = ctx;

	if (k->fn(k->ctx, row, err))
		return 1;
	return ko_rowstore_add(k->rows, row, k->pick, err) != KO_OK;
}

/* Where every_column puts the columns derive's first pass over x reads
 * (want); a store for them in k.  Nothing is kept (k->rows NULL) when the
 * pass reads a column the read does not deliver the same way. */
static enum ko_status plan_keep(const struct ko_cfg_extract *ex,
				const struct ko_column *cols, size_t n,
				const struct ko_column *want, size_t n_want,
				const struct ko_persons *dict,
				struct keep_ctx *k, struct ko_err *err)
{
	struct ko_column *all = every_column(ex, cols, n, &n);
	size_t i, j;

	k->pick = malloc((n_want + 1) * sizeof(*k->pick));
	if (!all || !k->pick) {
		free(all);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	for (i = 0; i < n_want; i++) {
		for (j = 0; j < n; j++)
			if (!strcasecmp(all[j].name, want[i].name))
				break;
		if (j == n || all[j].type != want[i].type) {
			free(all);
			return KO_OK;
		}
		k->pick[i] = j;
	}
	free(all);
	k->rows = ko_rowstore_new(want, n_want);
	if (!k->rows)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	/* the read interns the person ids: keep them as their index */
	for (i = 0; i < n_want; i++)
		for (j = 0; j < ex->n_person_cols; j++)
			if (!strcasecmp(want[i].name,
					ex->cols[ex->person_cols[j]].name))
				ko_rowstore_use_dict(k->rows, i, dict);
	return KO_OK;
}

/* Read extract x for the link stage (columns cols, rows to fn) and keep
 * in s->kept[x] the columns derive's first pass over x reads, so that
 * the pass need not read the file again (derive_pass).  Every read
 * selects every declared column (every_column), so the rows kept are the
 * rows that pass would read, but for those a required column of the link
 * read rejects: the population's rows without an id, which no pass
 * folds. */
static enum ko_status read_keeping(struct ko_study *s, size_t x,
				   const struct ko_column *cols, size_t n,
				   ko_row_fn fn, void *ctx, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	const struct ko_cfg_extract *ex = &cfg->extracts[x];
	size_t *vars = malloc((cfg->n_vars + 1) * sizeof(*vars));
	struct ko_column *want = calloc(ex->n_cols + 1, sizeof(*want));
	struct keep_ctx k = { fn, ctx, NULL, NULL };
	size_t n_vars, n_want = 0;
	enum ko_status st = KO_OK;

	if (!vars || !want)
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	n_vars = st || x >= KO_CFG_MAX_EXTRACTS ? 0
						: first_round_vars(cfg, x, vars);
	if (n_vars)
		st = ko_derive_columns(cfg, x, vars, n_vars, want, &n_want, err);
	if (!st && n_want)
		st = plan_keep(ex, cols, n, want, n_want, s->links->dict, &k,
			       err);
	if (!st)
		st = k.rows ? ko_study_read(s, x, cols, n, keep_row, &k, err)
			    : ko_study_read(s, x, cols, n, fn, ctx, err);
	if (!st && k.rows) {
		ko_rowstore_free(s->kept[x]);
		s->kept[x] = k.rows;
		k.rows = NULL;
	}
	ko_rowstore_free(k.rows);
	free(k.pick);
	free(want);
	free(vars);
	return st;
}

static enum ko_status read_base(struct ko_study *s, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	const struct ko_cfg_extract *x = &cfg->extracts[cfg->base];
	struct ko_column cols[4];
	struct base_ctx b = { s->links, cfg->link.mother_col >= 0,
			      cfg->link.father_col >= 0, 0 };
	size_t n = 0;
	enum ko_status st;

	cols[n++] = column_of(x, cfg->base_id_col);
	cols[n++] = column_of(x, cfg->base_birth_col);
	if (b.has_mother)
		cols[n++] = column_of(x, (size_t)cfg->link.mother_col);
	if (b.has_father)
		cols[n++] = column_of(x, (size_t)cfg->link.father_col);
	st = read_keeping(s, cfg->base, cols, n, on_base_row, &b, err);
	if (!st && s->links->dup_base.count)
		st = dup_error(x, &s->links->dup_base, err);
	s->base_rejected = s->rows_rejected[cfg->base < 64 ? cfg->base : 0];
	s->base_no_id = b.no_id;
	return st;
}

static enum ko_status read_population(struct ko_study *s, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	const struct ko_cfg_extract *x = &cfg->extracts[cfg->link.population];
	struct ko_column cols[3];
	enum ko_status st;

	cols[0] = column_of(x, x->person_cols[0]);
	cols[0].required = 1; /* a row without an id is a reject, counted */
	cols[1] = column_of(x, cfg->link.pop_birth_col);
	cols[2] = column_of(x, cfg->link.pop_death_col);
	st = read_keeping(s, cfg->link.population, cols, 3, on_population_row,
			  s->links, err);
	if (!st && s->links->dup_pop.count)
		st = dup_error(x, &s->links->dup_pop, err);
	return st;
}

/* Size the person dictionary and the link's arrays for the persons the
 * reads will meet, so that they are not rebuilt as the rows come (issue
 * 19: at 5.5 million persons the table was rehashed three times): the
 * population extract's rows (everyone, children and parents among them)
 * or, without one, the base's, estimated from the files (a few
 * milliseconds), with a margin for the estimate and for ids in the base
 * only.  An estimate too low costs what no estimate did (the tables grow);
 * nothing the run writes depends on it. */
static void presize_links(struct ko_study *s)
{
	const struct ko_config *cfg = s->cfg;
	const struct ko_cfg_extract *b = &cfg->extracts[cfg->base];
	long base = ko_reader_estimate_rows(b->file, b->opt.format), pop = 0;

	if (cfg->link.present) {
		const struct ko_cfg_extract *p =
			&cfg->extracts[cfg->link.population];

		pop = ko_reader_estimate_rows(p->file, p->opt.format);
	}
	if (base > 0 || pop > 0)
		(void)ko_links_reserve(s->links,
				       (size_t)(pop > base ? pop : base) / 20 *
					       21,
				       (size_t)base / 20 * 21);
}

enum ko_status ko_study_link(struct ko_study *s, struct ko_err *err)
{
	const struct ko_cfg_link *l = &s->cfg->link;
	struct ko_link_rules rules[2];
	enum ko_status st;

	s->links = ko_links_new();
	if (!s->links)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	presize_links(s);
	st = read_base(s, err);
	if (!st && l->present)
		st = read_population(s, err);
	if (st)
		return st;
	rules[KO_MOTHER].min_age = rules[KO_FATHER].min_age = l->min_age;
	rules[KO_MOTHER].max_age = rules[KO_FATHER].max_age = l->max_age;
	rules[KO_MOTHER].death_days = l->mother_death_days;
	rules[KO_FATHER].death_days = l->father_death_days;
	return ko_links_finish(s->links, rules, err);
}

/* ---- derive ------------------------------------------------------------ */

/* 1 when the kept rows hold exactly the columns a pass reads. */
static int same_columns(const struct ko_rowstore *k,
			const struct ko_column *cols, size_t n)
{
	size_t n_kept, i, j;
	const struct ko_column *kept = ko_rowstore_columns(k, &n_kept);

	if (n_kept != n)
		return 0;
	for (i = 0; i < n; i++) {
		if (strcasecmp(kept[i].name, cols[i].name) ||
		    kept[i].type != cols[i].type ||
		    kept[i].n_missing != cols[i].n_missing)
			return 0;
		for (j = 0; j < kept[i].n_missing; j++)
			if (strcmp(kept[i].missing[j], cols[i].missing[j]))
				return 0;
	}
	return 1;
}

static enum ko_status derive_pass(struct ko_study *s, size_t x,
				  const size_t *vars, size_t n,
				  struct ko_err *err)
{
	struct ko_derive_pass *p = NULL;
	const struct ko_column *cols;
	size_t n_cols;
	enum ko_status st;

	st = ko_derive_pass_new(&p, s->cfg, x, vars, n, s->links, s->derived,
				err);
	if (st)
		return st;
	cols = ko_derive_pass_columns(p, &n_cols);
	if (x < KO_CFG_MAX_EXTRACTS && s->kept[x] &&
	    same_columns(s->kept[x], cols, n_cols)) {
		/* the link stage's read kept these rows: no second read,
		 * and their ids come as indices in s->links->dict */
		ko_derive_pass_indexed_ids(p, 1);
		st = ko_rowstore_replay(s->kept[x], ko_derive_row_fn, p, err);
		if (st)
			ko_err_set_file(err, s->cfg->extracts[x].file);
	} else {
		st = ko_study_read(s, x, cols, n_cols, ko_derive_row_fn, p, err);
	}
	if (x < KO_CFG_MAX_EXTRACTS) {
		/* kept for the first pass only */
		ko_rowstore_free(s->kept[x]);
		s->kept[x] = NULL;
	}
	if (!st)
		st = ko_derive_pass_finish(p, err);
	ko_derive_pass_free(p);
	return st;
}

/* One pass of a round: an extract and the variables it derives. */
struct pass_job {
	size_t extract;
	size_t *vars;
	size_t n;
	enum ko_status status;
	struct ko_err err;
};

struct round {
	struct ko_study *s;
	struct pass_job *jobs;
	size_t *order; /* the jobs, the longest first */
};

static void round_pass(void *ctx, size_t i)
{
	struct round *rd = ctx;
	struct pass_job *j = &rd->jobs[rd->order ? rd->order[i] : i];

	ko_err_clear(&j->err);
	j->status = derive_pass(rd->s, j->extract, j->vars, j->n, &j->err);
}

/* A pass's work, roughly: the bytes of the file it reads, 0 for a replay
 * of the rows the link stage kept (a fraction of a read). */
static double pass_weight(const struct ko_study *s, size_t x)
{
	struct stat sb;

	if (x < KO_CFG_MAX_EXTRACTS && s->kept[x])
		return 0;
	return stat(s->cfg->extracts[x].file, &sb) ? 0 : (double)sb.st_size;
}

/* The jobs in the order the threads take them: the heaviest first, so
 * that the small ones fill in at the end instead of delaying the longest
 * (issue 19: the replays of the link's rows had gone first, before the
 * hospital extract that is the round's long pole); ties in extract order.
 * NULL (extract order) when out of memory. */
static size_t *longest_first(const struct ko_study *s,
			     const struct pass_job *jobs, size_t n)
{
	size_t *order = malloc((n + 1) * sizeof(*order)), i, k;
	double *w = malloc((n + 1) * sizeof(*w));

	if (!order || !w) {
		free(order);
		free(w);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		w[i] = pass_weight(s, jobs[i].extract);
		/* insertion: after every job at least as heavy */
		for (k = i; k > 0 && w[order[k - 1]] < w[i]; k--)
			order[k] = order[k - 1];
		order[k] = i;
	}
	free(w);
	return order;
}

/* Run the passes of one round on up to s->jobs threads (stats/base/par.h),
 * the longest first.  Passes read different extracts and fold into
 * disjoint variables, so they share nothing they write; the first failing
 * pass in extract order is the error reported, whatever the timing. */
static enum ko_status run_round(struct ko_study *s, struct pass_job *jobs,
				size_t n_jobs, struct ko_err *err)
{
	struct round rd = { s, jobs, longest_first(s, jobs, n_jobs) };
	size_t t;

	memset(s->read_notes, 0, sizeof(s->read_notes));
	s->defer_reads = 1;
	ko_par_run_threads(n_jobs, s->jobs, round_pass, &rd);
	s->defer_reads = 0;
	free(rd.order);
	/* the reads told in extract order (the jobs' order), whichever
	 * finished first: the run log is the same on every run */
	for (t = 0; t < n_jobs; t++) {
		const size_t x = jobs[t].extract;

		if (x < KO_CFG_MAX_EXTRACTS && s->read_notes[x].done &&
		    s->on_read)
			s->on_read(s->on_read_ctx, s->cfg->extracts[x].name,
				   &s->read_notes[x].stats,
				   s->read_notes[x].seconds);
	}
	for (t = 0; t < n_jobs; t++)
		if (jobs[t].status) {
			if (err)
				*err = jobs[t].err;
			return jobs[t].status;
		}
	return KO_OK;
}

enum ko_status ko_study_derive(struct ko_study *s, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	struct pass_job *jobs;
	size_t x, n_jobs;
	enum ko_status st = KO_OK;

	s->derived = ko_derived_new(cfg, s->links->n_children);
	jobs = calloc(cfg->n_extracts + 1, sizeof(*jobs));
	for (x = 0; jobs && x < cfg->n_extracts; x++)
		if (!(jobs[x].vars = malloc((cfg->n_vars + 1) * sizeof(size_t))))
			break;
	if (!s->derived || !jobs || x < cfg->n_extracts) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		goto out;
	}
	ko_derive_exprs(cfg, s->derived);
	/* rounds: every extract with variables ready is read, concurrently,
	 * then the expressions that became computable are computed */
	for (;;) {
		struct pass_job *j = jobs;

		for (x = 0, n_jobs = 0; x < cfg->n_extracts; x++) {
			size_t *vars = jobs[n_jobs].vars;
			size_t n = ko_derive_ready(cfg, s->derived, x, vars);

			if (!n)
				continue;
			j = &jobs[n_jobs++];
			j->extract = x;
			j->n = n;
		}
		if (!n_jobs)
			break;
		st = run_round(s, jobs, n_jobs, err);
		if (st)
			goto out;
		ko_derive_exprs(cfg, s->derived);
	}
	if (ko_derive_pending(cfg, s->derived))
		st = ko_err_set(err, KO_ERR_CONFIG, "variables depend on each other "
				"in a cycle");
out:
	for (x = 0; jobs && x < cfg->n_extracts; x++)
		free(jobs[x].vars);
	free(jobs);
	ko_derived_scratch_release(s->derived);
	return st;
}

/* Base rows that never became children (unreadable, no id) head the flow,
 * so that every row of the base extract is accounted for. */
static enum ko_status flow_prefix(struct ko_study *s, struct ko_err *err)
{
	const char *name = s->cfg->extracts[s->cfg->base].name;
	long lost[2] = { s->base_rejected, s->base_no_id };
	long total = (long)s->links->n_children + lost[0] + lost[1];
	struct ko_flow_row *rows, *r;
	size_t extra = 1 + (lost[0] > 0) + (lost[1] > 0);

	if (extra == 1)
		return KO_OK;
	rows = calloc(s->flow.n + extra, sizeof(*rows));
	if (!rows)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	r = rows;
	snprintf(r->step, sizeof(r->step), "rows in extract %s", name);
	r->n_remaining = total;
	r++;
	if (lost[0]) {
		snprintf(r->step, sizeof(r->step), "rows of %s rejected "
			 "(see rejects/%s.csv)", name, name);
		r->n_excluded = lost[0];
		r->n_remaining = total -= lost[0];
		r++;
	}
	if (lost[1]) {
		snprintf(r->step, sizeof(r->step), "rows of %s without an id", name);
		r->n_excluded = lost[1];
		r->n_remaining = total - lost[1];
		r++;
	}
	memcpy(r, s->flow.rows, s->flow.n * sizeof(*rows));
	free(s->flow.rows);
	s->flow.rows = rows;
	s->flow.n += extra; /* "rows in extract" and the losses before */
	return KO_OK;
}

/* One rule for a cohort too small to report, empty or not: fewer persons
 * than the disclosure threshold stop the run here, before any model or
 * output, naming the flow step where the count fell below it. */
static enum ko_status check_size(const struct ko_study *s, struct ko_err *err)
{
	const struct ko_flow *f = &s->flow;
	long t = s->cfg->disclosure_threshold > 1 ? s->cfg->disclosure_threshold : 1;
	size_t i;

	if (f->n_members >= t)
		return KO_OK;
	for (i = 0; i + 1 < f->n && f->rows[i].n_remaining >= t; i++)
		;
	return ko_err_set(err, KO_ERR_DATA, "the cohort has %ld person%s, fewer "
			  "than the disclosure threshold %ld: nothing can be "
			  "reported (%s%s%s leaves %ld)", f->n_members,
			  f->n_members == 1 ? "" : "s", t,
			  f->n ? "flow step '" : "", f->n ? f->rows[i].step : "the base extract",
			  f->n ? "'" : "", f->n ? f->rows[i].n_remaining : f->n_members);
}

enum ko_status ko_study_cohort(struct ko_study *s, struct ko_err *err)
{
	enum ko_status st = ko_followup_compute(s->cfg, s->links->child_birth,
						s->derived, err);

	if (!st)
		st = ko_cohort_apply(s->cfg, s->derived, &s->flow, err);
	if (!st)
		st = flow_prefix(s, err);
	return st ? st : check_size(s, err);
}

enum ko_status ko_study_check_report(const struct ko_study *s,
				     struct ko_err *err)
{
	const struct ko_cfg_report *rep = &s->cfg->report;
	const long vars[2] = { rep->by, rep->exposure };
	static const char *const keys[2] = { "by", "exposure" };
	size_t k, c;

	for (k = 0; k < 2; k++) {
		const double *val;
		int any = 0;

		if (vars[k] < 0 || !s->derived || !s->flow.member)
			continue;
		val = s->derived->val[vars[k]];
		for (c = 0; c < s->derived->n_children && !any; c++)
			any = s->flow.member[c] && !isnan(val[c]);
		if (!any)
			return ko_err_set(err, KO_ERR_DATA, "[report] %s = %s: the "
					  "variable is missing for every child "
					  "of the cohort, so its table would be "
					  "empty: choose another variable or "
					  "check its extract", keys[k],
					  s->cfg->vars[vars[k]].name);
	}
	return KO_OK;
}

/* ---- write --------------------------------------------------------------- */

static int out_puts(struct ko_outfile *o, const char *s)
{
	if (o->gz)
		return gzputs(o->gz, s) < 0 ? -1 : 0;
	return fputs(s, o->fp) < 0 ? -1 : 0;
}

/* Commit when every write went well, else remove the temporary file. */
static enum ko_status out_finish(struct ko_outfile *o, int bad,
				 struct ko_err *err)
{
	char path[4096];

	if (!bad)
		return ko_outfile_commit(o, err);
	snprintf(path, sizeof(path), "%s", o->path);
	ko_outfile_abort(o);
	return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write: %s",
			 errno ? strerror(errno) : "write failed");
}

static enum ko_status out_open(struct ko_outfile *o, const char *dir,
			       const char *name, int gzip, struct ko_err *err)
{
	char path[8400];

	if (snprintf(path, sizeof(path), "%s/%s", dir, name) >= (int)sizeof(path))
		return ko_err_set(err, KO_ERR_IO, "path too long: %s", dir);
	return ko_outfile_open(o, path, gzip ? KO_OUTFILE_GZIP : 0, err);
}

static enum ko_status write_flow(struct ko_study *s, const char *dir,
				 struct ko_err *err)
{
	struct ko_outfile o;
	char line[700], step[520];
	size_t i;
	int bad;
	enum ko_status st = out_open(&o, dir, "flow.csv", 0, err);

	if (st)
		return st;
	bad = out_puts(&o, "step,n_remaining,n_excluded\n");
	for (i = 0; i < s->flow.n && !bad; i++) {
		ko_csv_escape(step, sizeof(step), s->flow.rows[i].step, KO_CSV_SAFE);
		snprintf(line, sizeof(line), "%s,%ld,%ld\n", step,
			 s->flow.rows[i].n_remaining, s->flow.rows[i].n_excluded);
		bad = out_puts(&o, line);
	}
	return out_finish(&o, bad, err);
}

/* linkage.csv: every outcome of each configured parent link, over all
 * children of the base extract and over the final cohort. */
static enum ko_status write_linkage(struct ko_study *s, const char *dir,
				    struct ko_err *err)
{
	static const char *const parent_names[2] = { "mother", "father" };
	const struct ko_links *l = s->links;
	struct ko_outfile o;
	char line[256];
	long cohort[2][KO_LINK_OUTCOMES];
	size_t c;
	int k, oc, bad;
	enum ko_status st = out_open(&o, dir, "linkage.csv", 0, err);

	if (st)
		return st;
	memset(cohort, 0, sizeof(cohort));
	for (c = 0; c < l->n_children; c++)
		for (k = 0; k < 2; k++)
			if (s->flow.member[c])
				cohort[k][l->outcome[k][c]]++;
	bad = out_puts(&o, "parent,outcome,n_children,n_cohort\n");
	for (k = 0; k < 2 && !bad; k++) {
		if ((k == 0 ? s->cfg->link.mother_col : s->cfg->link.father_col) < 0)
			continue;
		for (oc = 0; oc < KO_LINK_OUTCOMES && !bad; oc++) {
			snprintf(line, sizeof(line), "%s,%s,%ld,%ld\n", parent_names[k],
				 ko_link_outcome_name((enum ko_link_outcome)oc),
				 l->counts[k][oc], cohort[k][oc]);
			bad = out_puts(&o, line);
		}
	}
	return out_finish(&o, bad, err);
}

/* Append a CSV field (with a leading comma unless first) to row; returns
 * the new length, or -1 when the row buffer is full. */
static long row_append(char *row, size_t len, size_t cap, const char *value,
		       int first)
{
	char field[1300];
	size_t n;

	ko_csv_escape(field, sizeof(field), value, KO_CSV_DATA);
	n = strlen(field);
	if (len + n + 3 > cap)
		return -1;
	if (!first)
		row[len++] = ',';
	memcpy(row + len, field, n + 1);
	return (long)(len + n);
}

/* The follow-up columns of the analysis dataset (docs/outputs.md). */
static const char *const fu_columns =
	",fu_entry,fu_exit,fu_days,fu_years,fu_status,fu_exit_reason";

static long append_followup(const struct ko_derived *d, size_t c, char *row,
			    size_t len, size_t cap)
{
	char entry[16], out[16], field[160];
	int32_t days = d->fu_exit[c] - d->fu_entry[c];
	int n;

	ko_date_format_iso(d->fu_entry[c], entry);
	ko_date_format_iso(d->fu_exit[c], out);
	n = snprintf(field, sizeof(field), ",%s,%s,%ld,%.6f,%d,%s", entry, out,
		     (long)days, days / 365.25,
		     d->fu_reason[c] == KO_FU_EVENT,
		     ko_fu_reason_name((enum ko_fu_reason)d->fu_reason[c]));
	if (n < 0 || len + (size_t)n + 3 > cap)
		return -1;
	memcpy(row + len, field, (size_t)n + 1);
	return (long)(len + (size_t)n);
}

/* One row of the analysis dataset, written with one call (to the
 * compressing thread when pipe is given). */
static int write_analysis_row(struct ko_study *s, struct ko_outfile *o,
			      struct ko_gz_pipe *pipe, size_t c, char *row,
			      size_t cap)
{
	const struct ko_config *cfg = s->cfg;
	char value[600];
	long len;
	size_t v;

	len = row_append(row, 0, cap, ko_persons_id(s->links->dict,
						    s->links->child_person[c],
						    NULL), 1);
	for (v = 0; len >= 0 && v < cfg->n_vars; v++) {
		if (!cfg->vars[v].output)
			continue;
		ko_derived_format(s->derived, cfg, v, c, value, sizeof(value));
		len = row_append(row, (size_t)len, cap, value, 0);
	}
	if (len >= 0 && s->derived->fu_reason)
		len = append_followup(s->derived, c, row, (size_t)len, cap);
	if (len < 0)
		return -1;
	row[len++] = '\n';
	row[len] = '\0';
	if (pipe)
		return ko_gz_pipe_write(pipe, row, (size_t)len);
	if (o->gz)
		return gzwrite(o->gz, row, (unsigned)len) == (int)len ? 0 : -1;
	return fwrite(row, 1, (size_t)len, o->fp) == (size_t)len ? 0 : -1;
}

static enum ko_status write_analysis(struct ko_study *s, struct ko_err *err)
{
	const struct ko_config *cfg = s->cfg;
	const struct ko_cfg_extract *x = &cfg->extracts[cfg->base];
	struct ko_outfile o;
	char field[300], *row = NULL;
	size_t v, c, cap;
	int bad, piped;
	struct ko_gz_pipe pipe;
	enum ko_status st = out_open(&o, s->out_dir, "analysis.csv.gz", 1, err);

	if (st)
		return st;
	ko_csv_escape(field, sizeof(field), x->cols[cfg->base_id_col].name,
		      KO_CSV_DATA);
	bad = out_puts(&o, field);
	for (v = 0; v < cfg->n_vars && !bad; v++) {
		if (!cfg->vars[v].output)
			continue;
		field[0] = ',';
		ko_csv_escape(field + 1, sizeof(field) - 1, cfg->vars[v].name,
			      KO_CSV_DATA);
		bad = out_puts(&o, field);
	}
	if (s->derived->fu_reason)
		bad = bad || out_puts(&o, fu_columns);
	bad = bad || out_puts(&o, "\n");
	cap = 1400 * (cfg->n_vars + 1) + 200;
	row = malloc(cap);
	bad = bad || !row;
	piped = !bad && o.gz && s->jobs > 1 && !ko_gz_pipe_start(&pipe, o.gz, cap);
	for (c = 0; c < s->links->n_children && !bad; c++)
		if (s->flow.member[c])
			bad = write_analysis_row(s, &o, piped ? &pipe : NULL, c,
						 row, cap);
	if (piped && ko_gz_pipe_finish(&pipe))
		bad = 1;
	free(row);
	return out_finish(&o, bad, err);
}

enum ko_status ko_study_write(struct ko_study *s, struct ko_err *err)
{
	char internal[4200];
	enum ko_status st;

	snprintf(internal, sizeof(internal), "%s/internal", s->out_dir);
	st = ko_mkdirs(internal, err);
	if (!st)
		st = write_analysis(s, err);
	if (!st)
		st = write_flow(s, internal, err);
	if (!st)
		st = write_linkage(s, internal, err);
	return st;
}
