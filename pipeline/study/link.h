/*
 * link.h - who is who: the person dictionary of a study, the cohort's
 * children, and each child's links to mother and father after the linkage
 * quality rules.
 *
 * Built by feeding rows: first every row of the cohort base extract
 * (ko_links_add_child), then every row of the population extract
 * (ko_links_add_person), then ko_links_finish judges each link, counts the
 * outcomes and builds the parent -> children index that derived variables
 * "through a link" use.  Children are numbered 0..n_children-1 in base row
 * order; persons (children, parents, everyone in population) by the
 * dictionary.
 *
 * Ownership: ko_links_new returns an object freed with ko_links_free; every
 * array in it belongs to it.
 */
#ifndef KO_LINK_H
#define KO_LINK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "persons.h"

#define KO_DATE_NONE INT32_MIN /* a missing date */

enum ko_link_outcome {
	KO_LINK_OK = 0,
	KO_LINK_NO_ID,             /* parent id empty in the base extract */
	KO_LINK_NOT_IN_POPULATION, /* parent id absent from population */
	KO_LINK_TOO_YOUNG,         /* parent younger than min_age at the birth */
	KO_LINK_TOO_OLD,           /* parent older than max_age at the birth */
	KO_LINK_DEAD_BEFORE_BIRTH, /* died more than death_days before */
	KO_LINK_OUTCOMES
};

enum ko_parent { KO_MOTHER = 0, KO_FATHER = 1 };

struct ko_link_rules {
	int min_age, max_age; /* completed years at the child's birth */
	int death_days;       /* death more than this many days before the
				 birth drops the link (0: any death before) */
};

#define KO_LINK_DUP_EXAMPLES 5

struct ko_dup_report {
	long count;
	struct {
		char id[64];
		long row, first_row;
	} ex[KO_LINK_DUP_EXAMPLES];
};

struct ko_links {
	struct ko_persons *dict;
	/* per person, indexed by dictionary index */
	size_t cap;
	int32_t *birth, *death;  /* from population; KO_DATE_NONE if missing */
	uint8_t *in_pop;
	int32_t *child;          /* child index, or -1 */
	int32_t *first_row;      /* row where the person was first listed */
	/* per child */
	size_t n_children, child_cap;
	uint32_t *child_person;
	int32_t *child_birth;    /* birth date from the base extract */
	int32_t *parent[2];      /* person index or -1; -1 after a failed rule */
	uint8_t *outcome[2];     /* enum ko_link_outcome */
	long counts[2][KO_LINK_OUTCOMES];
	/* parent -> children: rev_child[rev_start[p] .. rev_start[p+1]) holds
	 * child index * 2 + (0 mother, 1 father) */
	uint32_t *rev_start, *rev_child;
	struct ko_dup_report dup_base, dup_pop;
};

struct ko_links *ko_links_new(void);
void ko_links_free(struct ko_links *l);

/* Make room for persons ids in the dictionary and its per-person arrays
 * and for children children (both capped at KO_PERSONS_MAX_RESERVE), so
 * that they do not grow as the rows come: for a caller that has estimated
 * the extracts' rows.  More still fit (the arrays grow as without the
 * call).  0, or -1 when out of memory (l unchanged in its contents). */
int ko_links_reserve(struct ko_links *l, size_t persons, size_t children);

/* One base row: the child's id, birth date and its parents' ids (len 0 or
 * NULL: no id).  A repeated child id is recorded in dup_base. */
enum ko_status ko_links_add_child(struct ko_links *l, const char *id,
				  size_t len, int32_t birth,
				  const char *mother, size_t mlen,
				  const char *father, size_t flen, long row,
				  struct ko_err *err);

/* One population row; a repeated id is recorded in dup_pop. */
enum ko_status ko_links_add_person(struct ko_links *l, const char *id,
				   size_t len, int32_t birth, int32_t death,
				   long row, struct ko_err *err);

/* Judge every link, count outcomes, build the parent -> children index.
 * rules[KO_MOTHER], rules[KO_FATHER]. */
enum ko_status ko_links_finish(struct ko_links *l,
			       const struct ko_link_rules rules[2],
			       struct ko_err *err);

/* The rule a parent link fails first, or KO_LINK_OK. */
enum ko_link_outcome ko_link_judge(const struct ko_link_rules *rules,
				   int has_id, int in_population,
				   int32_t child_birth, int32_t parent_birth,
				   int32_t parent_death);

/* The k-th birthday of someone born on date birth (29 February -> 1 March
 * in other years). */
int32_t ko_birthday(int32_t birth, int k);

/* Completed years of age on date day. */
int ko_age_years(int32_t birth, int32_t day);

const char *ko_link_outcome_name(enum ko_link_outcome o);

/* Format a duplicate report ("3 ids appear more than once, e.g. 'X'
 * (rows 2 and 7), ..."). */
void ko_dup_format(const struct ko_dup_report *d, char *buf, size_t size);

#endif
