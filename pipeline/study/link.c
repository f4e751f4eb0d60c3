/* link.c - person dictionary, children and parent links (see link.h). */
#include "link.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

struct ko_links *ko_links_new(void)
{
	struct ko_links *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->dict = ko_persons_new();
	if (!l->dict) {
		free(l);
		return NULL;
	}
	return l;
}

void ko_links_free(struct ko_links *l)
{
	if (!l)
		return;
	ko_persons_free(l->dict);
	free(l->birth);
	free(l->death);
	free(l->in_pop);
	free(l->child);
	free(l->first_row);
	free(l->child_person);
	free(l->child_birth);
	free(l->parent[0]);
	free(l->parent[1]);
	free(l->outcome[0]);
	free(l->outcome[1]);
	free(l->rev_start);
	free(l->rev_child);
	free(l);
}

static int grow(void **p, size_t elem, size_t old, size_t cap)
{
	char *n = realloc(*p, cap * elem);

	if (!n)
		return -1;
	memset(n + old * elem, 0, (cap - old) * elem);
	*p = n;
	return 0;
}

/* Per-person arrays of cap entries (more than l->cap). */
static int person_cap(struct ko_links *l, size_t cap)
{
	size_t i;

	if (grow((void **)&l->birth, sizeof(int32_t), l->cap, cap) ||
	    grow((void **)&l->death, sizeof(int32_t), l->cap, cap) ||
	    grow((void **)&l->in_pop, 1, l->cap, cap) ||
	    grow((void **)&l->child, sizeof(int32_t), l->cap, cap) ||
	    grow((void **)&l->first_row, sizeof(int32_t), l->cap, cap))
		return -1;
	for (i = l->cap; i < cap; i++) {
		l->birth[i] = l->death[i] = KO_DATE_NONE;
		l->child[i] = -1;
	}
	l->cap = cap;
	return 0;
}

/* Per-person arrays must cover index p. */
static int person_room(struct ko_links *l, size_t p)
{
	size_t cap = l->cap ? l->cap : 1024;

	if (p < l->cap)
		return 0;
	while (cap <= p)
		cap *= 2;
	return person_cap(l, cap);
}

/* Per-child arrays of cap entries (more than l->child_cap). */
static int child_cap(struct ko_links *l, size_t cap)
{
	size_t old = l->child_cap;

	if (grow((void **)&l->child_person, sizeof(uint32_t), old, cap) ||
	    grow((void **)&l->child_birth, sizeof(int32_t), old, cap) ||
	    grow((void **)&l->parent[0], sizeof(int32_t), old, cap) ||
	    grow((void **)&l->parent[1], sizeof(int32_t), old, cap) ||
	    grow((void **)&l->outcome[0], 1, old, cap) ||
	    grow((void **)&l->outcome[1], 1, old, cap))
		return -1;
	l->child_cap = cap;
	return 0;
}

static int child_room(struct ko_links *l)
{
	if (l->n_children < l->child_cap)
		return 0;
	return child_cap(l, l->child_cap ? 2 * l->child_cap : 1024);
}

int ko_links_reserve(struct ko_links *l, size_t persons, size_t children)
{
	if (persons > KO_PERSONS_MAX_RESERVE)
		persons = KO_PERSONS_MAX_RESERVE;
	if (children > persons)
		children = persons;
	if (ko_persons_reserve(l->dict, persons))
		return -1;
	if (persons > l->cap && person_cap(l, persons))
		return -1;
	if (children > l->child_cap && child_cap(l, children))
		return -1;
	return 0;
}

/* Intern id and make room for its per-person data; -1 on no memory. */
static long intern(struct ko_links *l, const char *id, size_t len,
		   int *inserted)
{
	long p = ko_persons_intern(l->dict, id, len, inserted);

	if (p < 0 || person_room(l, (size_t)p))
		return -1;
	return p;
}

static void note_dup(struct ko_dup_report *d, const char *id, size_t len,
		     long row, long first_row)
{
	if (d->count < KO_LINK_DUP_EXAMPLES) {
		size_t n = len < sizeof(d->ex[0].id) - 1 ? len
							 : sizeof(d->ex[0].id) - 1;

		memcpy(d->ex[d->count].id, id, n);
		d->ex[d->count].id[n] = '\0';
		d->ex[d->count].row = row;
		d->ex[d->count].first_row = first_row;
	}
	d->count++;
}

static enum ko_status nomem(struct ko_err *err)
{
	return ko_err_set(err, KO_ERR_NOMEM, "out of memory (person dictionary)");
}

enum ko_status ko_links_add_child(struct ko_links *l, const char *id,
				  size_t len, int32_t birth,
				  const char *mother, size_t mlen,
				  const char *father, size_t flen, long row,
				  struct ko_err *err)
{
	const char *pid[2] = { mother, father };
	size_t plen[2] = { mother ? mlen : 0, father ? flen : 0 };
	int inserted, k;
	long p, c;

	p = intern(l, id, len, &inserted);
	if (p < 0)
		return nomem(err);
	if (l->child[p] >= 0) {
		note_dup(&l->dup_base, id, len, row, l->first_row[p]);
		return KO_OK;
	}
	if (child_room(l))
		return nomem(err);
	c = (long)l->n_children++;
	l->child[p] = (int32_t)c;
	l->first_row[p] = (int32_t)row;
	l->child_person[c] = (uint32_t)p;
	l->child_birth[c] = birth;
	for (k = 0; k < 2; k++) {
		l->parent[k][c] = -1;
		if (!plen[k])
			continue;
		p = intern(l, pid[k], plen[k], &inserted);
		if (p < 0)
			return nomem(err);
		l->parent[k][c] = (int32_t)p;
	}
	return KO_OK;
}

enum ko_status ko_links_add_person(struct ko_links *l, const char *id,
				   size_t len, int32_t birth, int32_t death,
				   long row, struct ko_err *err)
{
	int inserted;
	long p = intern(l, id, len, &inserted);

	if (p < 0)
		return nomem(err);
	if (l->in_pop[p]) {
		note_dup(&l->dup_pop, id, len, row, l->first_row[p]);
		return KO_OK;
	}
	l->in_pop[p] = 1;
	l->first_row[p] = (int32_t)row; /* the base pass is over: reuse */
	l->birth[p] = birth;
	l->death[p] = death;
	return KO_OK;
}

int32_t ko_birthday(int32_t birth, int k)
{
	int y, m, d;

	ko_date_to_ymd(birth, &y, &m, &d);
	if (m == 2 && d == 29 && !ko_is_leap_year(y + k)) {
		m = 3;
		d = 1;
	}
	return ko_date_from_ymd(y + k, m, d);
}

int ko_age_years(int32_t birth, int32_t day)
{
	int by, bm, bd, y, m, d, age;

	ko_date_to_ymd(birth, &by, &bm, &bd);
	ko_date_to_ymd(day, &y, &m, &d);
	age = y - by;
	/* (m, d) before (bm, bd): birthday not yet reached.  A 29 February
	 * birthday is reached on 1 March in other years, which this
	 * comparison gives: (2, 28) < (2, 29) <= (3, 1). */
	if (m < bm || (m == bm && d < bd))
		age--;
	return age;
}

enum ko_link_outcome ko_link_judge(const struct ko_link_rules *rules,
				   int has_id, int in_population,
				   int32_t child_birth, int32_t parent_birth,
				   int32_t parent_death)
{
	if (!has_id)
		return KO_LINK_NO_ID;
	if (!in_population)
		return KO_LINK_NOT_IN_POPULATION;
	if (child_birth == KO_DATE_NONE)
		return KO_LINK_OK; /* nothing to judge the link against */
	if (parent_birth != KO_DATE_NONE) {
		int age = ko_age_years(parent_birth, child_birth);

		if (age < rules->min_age)
			return KO_LINK_TOO_YOUNG;
		if (age > rules->max_age)
			return KO_LINK_TOO_OLD;
	}
	if (parent_death != KO_DATE_NONE &&
	    (int64_t)child_birth - parent_death > rules->death_days)
		return KO_LINK_DEAD_BEFORE_BIRTH;
	return KO_LINK_OK;
}

/* parent -> children index over the links that passed. */
static enum ko_status build_reverse(struct ko_links *l, struct ko_err *err)
{
	size_t n = ko_persons_count(l->dict), c, total = 0, p;
	int k;

	l->rev_start = calloc(n + 1, sizeof(uint32_t));
	if (!l->rev_start)
		return nomem(err);
	for (c = 0; c < l->n_children; c++)
		for (k = 0; k < 2; k++)
			if (l->parent[k][c] >= 0) {
				l->rev_start[l->parent[k][c] + 1]++;
				total++;
			}
	for (p = 0; p < n; p++)
		l->rev_start[p + 1] += l->rev_start[p];
	l->rev_child = malloc((total ? total : 1) * sizeof(uint32_t));
	if (!l->rev_child)
		return nomem(err);
	for (c = 0; c < l->n_children; c++)
		for (k = 0; k < 2; k++) {
			int32_t q = l->parent[k][c];

			if (q >= 0)
				l->rev_child[l->rev_start[q]++] =
					(uint32_t)(c * 2 + (size_t)k);
		}
	/* rev_start[p] now holds the end of p's list: shift back. */
	for (p = n; p > 0; p--)
		l->rev_start[p] = l->rev_start[p - 1];
	l->rev_start[0] = 0;
	return KO_OK;
}

enum ko_status ko_links_finish(struct ko_links *l,
			       const struct ko_link_rules rules[2],
			       struct ko_err *err)
{
	size_t c;
	int k;

	if (person_room(l, ko_persons_count(l->dict)))
		return nomem(err);
	memset(l->counts, 0, sizeof(l->counts));
	for (c = 0; c < l->n_children; c++)
		for (k = 0; k < 2; k++) {
			int32_t p = l->parent[k][c];
			enum ko_link_outcome o;

			o = ko_link_judge(&rules[k], p >= 0, p >= 0 && l->in_pop[p],
					  l->child_birth[c],
					  p >= 0 ? l->birth[p] : KO_DATE_NONE,
					  p >= 0 ? l->death[p] : KO_DATE_NONE);
			l->outcome[k][c] = (uint8_t)o;
			l->counts[k][o]++;
			if (o != KO_LINK_OK)
				l->parent[k][c] = -1;
		}
	return build_reverse(l, err);
}

const char *ko_link_outcome_name(enum ko_link_outcome o)
{
	static const char *const names[KO_LINK_OUTCOMES] = {
		[KO_LINK_OK] = "linked",
		[KO_LINK_NO_ID] = "no_parent_id",
		[KO_LINK_NOT_IN_POPULATION] = "not_in_population",
		[KO_LINK_TOO_YOUNG] = "parent_too_young",
		[KO_LINK_TOO_OLD] = "parent_too_old",
		[KO_LINK_DEAD_BEFORE_BIRTH] = "parent_dead_before_birth",
	};

	return (unsigned)o < KO_LINK_OUTCOMES ? names[o] : "?";
}

void ko_dup_format(const struct ko_dup_report *d, char *buf, size_t size)
{
	size_t used;
	long i;

	snprintf(buf, size, "%ld duplicated id%s, e.g.", d->count,
		 d->count == 1 ? "" : "s");
	for (i = 0; i < d->count && i < KO_LINK_DUP_EXAMPLES; i++) {
		used = strlen(buf);
		snprintf(buf + used, size - used, "%s '%s' (rows %ld and %ld)",
			 i ? "," : "", d->ex[i].id, d->ex[i].first_row,
			 d->ex[i].row);
	}
}
