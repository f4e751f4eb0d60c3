/*
 * synth_impl.h - what synth.c (the planted model, phase 1's draws and
 * phase 2's extract writers) and synth_run.c (running the writers) share;
 * synth.h is the generator's interface.
 */
#ifndef KO_SYNTH_IMPL_H
#define KO_SYNTH_IMPL_H

#include <stdatomic.h>
#include <stdint.h>

#include <gsl/gsl_rng.h>
#include <zlib.h>

#include "synth.h"

#define SINK_CAP (1 << 20)

struct person {
	int32_t birth;
	int32_t death;      /* NO_DATE: alive at the end of data */
	int32_t emigration; /* NO_DATE: never emigrated */
	uint8_t sex;        /* 1 male, 2 female */
	uint8_t education;  /* 0 none given, 1 basic, 2 secondary, 3 tertiary */
	uint8_t in_population;
};

struct child {
	int32_t family;
	int16_t birth_weight; /* grams; 0 = missing */
	uint8_t gest_weeks;
	uint8_t region;
	uint8_t ndd, placement, in_cohort;
};

struct family {
	int32_t mother, father; /* person indexes; father NO_PERSON if missing */
	int32_t birth;          /* the children's birth date */
	int32_t first_child;
	uint8_t n_children;
	uint8_t mother_linked, father_linked;
	uint8_t sa_years, psych, psych_parent; /* psych_parent: 0 mother, 1 father */
	uint8_t region;
};

struct synth {
	const struct ko_synth_options *opt;
	long n_children, n_families, n_persons;
	long first_other;   /* persons first_other..n_persons-1: the others,
			       unrelated to the children (none by default) */
	double child_contacts, adult_contacts; /* background contacts' means */
	struct person *person; /* children first, then parents */
	struct child *child;
	struct family *family;
	uint64_t id_mul[3], id_add[3];
	unsigned long stream_seed[KO_SYNTH_FILE_COUNT];
};

struct sink {
	gzFile gz;
	char *buf;
	size_t len;
	long rows;
	long months;    /* social assistance: months flagged */
	int failed;
	atomic_llong *text_bytes; /* read by the progress poll */
};

/* Phase 1 (synth.c): every person, family and child into s, with the true
 * exposures and the outcome, from one stream seeded with the seed. */
enum ko_status synth_draw_population(struct synth *s, struct ko_err *err);

/* Phase 2 (synth.c): compress what k holds; the writer of each extract,
 * rows into k from its own stream r. */
void synth_sink_flush(struct sink *k);
void synth_write_birth(const struct synth *s, struct sink *k, gsl_rng *r);
void synth_write_population(const struct synth *s, struct sink *k,
			    gsl_rng *r);
void synth_write_hilmo(const struct synth *s, struct sink *k, gsl_rng *r);
void synth_write_child_welfare(const struct synth *s, struct sink *k,
			       gsl_rng *r);
void synth_write_social_assistance(const struct synth *s, struct sink *k,
				   gsl_rng *r);

#endif
