/*
 * synth.h - synthetic register extracts with planted effects.
 *
 * ko_synth_write() writes the five extracts of the example study (SPEC §3:
 * birth, population, hilmo, child_welfare, social_assistance) for a birth
 * cohort of opt->persons children plus their parents into a directory, as
 * gzip-compressed, ';'-separated, Latin-1 CSV in the style registers are
 * delivered in.  The model, its planted coefficients and every quirk are
 * documented in sample-data/README.md; the definitions the events are built
 * to satisfy exactly are those of the example study (docs/synth.md).
 *
 * Determinism: the same options give the same bytes.  Everything is drawn
 * from GSL's mt19937 seeded with opt->seed: first the persons, families and
 * their true exposures (one stream), then one stream per file seeded from
 * the first, so the files can be written by parallel threads.
 *
 * Ownership: the truth arrays, when asked for, are allocated by
 * ko_synth_write and released by ko_synth_truth_release.
 */
#ifndef KO_SYNTH_H
#define KO_SYNTH_H

#include <stdint.h>

#include "error.h"

#define KO_SYNTH_MAX_PERSONS 50000000L
#define KO_SYNTH_FIRST_YEAR 1987 /* the data's years: the children's */
#define KO_SYNTH_LAST_YEAR 2019  /* birth years must lie within */

enum ko_synth_file {
	KO_SYNTH_BIRTH = 0,
	KO_SYNTH_POPULATION,
	KO_SYNTH_HILMO,
	KO_SYNTH_CHILD_WELFARE,
	KO_SYNTH_SOCIAL_ASSISTANCE,
	KO_SYNTH_FILE_COUNT
};

struct ko_synth_options {
	long persons;        /* children in the birth extract; default 10000 */
	unsigned long seed;  /* default 1997 */
	int level;           /* gzip level 1..9; default 6 */
	int parallel;        /* 1 (default): one thread per file; 0: in turn */
	/* The national shape (docs/synth.md, "A whole population"); the
	 * defaults give the one-cohort model of sample-data/ byte for byte. */
	int first_birth_year, last_birth_year; /* the study children's birth
	                                         years; default 1997, 1997 */
	long population;     /* persons in the population extract: children,
	                        parents and others unrelated to the children
	                        up to this; 0 (default): no others */
	double contacts_per_person; /* mean background hospital contacts of
	                        every person; 0 (default): children 9,
	                        parents and others 10.5 */
	double sa_rows_per_person; /* about this many social-assistance rows
	                        per population row, the others' households
	                        filling up what the families leave; 0
	                        (default): the others have none */
	/* Called from the calling thread about 5 times a second while the
	 * files are written, and once with done = 1 at the end (text_bytes 0
	 * then); NULL (default): never.  done is an estimate in 0..1,
	 * text_bytes the uncompressed bytes written so far. */
	void (*progress)(void *ctx, double done, double text_bytes);
	void *progress_ctx;
};

/* What was written: file names (inside the directory) and data rows. */
struct ko_synth_stats {
	const char *file[KO_SYNTH_FILE_COUNT];
	long rows[KO_SYNTH_FILE_COUNT];
	long children_in_cohort; /* born in the birth years, alive and
				    resident at age 1 */
	long others;             /* persons unrelated to the children */
	long sa_months;          /* months flagged in social assistance */
	double text_bytes;       /* uncompressed bytes of all five files */
};

/*
 * The true variables, one entry per child in the order of the birth extract
 * (entry i is data row i + 1).  For tests only: never written to disk, so
 * the derive stage is checked independently.  Exposures follow the example
 * study's definitions through the valid parent links only.
 */
struct ko_synth_truth {
	long n_children;
	/* n_children each, in one block that in_cohort points to (what
	 * ko_synth_truth_release frees) */
	uint8_t *in_cohort;    /* born in the birth years, not dead or
				  emigrated before age 1 */
	uint8_t *placement;    /* outcome */
	uint8_t *ndd;
	uint8_t *parent_psych;
	uint8_t *sa_years;     /* 0..18 */
	uint8_t *mother_linked;/* the mother link passes the quality rules */
	uint8_t *father_linked;
	uint8_t *boy;          /* sex 1 in the birth extract */
	uint8_t *low_birth_weight; /* birth_weight_g < 2500 (0 when missing) */
};

void ko_synth_options_init(struct ko_synth_options *opt);

/* Name of an extract's file, e.g. "hilmo.csv.gz". */
const char *ko_synth_file_name(enum ko_synth_file file);

/*
 * Write the five extracts into dir (created if missing; existing files of
 * the same names are replaced atomically: each is written to a temporary
 * file and renamed).  stats and truth may be NULL.  On error no extract is
 * left half-written and err names the file.
 */
enum ko_status ko_synth_write(const char *dir,
			      const struct ko_synth_options *opt,
			      struct ko_synth_stats *stats,
			      struct ko_synth_truth *truth,
			      struct ko_err *err);

/* Free the arrays of a truth filled by ko_synth_write; NULL does nothing. */
void ko_synth_truth_release(struct ko_synth_truth *truth);

#endif
