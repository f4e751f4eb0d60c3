/* test_link.c - linkage rules at their edges, birthdays and ages, the
 * parent -> children index, duplicate ids. */
#include "ko_test.h"

#include <string.h>

#include "link.h"
#include "value.h"

static int32_t D(int y, int m, int d)
{
	return ko_date_from_ymd(y, m, d);
}

static void test_birthday_and_age(void **state)
{
	(void)state;
	assert_int_equal(ko_birthday(D(1997, 6, 15), 18), D(2015, 6, 15));
	assert_int_equal(ko_birthday(D(2000, 2, 29), 1), D(2001, 3, 1));
	assert_int_equal(ko_birthday(D(2000, 2, 29), 4), D(2004, 2, 29));
	assert_int_equal(ko_birthday(D(2000, 2, 29), 0), D(2000, 2, 29));
	assert_int_equal(ko_age_years(D(1997, 6, 15), D(2015, 6, 14)), 17);
	assert_int_equal(ko_age_years(D(1997, 6, 15), D(2015, 6, 15)), 18);
	assert_int_equal(ko_age_years(D(2000, 2, 29), D(2001, 2, 28)), 0);
	assert_int_equal(ko_age_years(D(2000, 2, 29), D(2001, 3, 1)), 1);
	assert_int_equal(ko_age_years(D(2000, 2, 29), D(2004, 2, 29)), 4);
	assert_int_equal(ko_age_years(D(2000, 2, 29), D(2004, 2, 28)), 3);
}

static void test_rules(void **state)
{
	struct ko_link_rules mother = { 13, 70, 0 }, father = { 13, 70, 300 };
	int32_t birth = D(1997, 6, 15);

	(void)state;
	assert_int_equal(ko_link_judge(&mother, 0, 0, birth, 0, 0), KO_LINK_NO_ID);
	assert_int_equal(ko_link_judge(&mother, 1, 0, birth, D(1970, 1, 1),
				       KO_DATE_NONE), KO_LINK_NOT_IN_POPULATION);
	/* exactly 13 at the birth is fine, a day short is too young */
	assert_int_equal(ko_link_judge(&mother, 1, 1, birth, D(1984, 6, 15),
				       KO_DATE_NONE), KO_LINK_OK);
	assert_int_equal(ko_link_judge(&mother, 1, 1, birth, D(1984, 6, 16),
				       KO_DATE_NONE), KO_LINK_TOO_YOUNG);
	/* 70 at the birth is fine, 71 too old */
	assert_int_equal(ko_link_judge(&father, 1, 1, birth, D(1926, 6, 16),
				       KO_DATE_NONE), KO_LINK_OK);
	assert_int_equal(ko_link_judge(&father, 1, 1, birth, D(1926, 6, 15),
				       KO_DATE_NONE), KO_LINK_TOO_OLD);
	/* mother: dead the day before the birth drops, on the day keeps */
	assert_int_equal(ko_link_judge(&mother, 1, 1, birth, D(1970, 1, 1),
				       birth - 1), KO_LINK_DEAD_BEFORE_BIRTH);
	assert_int_equal(ko_link_judge(&mother, 1, 1, birth, D(1970, 1, 1),
				       birth), KO_LINK_OK);
	/* father: 300 days before keeps, 301 drops */
	assert_int_equal(ko_link_judge(&father, 1, 1, birth, D(1970, 1, 1),
				       birth - 300), KO_LINK_OK);
	assert_int_equal(ko_link_judge(&father, 1, 1, birth, D(1970, 1, 1),
				       birth - 301), KO_LINK_DEAD_BEFORE_BIRTH);
	/* unknown dates cannot fail a rule */
	assert_int_equal(ko_link_judge(&father, 1, 1, KO_DATE_NONE, D(1990, 1, 1),
				       D(1980, 1, 1)), KO_LINK_OK);
	assert_int_equal(ko_link_judge(&father, 1, 1, birth, KO_DATE_NONE,
				       KO_DATE_NONE), KO_LINK_OK);
}

static void add_child(struct ko_links *l, const char *id, int32_t b,
		      const char *m, const char *f, long row)
{
	assert_int_equal(ko_links_add_child(l, id, strlen(id), b, m,
					    m ? strlen(m) : 0, f,
					    f ? strlen(f) : 0, row, NULL),
			 KO_OK);
}

static void add_person(struct ko_links *l, const char *id, int32_t b,
		       int32_t d, long row)
{
	assert_int_equal(ko_links_add_person(l, id, strlen(id), b, d, row, NULL),
			 KO_OK);
}

/* children of person id through the index, as "c0m c1f ..." */
static void children_of(const struct ko_links *l, const char *id, char *buf)
{
	long p = ko_persons_find(l->dict, id, strlen(id));
	uint32_t j;

	buf[0] = '\0';
	assert_true(p >= 0);
	for (j = l->rev_start[p]; j < l->rev_start[p + 1]; j++)
		sprintf(buf + strlen(buf), "c%u%c ", l->rev_child[j] >> 1,
			l->rev_child[j] & 1 ? 'f' : 'm');
}

static void test_links(void **state)
{
	struct ko_links *l = ko_links_new();
	struct ko_link_rules rules[2] = { { 13, 70, 0 }, { 13, 70, 300 } };
	char buf[256];

	(void)state;
	add_child(l, "C0", D(1997, 3, 1), "M0", "F0", 2);
	add_child(l, "C1", D(1997, 5, 1), "M0", "F9", 3);  /* F9 not in pop */
	add_child(l, "C2", D(1997, 7, 1), "M2", NULL, 4);  /* M2 aged 12 */
	add_child(l, "C3", D(1997, 8, 1), "M3", "F3", 5);  /* F3 dead long */
	add_person(l, "C0", D(1997, 3, 1), KO_DATE_NONE, 2);
	add_person(l, "M0", D(1970, 1, 1), KO_DATE_NONE, 3);
	add_person(l, "F0", D(1965, 1, 1), KO_DATE_NONE, 4);
	add_person(l, "M2", D(1985, 1, 1), KO_DATE_NONE, 5);
	add_person(l, "M3", D(1975, 1, 1), KO_DATE_NONE, 6);
	add_person(l, "F3", D(1960, 1, 1), D(1996, 1, 1), 7);
	add_person(l, "X", D(1960, 1, 1), KO_DATE_NONE, 8);
	assert_int_equal(ko_links_finish(l, rules, NULL), KO_OK);
	assert_int_equal(l->n_children, 4);
	assert_int_equal(l->counts[KO_MOTHER][KO_LINK_OK], 3);
	assert_int_equal(l->counts[KO_MOTHER][KO_LINK_TOO_YOUNG], 1);
	assert_int_equal(l->counts[KO_FATHER][KO_LINK_OK], 1);
	assert_int_equal(l->counts[KO_FATHER][KO_LINK_NOT_IN_POPULATION], 1);
	assert_int_equal(l->counts[KO_FATHER][KO_LINK_NO_ID], 1);
	assert_int_equal(l->counts[KO_FATHER][KO_LINK_DEAD_BEFORE_BIRTH], 1);
	assert_int_equal(l->parent[KO_MOTHER][2], -1);
	assert_int_equal(l->parent[KO_FATHER][3], -1);
	assert_int_equal(l->outcome[KO_FATHER][3], KO_LINK_DEAD_BEFORE_BIRTH);
	children_of(l, "M0", buf);
	assert_string_equal(buf, "c0m c1m ");
	children_of(l, "F0", buf);
	assert_string_equal(buf, "c0f ");
	children_of(l, "F3", buf); /* dropped link: no children */
	assert_string_equal(buf, "");
	children_of(l, "X", buf);
	assert_string_equal(buf, "");
	assert_int_equal(l->dup_base.count, 0);
	ko_links_free(l);
}

static void test_duplicates(void **state)
{
	struct ko_links *l = ko_links_new();
	char buf[512];

	(void)state;
	add_child(l, "C0", D(1997, 3, 1), NULL, NULL, 2);
	add_child(l, "C1", D(1997, 3, 1), NULL, NULL, 3);
	add_child(l, "C0", D(1997, 3, 1), NULL, NULL, 9);
	add_person(l, "P", D(1970, 1, 1), KO_DATE_NONE, 2);
	add_person(l, "P", D(1970, 1, 1), KO_DATE_NONE, 5);
	add_person(l, "Q", D(1970, 1, 1), KO_DATE_NONE, 6);
	add_person(l, "Q", D(1970, 1, 1), KO_DATE_NONE, 7);
	assert_int_equal(l->n_children, 2);
	assert_int_equal(l->dup_base.count, 1);
	ko_dup_format(&l->dup_base, buf, sizeof(buf));
	assert_string_equal(buf, "1 duplicated id, e.g. 'C0' (rows 2 and 9)");
	ko_dup_format(&l->dup_pop, buf, sizeof(buf));
	assert_string_equal(buf, "2 duplicated ids, e.g. 'P' (rows 2 and 5), "
				 "'Q' (rows 6 and 7)");
	ko_links_free(l);
	ko_links_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_birthday_and_age),
		cmocka_unit_test(test_rules),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_duplicates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
