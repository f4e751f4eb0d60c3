/*
 * study.h - one run of a study: the stages in order, each filling part of a
 * struct ko_study that the next stage reads.
 *
 *     ko_study_init(&s, cfg, out_dir);
 *     ko_study_link(&s, err);     ingest base + population, parent links
 *     ko_study_derive(&s, err);   one pass per extract for the variables
 *     ko_study_cohort(&s, err);   rules -> flow and members
 *     ko_study_write(&s, err);    internal/flow.csv, internal/linkage.csv,
 *                                 analysis.csv.gz (temp file + rename)
 *     ko_study_release(&s);
 *
 * Later stages take the same struct: the model stage (model.h,
 * ko_study_model) leaves its results on s->models.  Rejected rows go to
 * OUT/rejects/<extract>.csv.
 *
 * Ownership: the study borrows cfg and out_dir; it owns links, derived
 * values and flow.
 */
#ifndef KO_STUDY_H
#define KO_STUDY_H

#include "cohort.h"
#include "config.h"
#include "derive.h"
#include "error.h"
#include "link.h"
#include "reader.h"

/* Told after each read of an extract (for progress on a terminal). */
typedef void (*ko_study_read_fn)(void *ctx, const char *extract,
				 const struct ko_reader_stats *stats,
				 double seconds);

/* Told while an extract is read (the reader's on_progress, from the
 * reading thread; ctx is on_read_ctx), first with zero counts when the
 * read starts. */
typedef void (*ko_study_progress_fn)(void *ctx, const char *extract,
				     const struct ko_reader_stats *stats);

struct ko_model_results;
struct ko_file_id;
struct ko_rowstore;

struct ko_study {
	const struct ko_config *cfg;
	const char *out_dir;
	int write_rejects;       /* 0 for dry runs (check) */
	ko_study_read_fn on_read; /* optional */
	void *on_read_ctx;
	ko_study_progress_fn on_progress; /* optional, ctx on_read_ctx */
	struct ko_links *links;
	struct ko_derived *derived;
	struct ko_flow flow;
	struct ko_model_results *models; /* the model stage's results (model.h);
					    NULL before it or without models */
	/* Frees models; set with it by ko_model_results_attach (model.h), so
	 * that the study does not call into model.c. */
	void (*free_models)(struct ko_model_results *models);
	long base_rejected;      /* base rows the reader rejected */
	long base_no_id;         /* base rows without a child id */
	long rows_read[KO_CFG_MAX_EXTRACTS]; /* per extract, of its last read */
	long rows_rejected[KO_CFG_MAX_EXTRACTS];
	unsigned char rejects_started[KO_CFG_MAX_EXTRACTS];
	/* optional (NULL): each extract as the cache key hashed it (cache.h);
	 * a read of a file that is no longer that one is an error */
	const struct ko_file_id *input_ids;
	int jobs;                /* extracts read at once in derive (>= 1) */
	/* While a round of concurrent reads runs, each read's stats are kept
	 * here and told (on_read) after the round in extract order, so the
	 * log's order does not depend on which read finished first. */
	int defer_reads;
	struct ko_study_read_note {
		int done;
		struct ko_reader_stats stats;
		double seconds;
	} read_notes[KO_CFG_MAX_EXTRACTS];
	/* Rows of the base and population extracts that the link stage's
	 * reads kept for derive's first pass over each (rowstore.h), so
	 * that each is read once; NULL when none, freed when used. */
	struct ko_rowstore *kept[KO_CFG_MAX_EXTRACTS];
};

void ko_study_init(struct ko_study *s, const struct ko_config *cfg,
		   const char *out_dir);
void ko_study_release(struct ko_study *s);

enum ko_status ko_study_link(struct ko_study *s, struct ko_err *err);
enum ko_status ko_study_derive(struct ko_study *s, struct ko_err *err);
enum ko_status ko_study_cohort(struct ko_study *s, struct ko_err *err);
enum ko_status ko_study_write(struct ko_study *s, struct ko_err *err);

/* KO_ERR_DATA when [report] by or exposure is missing for every member of
 * the cohort (the table by it would be empty): the report stage and check
 * call it after the cohort, so run and check stop alike. */
enum ko_status ko_study_check_report(const struct ko_study *s,
				     struct ko_err *err);

/* Read every row of extract x (columns cols) through fn. */
enum ko_status ko_study_read(struct ko_study *s, size_t x,
			     const struct ko_column *cols, size_t n_cols,
			     ko_row_fn fn, void *ctx, struct ko_err *err);

#endif
