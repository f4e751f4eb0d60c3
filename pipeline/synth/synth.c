/*
 * synth.c - synthetic register extracts with planted effects (see synth.h).
 *
 * Two phases.  Phase 1 (one mt19937 stream seeded with the seed) draws every
 * person, family and child into flat arrays, together with the true
 * exposures and the outcome.  Phase 2 writes each extract from those arrays
 * with its own mt19937 stream (seeded from the first), so the five files can
 * be written by five threads and the bytes do not depend on scheduling.
 * The events of phase 2 are constructed so that the example study's
 * definitions recover the phase-1 truth exactly; sample-data/README.md
 * documents the model and every quirk.  Running the writers (threads,
 * files, progress, the truth handed back) is synth_run.c; what the two
 * share is synth_impl.h.
 */
#include "synth.h"

#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <zlib.h>

#include "synth_impl.h"
#include "value.h"

#define NO_DATE INT32_MAX
#define NO_PERSON (-1)
#define REGION_MISSING 255
#define DATA_FIRST_YEAR 1987
#define DATA_LAST_YEAR 2020
#define ROW_MAX 512

/* ---- the planted model (documented in sample-data/README.md) ---- */

/* logit P(placement) = B0 + sum of the terms below */
#define B0 (-4.0)
#define B_SA_1 0.8
#define B_SA_2_3 1.2
#define B_SA_4PLUS 1.7
#define B_NDD 1.1
#define B_PSYCH 0.8
#define B_BOY 0.2
#define B_LBW 0.35

/* rates of the quirks, per family / child / parent */
#define P_TWINS 0.014
#define P_BORN_1996 0.015
#define P_BORN_1998 0.015
#define P_PARENT_UNMATCHED 0.005
#define P_MOTHER_DEAD_BEFORE 0.001
#define P_PARENT_YOUNG 0.001
#define P_FATHER_MISSING 0.035
#define P_FATHER_DEAD_LONG_BEFORE 0.001
#define P_FATHER_POSTHUMOUS 0.001
#define P_FATHER_OLD 0.001
#define P_PARENT_DIES 0.015
#define P_PARENT_EMIGRATES 0.005
#define P_CHILD_DIES_INFANT 0.003
#define P_CHILD_DIES_ON_BIRTHDAY 0.0005
#define P_CHILD_DIES_LATER 0.003
#define P_CHILD_EMIGRATES_INFANT 0.003
#define P_CHILD_EMIGRATES_LATER 0.012

/* The 21 wellbeing services counties and Helsinki, as Latin-1 bytes, with
 * population weights (thousands). */
static const struct {
	const char *name;
	double weight;
} regions[] = {
	{ "Helsinki", 660 }, { "It\xe4-Uusimaa", 99 },
	{ "Keski-Uusimaa", 200 }, { "L\xe4nsi-Uusimaa", 480 },
	{ "Vantaa-Kerava", 275 }, { "Varsinais-Suomi", 485 },
	{ "Satakunta", 215 }, { "Kanta-H\xe4me", 170 },
	{ "Pirkanmaa", 530 }, { "P\xe4ij\xe4t-H\xe4me", 205 },
	{ "Kymenlaakso", 165 }, { "Etel\xe4-Karjala", 127 },
	{ "Etel\xe4-Savo", 130 }, { "Pohjois-Savo", 250 },
	{ "Pohjois-Karjala", 163 }, { "Keski-Suomi", 275 },
	{ "Etel\xe4-Pohjanmaa", 192 }, { "Pohjanmaa", 176 },
	{ "Keski-Pohjanmaa", 77 }, { "Pohjois-Pohjanmaa", 415 },
	{ "Kainuu", 71 }, { "Lappi", 177 },
};
#define N_REGIONS (sizeof(regions) / sizeof(regions[0]))

/* ICD-10 codes, undotted; the writer adds dots and marks at random. */
static const char *const ndd_codes[] = { /* F80-F89, F90-F98 */
	"F800", "F801", "F802", "F81",  "F810", "F813", "F82",  "F83",
	"F840", "F841", "F845", "F849", "F88",  "F89",  "F900", "F901",
	"F908", "F909", "F91",  "F913", "F920", "F93",  "F930", "F938",
	"F940", "F95",  "F952", "F98",  "F980", "F985",
};
static const char *const child_near_miss_codes[] = { /* not F80-F98 */
	"F70", "F700", "F79", "F99", "F432", "F329", "F500", "F799",
};
static const char *const psych_codes[] = { /* F20-F48 */
	"F200", "F205", "F25",  "F310", "F314", "F321", "F322",
	"F329", "F331", "F332", "F341", "F400", "F401", "F410",
	"F411", "F412", "F420", "F431", "F432", "F480", "F20", "F48",
};
static const char *const parent_other_f_codes[] = { /* F, not F20-F48 */
	"F100", "F102", "F10", "F112", "F120", "F19", "F500", "F509",
	"F603", "F609", "F700", "F99", "F69", "F50",
};
static const char *const child_codes[] = { /* not F: childhood */
	"J069", "J459", "J180", "J00",  "J038", "J210", "S525", "S008",
	"S060", "S821", "S420", "Z000", "Z001", "Z038", "Z290", "R104",
	"R509", "R11",  "K358", "K590", "L209", "H660", "H650", "H101",
	"A09",  "A084", "T784", "B349", "B019", "Q210", "P073", "E109",
};
static const char *const adult_codes[] = { /* not F: adults */
	"J069", "J459", "J180", "S525", "S821", "S934", "Z000", "Z30",
	"Z35",  "Z348", "O800", "O820", "O200", "R104", "R074", "K358",
	"K802", "L209", "M545", "M751", "I10",  "I209", "E109", "E119",
	"N390", "N760", "G439", "C509", "T784", "H269", "D50",  "K210",
};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const measures[] = {
	"open_care", "emergency_placement", "care_order",
	"placement_support", "after_care",
};
enum measure {
	OPEN_CARE, EMERGENCY_PLACEMENT, CARE_ORDER, PLACEMENT_SUPPORT,
	AFTER_CARE
};

/* ---- small helpers ---- */

static double logistic(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

static long uniform_below(gsl_rng *r, long n)
{
	return n <= 1 ? 0 : (long)gsl_rng_uniform_int(r, (unsigned long)n);
}

/* A date uniform in [from, to); from when the range is empty. */
static int32_t date_between(gsl_rng *r, int32_t from, int32_t to)
{
	return to > from ? from + (int32_t)uniform_below(r, (long)to - from) : from;
}

static int32_t min32(int32_t a, int32_t b)
{
	return a < b ? a : b;
}

static int32_t max32(int32_t a, int32_t b)
{
	return a > b ? a : b;
}

static int year_of(int32_t d)
{
	int y, m, dd;

	ko_date_to_ymd(d, &y, &m, &dd);
	return y;
}

/* The n-th birthday of someone born on d (never 29 February here). */
static int32_t birthday(int32_t d, int n)
{
	int y, m, dd;

	ko_date_to_ymd(d, &y, &m, &dd);
	if (m == 2 && dd == 29 && !ko_is_leap_year(y + n))
		dd = 28;
	return ko_date_from_ymd(y + n, m, dd);
}

/* Completed years of age at date d for someone born on b. */
static int age_at(int32_t b, int32_t d)
{
	int by, bm, bd, y, m, dd;

	ko_date_to_ymd(b, &by, &bm, &bd);
	ko_date_to_ymd(d, &y, &m, &dd);
	return y - by - (m < bm || (m == bm && dd < bd));
}

/* First day a person is no longer in the registers (death/emigration). */
static int32_t leave_date(const struct person *p)
{
	return min32(p->death, p->emigration);
}

static int32_t data_end(void)
{
	return ko_date_from_ymd(DATA_LAST_YEAR + 1, 1, 1); /* exclusive */
}

/* Can person p hold a social-assistance year y (in the registers through
 * January of y at least)? */
static int year_open(const struct person *p, int y)
{
	return p->birth < ko_date_from_ymd(y, 1, 1) &&
	       leave_date(p) > ko_date_from_ymd(y, 2, 1);
}

/* ---- pseudonymized ids: P + 10 base-36 characters ---- */

#define ID_BITS 51
#define ID_MASK ((UINT64_C(1) << ID_BITS) - 1)

/* A bijection on [0, 2^51): distinct indexes give distinct ids, and the ids
 * look random.  Odd multipliers and xor-shifts are invertible mod 2^51. */
static uint64_t id_permute(const struct synth *s, uint64_t x)
{
	int i;

	for (i = 0; i < 3; i++) {
		x = (x * s->id_mul[i] + s->id_add[i]) & ID_MASK;
		x ^= x >> (23 + i);
	}
	return x;
}

static char *put_id(const struct synth *s, char *p, long index)
{
	static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	uint64_t x = id_permute(s, (uint64_t)index);
	int i;

	p[0] = 'P';
	for (i = 10; i >= 1; i--) {
		p[i] = digits[x % 36];
		x /= 36;
	}
	return p + 11;
}

static void draw_id_keys(struct synth *s, gsl_rng *r)
{
	int i;

	for (i = 0; i < 3; i++) {
		s->id_mul[i] = (((uint64_t)gsl_rng_get(r) << 32) |
				gsl_rng_get(r)) | 1u;
		s->id_add[i] = ((uint64_t)gsl_rng_get(r) << 32) |
			       gsl_rng_get(r);
	}
}

/* ---- text writers: each returns the position after what it wrote ---- */

static char *put_str(char *p, const char *str)
{
	while (*str)
		*p++ = *str++;
	return p;
}

static char *put_uint(char *p, unsigned long v)
{
	char tmp[24];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_2digits(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

/* DD.MM.YYYY; nothing for NO_DATE (missing = empty field). */
static char *put_date(char *p, int32_t d)
{
	int y, m, dd;

	if (d == NO_DATE)
		return p;
	ko_date_to_ymd(d, &y, &m, &dd);
	p = put_2digits(p, dd);
	*p++ = '.';
	p = put_2digits(p, m);
	*p++ = '.';
	p = put_2digits(p, y / 100);
	return put_2digits(p, y % 100);
}

/* Euros with a decimal comma: 1234,56. */
static char *put_euros(char *p, long cents)
{
	p = put_uint(p, (unsigned long)(cents / 100));
	*p++ = ',';
	return put_2digits(p, (int)(cents % 100));
}

/* An ICD-10 code as hospitals deliver it: F840, F84.0, F84.0*, ... */
static char *put_code(char *p, const char *code, gsl_rng *r)
{
	double u = gsl_rng_uniform(r);
	size_t n = strlen(code);

	memcpy(p, code, 3);
	p += 3;
	if (n > 3) {
		if (u < 0.45)
			*p++ = '.';
		memcpy(p, code + 3, n - 3);
		p += n - 3;
	}
	u = gsl_rng_uniform(r);
	if (u < 0.06)
		*p++ = '*';
	else if (u < 0.07)
		*p++ = '+';
	else if (u < 0.075)
		*p++ = '#';
	return p;
}

/* ---- gzip sinks: rows are formatted into a buffer, compressed in bulk ---- */

void synth_sink_flush(struct sink *k)
{
	if (!k->failed && k->len &&
	    gzwrite(k->gz, k->buf, (unsigned)k->len) != (int)k->len)
		k->failed = 1;
	atomic_fetch_add_explicit(k->text_bytes, (long long)k->len,
				  memory_order_relaxed);
	k->len = 0;
}

/* Room for one row of at most ROW_MAX bytes. */
static char *row_begin(struct sink *k)
{
	if (SINK_CAP - k->len < ROW_MAX)
		synth_sink_flush(k);
	return k->buf + k->len;
}

static void row_end(struct sink *k, char *end)
{
	*end++ = '\n';
	k->len = (size_t)(end - k->buf);
	k->rows++;
}

static void put_header(struct sink *k, const char *header)
{
	char *p = row_begin(k);

	p = put_str(p, header);
	row_end(k, p);
	k->rows--; /* the header is not a data row */
}

/* ---- phase 1: persons, families, true exposures, outcome ---- */

/* A birth date in the study's birth years (uniform over them), or, for
 * a few, in the year just before or after them. */
static int32_t draw_child_birth_date(const struct synth *s, gsl_rng *r)
{
	int y1 = s->opt->first_birth_year, y2 = s->opt->last_birth_year;
	double u = gsl_rng_uniform(r);
	int year = u < P_BORN_1996 ? y1 - 1 :
		   u < P_BORN_1996 + P_BORN_1998 ? y2 + 1 :
		   y1 + (int)uniform_below(r, y2 - y1 + 1);
	int32_t first = ko_date_from_ymd(year, 1, 1);
	int32_t d;
	int y, m, dd;

	do { /* no child is born on 29 February: birthdays stay exact */
		d = date_between(r, first, ko_date_from_ymd(year + 1, 1, 1));
		ko_date_to_ymd(d, &y, &m, &dd);
	} while (m == 2 && dd == 29);
	return d;
}

static uint8_t draw_education(gsl_rng *r)
{
	double u = gsl_rng_uniform(r);

	return u < 0.02 ? 0 : u < 0.22 ? 1 : u < 0.67 ? 2 : 3;
}

static int32_t age_days(double years)
{
	return (int32_t)floor(years * 365.25);
}

/* Death and emigration of a parent after the child's birth (rare). */
static void draw_parent_leaving(struct person *p, int32_t birth, gsl_rng *r)
{
	if (gsl_rng_uniform(r) < P_PARENT_DIES)
		p->death = date_between(r, birth + 1, data_end());
	if (gsl_rng_uniform(r) < P_PARENT_EMIGRATES)
		p->emigration = date_between(r, birth + 30, data_end());
}

static void init_person(struct person *p, int32_t birth, uint8_t sex)
{
	p->birth = birth;
	p->death = NO_DATE;
	p->emigration = NO_DATE;
	p->sex = sex;
	p->education = 0;
	p->in_population = 1;
}

/* A parent who died before the child's birth: no later emigration. */
static void set_dead_before(struct person *p, int32_t death)
{
	p->death = death;
	p->emigration = NO_DATE;
}

/* Is the parent link valid under the linkage-quality rules? */
static int link_valid(const struct person *p, int32_t birth, int is_mother)
{
	int age = age_at(p->birth, birth);

	if (!p->in_population || age < 13 || age > 70)
		return 0;
	if (p->death == NO_DATE)
		return 1;
	return is_mother ? p->death >= birth : birth - p->death <= 300;
}

/* What both parents' draws start with: the age at the child's birth,
 * normal (mean, sd) and held to 16..oldest; *u, the uniform that picks
 * the parent's quirk; then the person, education, death or emigration
 * later.  The age is returned. */
static double draw_parent(struct person *p, uint8_t sex, int32_t birth,
			  double mean, double sd, double oldest, double *u,
			  gsl_rng *r)
{
	double age = mean + gsl_ran_gaussian(r, sd);

	*u = gsl_rng_uniform(r);
	age = age < 16 ? 16 : age > oldest ? oldest : age;
	init_person(p, 0, sex);
	p->education = draw_education(r);
	draw_parent_leaving(p, birth, r);
	return age;
}

/* The mother: age at the birth, quirks (unmatched id, dead before the
 * birth, younger than 13), education, death or emigration later. */
static double draw_mother(struct person *m, int32_t birth, gsl_rng *r)
{
	double u, age = draw_parent(m, 2, birth, 29.5, 5.3, 46, &u, r);

	if (u < P_PARENT_UNMATCHED)
		m->in_population = 0;
	else if ((u -= P_PARENT_UNMATCHED) < P_MOTHER_DEAD_BEFORE)
		set_dead_before(m, birth - 1 - (int32_t)uniform_below(r, 900));
	else if ((u -= P_MOTHER_DEAD_BEFORE) < P_PARENT_YOUNG)
		age = 10 + 2.9 * gsl_rng_uniform(r);
	m->birth = birth - age_days(age);
	return age;
}

/* The father, like the mother; also older than 70, dead long before the
 * birth (link dropped) or shortly before it (posthumous child: kept). */
static void draw_father(struct person *f, int32_t birth, double mother_age,
			gsl_rng *r)
{
	double u, age = draw_parent(f, 1, birth, mother_age + 2.5, 4.5, 65, &u,
				    r);

	if (u < P_PARENT_UNMATCHED)
		f->in_population = 0;
	else if ((u -= P_PARENT_UNMATCHED) < P_FATHER_DEAD_LONG_BEFORE)
		set_dead_before(f, birth - 400 - (int32_t)uniform_below(r, 1500));
	else if ((u -= P_FATHER_DEAD_LONG_BEFORE) < P_FATHER_POSTHUMOUS)
		set_dead_before(f, birth - 1 - (int32_t)uniform_below(r, 250));
	else if ((u -= P_FATHER_POSTHUMOUS) < P_PARENT_YOUNG)
		age = 10 + 2.9 * gsl_rng_uniform(r);
	else if ((u -= P_PARENT_YOUNG) < P_FATHER_OLD)
		age = 72 + 8 * gsl_rng_uniform(r);
	f->birth = birth - age_days(age);
}

/* Years birth_year..birth_year+17 in which a linked parent can hold a
 * social-assistance row; returns how many, listed in years[]. */
static int sa_open_years(const struct synth *s, const struct family *f,
			 int years[18])
{
	int by = year_of(f->birth), y, n = 0;

	for (y = max32(by, DATA_FIRST_YEAR); y <= by + 17 && y <= DATA_LAST_YEAR; y++)
		if ((f->mother_linked && year_open(&s->person[f->mother], y)) ||
		    (f->father_linked && year_open(&s->person[f->father], y)))
			years[n++] = y;
	return n;
}

/* Number of social-assistance years: a category by the mother's education,
 * then a count within it, capped by the years a linked parent is around. */
static uint8_t draw_sa_years(const struct synth *s, const struct family *f,
			     gsl_rng *r)
{
	static const double p_by_edu[4][3] = { /* P(1), P(2-3), P(4+) */
		{ 0.08, 0.07, 0.07 }, { 0.12, 0.14, 0.24 },
		{ 0.08, 0.07, 0.07 }, { 0.04, 0.02, 0.01 },
	};
	const double *p = p_by_edu[s->person[f->mother].education];
	double u = gsl_rng_uniform(r);
	int years[18], open = sa_open_years(s, f, years), k;

	if (u < p[0])
		k = 1;
	else if (u < p[0] + p[1])
		k = 2 + (int)uniform_below(r, 2);
	else if (u < p[0] + p[1] + p[2])
		k = 4 + (int)gsl_ran_geometric(r, 0.22) - 1;
	else
		k = 0;
	k = k > 18 ? 18 : k;
	return (uint8_t)(k < open ? k : open);
}

/* Can this parent have a contact at the child's ages 0-17? */
static int psych_eligible(const struct synth *s, int32_t parent, int linked,
			  int32_t birth)
{
	return linked && leave_date(&s->person[parent]) > birth + 1;
}

static void draw_parent_psych(const struct synth *s, struct family *f,
			      gsl_rng *r)
{
	int m = psych_eligible(s, f->mother, f->mother_linked, f->birth);
	int fa = f->father != NO_PERSON &&
		 psych_eligible(s, f->father, f->father_linked, f->birth);
	double x = -2.4 + 0.8 * (f->sa_years > 0) +
		   0.3 * (s->person[f->mother].education == 1);

	f->psych = (m || fa) && gsl_rng_uniform(r) < logistic(x);
	if (m && fa)
		f->psych_parent = gsl_rng_uniform(r) < 0.55 ? 0 : 1;
	else
		f->psych_parent = m ? 0 : 1;
}

static uint8_t draw_region(gsl_rng *r)
{
	double total = 0, u;
	size_t i;

	for (i = 0; i < N_REGIONS; i++)
		total += regions[i].weight;
	if (gsl_rng_uniform(r) < 0.002)
		return REGION_MISSING;
	u = gsl_rng_uniform(r) * total;
	for (i = 0; i + 1 < N_REGIONS && u >= regions[i].weight; i++)
		u -= regions[i].weight;
	return (uint8_t)i;
}

/* Death and emigration of a child, some before the 1st birthday. */
static void draw_child_leaving(struct person *p, gsl_rng *r)
{
	int32_t b1 = birthday(p->birth, 1), b18 = birthday(p->birth, 18);
	double u = gsl_rng_uniform(r);

	if (u < P_CHILD_DIES_INFANT)
		p->death = date_between(r, p->birth + 1, b1);
	else if ((u -= P_CHILD_DIES_INFANT) < P_CHILD_DIES_ON_BIRTHDAY)
		p->death = b1; /* not before the 1st birthday: stays in */
	else if ((u -= P_CHILD_DIES_ON_BIRTHDAY) < P_CHILD_DIES_LATER)
		p->death = date_between(r, b1 + 1, b18);
	u = gsl_rng_uniform(r);
	if (u < P_CHILD_EMIGRATES_INFANT)
		p->emigration = date_between(r, p->birth + 1, b1);
	else if ((u -= P_CHILD_EMIGRATES_INFANT) < P_CHILD_EMIGRATES_LATER)
		p->emigration = date_between(r, b1, b18 + 3 * 365);
	if (p->death != NO_DATE && p->emigration < p->death)
		p->death = NO_DATE; /* died abroad: not in the register */
	if (p->death >= data_end()) /* later birth years: after the data */
		p->death = NO_DATE;
	if (p->emigration >= data_end())
		p->emigration = NO_DATE;
}

static double placement_logit(const struct child *c, const struct family *f,
			      int boy)
{
	int lbw = c->birth_weight > 0 && c->birth_weight < 2500;
	double x = B0 + B_NDD * c->ndd + B_PSYCH * f->psych + B_BOY * boy +
		   B_LBW * lbw;

	if (f->sa_years >= 4)
		x += B_SA_4PLUS;
	else if (f->sa_years >= 2)
		x += B_SA_2_3;
	else if (f->sa_years == 1)
		x += B_SA_1;
	return x;
}

static void draw_child(struct synth *s, long i, struct family *f, int twin,
		       gsl_rng *r)
{
	struct person *p = &s->person[i];
	struct child *c = &s->child[i];
	int boy = gsl_rng_uniform(r) < 0.512;
	double gw = twin ? 35.5 + gsl_ran_gaussian(r, 2.5) :
			   39.6 + gsl_ran_gaussian(r, 1.7);
	double bw;
	int32_t end;
	int lbw;

	init_person(p, f->birth, boy ? 1 : 2);
	gw = gw < 23 ? 23 : gw > 43 ? 43 : gw;
	bw = 3550 + 190 * (gw - 40) + 120 * boy + gsl_ran_gaussian(r, 430);
	bw = bw < 400 ? 400 : bw > 5600 ? 5600 : bw;
	c->family = (int32_t)(f - s->family);
	c->gest_weeks = (uint8_t)floor(gw);
	c->birth_weight = gsl_rng_uniform(r) < 0.003 ? 0 : (int16_t)(10 * floor(bw / 10));
	c->region = f->region;
	draw_child_leaving(p, r);
	end = min32(leave_date(p), birthday(p->birth, 18));
	lbw = c->birth_weight > 0 && c->birth_weight < 2500;
	c->ndd = end - p->birth >= 30 &&
		 gsl_rng_uniform(r) < logistic(-3.1 + 0.75 * boy + 0.5 * lbw +
					       0.35 * (f->sa_years > 0));
	c->placement = gsl_rng_uniform(r) < logistic(placement_logit(c, f, boy));
	c->in_cohort = year_of(p->birth) >= s->opt->first_birth_year &&
		       year_of(p->birth) <= s->opt->last_birth_year &&
		       leave_date(p) >= birthday(p->birth, 1);
}

/* One family: a birth (single or twins), the parents, the exposures. */
static void draw_family(struct synth *s, long fi, long first, int n_kids,
			gsl_rng *r)
{
	struct family *f = &s->family[fi];
	int32_t mother = (int32_t)s->n_persons++;
	double mother_age;
	int k;

	f->birth = draw_child_birth_date(s, r);
	f->first_child = (int32_t)first;
	f->n_children = (uint8_t)n_kids;
	f->region = draw_region(r);
	f->mother = mother;
	mother_age = draw_mother(&s->person[mother], f->birth, r);
	f->father = NO_PERSON;
	if (gsl_rng_uniform(r) >= P_FATHER_MISSING) {
		f->father = (int32_t)s->n_persons++;
		draw_father(&s->person[f->father], f->birth, mother_age, r);
	}
	f->mother_linked = (uint8_t)link_valid(&s->person[mother], f->birth, 1);
	f->father_linked = f->father != NO_PERSON &&
			   link_valid(&s->person[f->father], f->birth, 0);
	f->sa_years = draw_sa_years(s, f, r);
	draw_parent_psych(s, f, r);
	for (k = 0; k < n_kids; k++)
		draw_child(s, first + k, f, n_kids > 1, r);
}

/* A person unrelated to the children (--population): born 1915-2020,
 * some dying or emigrating during the data's years. */
static void draw_other(struct person *p, gsl_rng *r)
{
	int year = 1915 + (int)uniform_below(r, DATA_LAST_YEAR - 1915 + 1);
	int32_t birth = date_between(r, ko_date_from_ymd(year, 1, 1),
				     ko_date_from_ymd(year + 1, 1, 1));
	int32_t from = max32(birth + 1, ko_date_from_ymd(DATA_FIRST_YEAR, 1, 1));
	int age = DATA_LAST_YEAR - year; /* at the end of the data */
	double p_dies = age < 60 ? 0.03 : 0.03 + (age - 60) / 45.0;

	init_person(p, birth, gsl_rng_uniform(r) < 0.5 ? 1 : 2);
	if (age >= 25)
		p->education = draw_education(r);
	if (gsl_rng_uniform(r) < p_dies)
		p->death = date_between(r, from, data_end());
	if (gsl_rng_uniform(r) < 0.03)
		p->emigration = date_between(r, from, data_end());
	if (p->death != NO_DATE && p->emigration < p->death)
		p->death = NO_DATE;
}

/* The others, after the families: persons up to opt->population. */
static enum ko_status draw_others(struct synth *s, gsl_rng *r,
				  struct ko_err *err)
{
	long i, n = s->opt->population;

	s->first_other = s->n_persons;
	if (n <= 0)
		return KO_OK;
	if (n < s->n_persons)
		return ko_err_set(err, KO_ERR_USAGE,
				  "population %ld is smaller than the %ld children "
				  "and their parents (%ld persons)",
				  n, s->n_children, s->n_persons);
	for (i = s->n_persons; i < n; i++)
		draw_other(&s->person[i], r);
	s->n_persons = n;
	return KO_OK;
}

enum ko_status synth_draw_population(struct synth *s, struct ko_err *err)
{
	enum ko_status st;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	long n = s->n_children, i = 0;
	int k;

	if (!r)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	gsl_rng_set(r, s->opt->seed);
	s->child_contacts = s->opt->contacts_per_person > 0 ?
			    s->opt->contacts_per_person : 9.0;
	s->adult_contacts = s->opt->contacts_per_person > 0 ?
			    s->opt->contacts_per_person : 10.5;
	draw_id_keys(s, r);
	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++)
		s->stream_seed[k] = gsl_rng_get(r);
	s->n_persons = n; /* parents follow the children */
	while (i < n) {
		int kids = i + 1 < n && gsl_rng_uniform(r) < P_TWINS ? 2 : 1;

		draw_family(s, s->n_families++, i, kids, r);
		i += kids;
	}
	st = draw_others(s, r, err);
	gsl_rng_free(r);
	return st;
}

/* ---- phase 2: the extracts ---- */

void synth_write_birth(const struct synth *s, struct sink *k, gsl_rng *r)
{
	long i;

	(void)r;
	put_header(k, "shnro;mother_shnro;father_shnro;birth_date;sex;"
		      "birth_weight_g;gestational_weeks;region");
	for (i = 0; i < s->n_children; i++) {
		const struct child *c = &s->child[i];
		const struct family *f = &s->family[c->family];
		char *p = row_begin(k);

		p = put_id(s, p, i);
		*p++ = ';';
		p = put_id(s, p, f->mother);
		*p++ = ';';
		if (f->father != NO_PERSON)
			p = put_id(s, p, f->father);
		*p++ = ';';
		p = put_date(p, s->person[i].birth);
		*p++ = ';';
		*p++ = (char)('0' + s->person[i].sex);
		*p++ = ';';
		if (c->birth_weight > 0)
			p = put_uint(p, (unsigned long)c->birth_weight);
		*p++ = ';';
		p = put_uint(p, c->gest_weeks);
		*p++ = ';';
		if (c->region != REGION_MISSING)
			p = put_str(p, regions[c->region].name);
		row_end(k, p);
	}
}

static void population_row(const struct synth *s, struct sink *k, long i)
{
	static const char *const education[] = { "", "basic", "secondary",
						 "tertiary" };
	const struct person *q = &s->person[i];
	char *p = row_begin(k);

	p = put_id(s, p, i);
	*p++ = ';';
	p = put_date(p, q->birth);
	*p++ = ';';
	p = put_date(p, q->death);
	*p++ = ';';
	p = put_date(p, q->emigration);
	*p++ = ';';
	p = put_str(p, education[q->education]);
	row_end(k, p);
}

void synth_write_population(const struct synth *s, struct sink *k,
			     gsl_rng *r)
{
	long i;

	(void)r;
	put_header(k, "shnro;birth_date;death_date;emigration_date;education");
	for (i = 0; i < s->n_persons; i++)
		if (s->person[i].in_population)
			population_row(s, k, i);
}

static const char *pick(gsl_rng *r, const char *const *codes, size_t n)
{
	return codes[uniform_below(r, (long)n)];
}

#define PICK(r, a) pick((r), (a), COUNT(a))

/* One hospital contact: the code of interest in dg1 (mostly), dg2 or dg3;
 * the other diagnoses are unrelated codes (never F) or empty. */
static void contact(const struct synth *s, struct sink *k, gsl_rng *r,
		    long person, int32_t date, const char *code)
{
	int child = person < s->n_children;
	double u = gsl_rng_uniform(r);
	int slot = u < 0.8 ? 0 : u < 0.95 ? 1 : 2, j;
	char *p = row_begin(k);

	p = put_id(s, p, person);
	*p++ = ';';
	p = put_date(p, date);
	for (j = 0; j < 3; j++) {
		*p++ = ';';
		if (j == slot)
			p = put_code(p, code, r);
		else if (j < slot || gsl_rng_uniform(r) < 0.2)
			p = put_code(p, child ? PICK(r, child_codes) :
						 PICK(r, adult_codes), r);
		else
			break;
	}
	for (j++; j < 3; j++)
		*p++ = ';';
	row_end(k, p);
}

static void hilmo_child(const struct synth *s, struct sink *k, gsl_rng *r,
			long i)
{
	const struct person *p = &s->person[i];
	const struct child *c = &s->child[i];
	int32_t b18 = birthday(p->birth, 18);
	int32_t leave = min32(leave_date(p), data_end());
	int32_t end18 = min32(leave, b18);
	unsigned n = gsl_ran_poisson(r, s->child_contacts), j;

	for (j = 0; j < n; j++)
		contact(s, k, r, i, date_between(r, p->birth, leave),
			PICK(r, child_codes));
	if (c->ndd) {
		int32_t lo = end18 - p->birth > 400 ? p->birth + 365 : p->birth;

		n = 1 + gsl_ran_poisson(r, 1.2);
		for (j = 0; j < n; j++)
			contact(s, k, r, i, date_between(r, lo, end18),
				PICK(r, ndd_codes));
		if (end18 == b18 && gsl_rng_uniform(r) < 0.03) /* last day */
			contact(s, k, r, i, b18 - 1, PICK(r, ndd_codes));
	}
	if (leave > b18 && gsl_rng_uniform(r) < (c->ndd ? 0.3 : 0.03))
		contact(s, k, r, i, gsl_rng_uniform(r) < 0.2 ? b18 :
				 date_between(r, b18, leave), PICK(r, ndd_codes));
	if (gsl_rng_uniform(r) < 0.03)
		contact(s, k, r, i, date_between(r, p->birth, end18),
			PICK(r, child_near_miss_codes));
}

/* A parent's contacts.  Linked parents of a family without parental
 * psychiatric diagnosis get F20-F48 only outside the child's ages 0-17;
 * parents whose link is dropped get them anywhere. */
static void hilmo_parent(const struct synth *s, struct sink *k, gsl_rng *r,
			 const struct family *f, int32_t parent, int linked,
			 int carrier)
{
	const struct person *p = &s->person[parent];
	int32_t from = max32(birthday(p->birth, 15),
			     ko_date_from_ymd(DATA_FIRST_YEAR, 1, 1));
	int32_t to = min32(leave_date(p), data_end());
	int32_t b18 = birthday(f->birth, 18);
	int32_t end18 = min32(to, b18);
	unsigned n = to > from ? gsl_ran_poisson(r, s->adult_contacts) : 0, j;

	for (j = 0; j < n; j++)
		contact(s, k, r, parent, date_between(r, from, to),
			gsl_rng_uniform(r) < 0.1 ? PICK(r, parent_other_f_codes) :
						   PICK(r, adult_codes));
	n = carrier ? 1 + gsl_ran_poisson(r, 1.5) :
	    linked && f->psych && end18 > f->birth && gsl_rng_uniform(r) < 0.15;
	for (j = 0; j < n; j++)
		contact(s, k, r, parent, date_between(r, f->birth, end18),
			PICK(r, psych_codes));
	if (!linked && to > from && gsl_rng_uniform(r) < 0.25)
		contact(s, k, r, parent, date_between(r, from, to),
			PICK(r, psych_codes));
	if (min32(f->birth, to) > from && gsl_rng_uniform(r) < 0.06)
		contact(s, k, r, parent,
			date_between(r, from, min32(f->birth, to)),
			PICK(r, psych_codes));
	if (to > max32(b18, from) && gsl_rng_uniform(r) < 0.06)
		contact(s, k, r, parent, date_between(r, max32(b18, from), to),
			PICK(r, psych_codes));
}

/* An other's contacts (--population), over the years of the data he is
 * in the registers: a few psychiatric, none carrying the planted model. */
static void hilmo_other(const struct synth *s, struct sink *k, gsl_rng *r,
			long i)
{
	const struct person *p = &s->person[i];
	int32_t from = max32(p->birth, ko_date_from_ymd(DATA_FIRST_YEAR, 1, 1));
	int32_t to = min32(leave_date(p), data_end());
	unsigned n = to > from ? gsl_ran_poisson(r, s->adult_contacts) : 0, j;

	for (j = 0; j < n; j++) {
		int32_t d = date_between(r, from, to);
		double u = gsl_rng_uniform(r);

		contact(s, k, r, i, d, u < 0.04 ? PICK(r, psych_codes) :
				       u < 0.08 ? PICK(r, parent_other_f_codes) :
				       age_at(p->birth, d) < 18 ? PICK(r, child_codes) :
				       PICK(r, adult_codes));
	}
}

void synth_write_hilmo(const struct synth *s, struct sink *k, gsl_rng *r)
{
	long i;

	put_header(k, "shnro;contact_date;dg1;dg2;dg3");
	for (i = 0; i < s->n_families; i++) {
		const struct family *f = &s->family[i];
		long c;

		for (c = f->first_child; c < f->first_child + f->n_children; c++)
			hilmo_child(s, k, r, c);
		hilmo_parent(s, k, r, f, f->mother, f->mother_linked,
			     f->psych && f->psych_parent == 0);
		if (f->father != NO_PERSON)
			hilmo_parent(s, k, r, f, f->father, f->father_linked,
				     f->psych && f->psych_parent == 1);
	}
	for (i = s->first_other; i < s->n_persons; i++)
		hilmo_other(s, k, r, i);
}

/* One child-welfare measure; the end date is left empty for some (still
 * open or not recorded) and never after the child leaves the registers. */
static void measure_row(const struct synth *s, struct sink *k, gsl_rng *r,
			long child, int32_t start, int32_t end, enum measure m)
{
	char *p = row_begin(k);

	end = min32(end, leave_date(&s->person[child]));
	if (end >= data_end() || gsl_rng_uniform(r) < 0.03)
		end = NO_DATE;
	p = put_id(s, p, child);
	*p++ = ';';
	p = put_date(p, start);
	*p++ = ';';
	p = put_date(p, end);
	*p++ = ';';
	p = put_str(p, measures[m]);
	row_end(k, p);
}

static enum measure pick_placement(gsl_rng *r)
{
	double u = gsl_rng_uniform(r);

	return u < 0.35 ? EMERGENCY_PLACEMENT : u < 0.8 ? CARE_ORDER :
							 PLACEMENT_SUPPORT;
}

/* The first placement of a placed child, at ages 0-17, with what usually
 * comes before (open care) and after (care order, after-care). */
static void welfare_placed(const struct synth *s, struct sink *k, gsl_rng *r,
			   long i, int32_t end18, int32_t leave)
{
	int32_t birth = s->person[i].birth, b18 = birthday(birth, 18);
	int32_t st = birth + (int32_t)floor((end18 - birth) *
					    pow(gsl_rng_uniform(r), 0.7));
	enum measure m = pick_placement(r);

	if (st > birth && gsl_rng_uniform(r) < 0.5) {
		int32_t o = date_between(r, birth, st);

		measure_row(s, k, r, i, o, min32(o + 90 + (int32_t)uniform_below(r, 900), st),
			    OPEN_CARE);
	}
	if (m == EMERGENCY_PLACEMENT) {
		int32_t e = st + 1 + (int32_t)uniform_below(r, 30);

		measure_row(s, k, r, i, st, e, m);
		if (e + 1 < end18 && gsl_rng_uniform(r) < 0.7)
			measure_row(s, k, r, i, e + 1,
				    min32(e + 180 + (int32_t)uniform_below(r, 3000), b18),
				    CARE_ORDER);
	} else if (m == CARE_ORDER) {
		measure_row(s, k, r, i, st,
			    min32(st + 180 + (int32_t)uniform_below(r, 3000), b18), m);
	} else {
		measure_row(s, k, r, i, st, st + 30 + (int32_t)uniform_below(r, 330), m);
	}
	if (leave > b18 + 30 && gsl_rng_uniform(r) < 0.5) {
		int32_t a = b18 + (int32_t)uniform_below(r, 30);

		measure_row(s, k, r, i, a, a + 180 + (int32_t)uniform_below(r, 900),
			    AFTER_CARE);
	}
}

/* A child never placed at ages 0-17: open care, and rarely a placement or
 * after-care from the 18th birthday on (neither counts). */
static void welfare_not_placed(const struct synth *s, struct sink *k,
			       gsl_rng *r, long i, int32_t end18, int32_t leave)
{
	int32_t birth = s->person[i].birth, b18 = birthday(birth, 18);
	unsigned n = gsl_rng_uniform(r) < 0.28 ? 1 + gsl_ran_poisson(r, 0.4) : 0;
	unsigned j;

	for (j = 0; j < n; j++) {
		int32_t o = date_between(r, birth, end18);

		measure_row(s, k, r, i, o, o + 90 + (int32_t)uniform_below(r, 900),
			    OPEN_CARE);
	}
	if (leave > b18 && gsl_rng_uniform(r) < 0.006) {
		int32_t st = gsl_rng_uniform(r) < 0.3 ? b18 :
			     date_between(r, b18, min32(leave, b18 + 700));

		measure_row(s, k, r, i, st, st + 30 + (int32_t)uniform_below(r, 600),
			    pick_placement(r));
	}
	if (leave > b18 && gsl_rng_uniform(r) < 0.004) {
		int32_t a = date_between(r, b18, min32(leave, b18 + 700));

		measure_row(s, k, r, i, a, a + 180 + (int32_t)uniform_below(r, 900),
			    AFTER_CARE);
	}
}

void synth_write_child_welfare(const struct synth *s, struct sink *k,
				gsl_rng *r)
{
	long i;

	put_header(k, "shnro;start_date;end_date;measure");
	for (i = 0; i < s->n_children; i++) {
		const struct person *p = &s->person[i];
		int32_t leave = min32(leave_date(p), data_end());
		int32_t end18 = min32(leave, birthday(p->birth, 18));

		if (s->child[i].placement)
			welfare_placed(s, k, r, i, end18, leave);
		else
			welfare_not_placed(s, k, r, i, end18, leave);
	}
}

/* Month flags of a household-year: a run of months, never after the
 * holder leaves the registers (holder NULL: no limit). */
static unsigned draw_month_flags(gsl_rng *r, const struct person *holder,
				 int year)
{
	int last = 12, len, start;

	while (holder && last > 1 &&
	       ko_date_from_ymd(year, last, 1) >= leave_date(holder))
		last--;
	len = gsl_rng_uniform(r) < 0.3 ? 12 : 1 + (int)uniform_below(r, 11);
	len = len > last ? last : len;
	start = 1 + (int)uniform_below(r, last - len + 1);
	return ((1u << len) - 1) << (start - 1);
}

static void sa_row(const struct synth *s, struct sink *k, gsl_rng *r,
		   long applicant, long spouse, int year, unsigned flags)
{
	char *p = row_begin(k);
	long cents = 0;
	int m, months = 0;

	p = put_id(s, p, applicant);
	*p++ = ';';
	if (spouse != NO_PERSON)
		p = put_id(s, p, spouse);
	*p++ = ';';
	p = put_uint(p, (unsigned long)year);
	for (m = 0; m < 12; m++) {
		int on = (flags >> m) & 1;
		double eur = 520 + gsl_ran_gaussian(r, 180);

		*p++ = ';';
		*p++ = (char)('0' + on);
		months += on;
		if (on)
			cents += (long)floor(100 * (eur < 30 ? 30 : eur));
	}
	if (!months && gsl_rng_uniform(r) < 0.5) /* a one-off payment */
		cents = 1000 + (long)uniform_below(r, 30000);
	*p++ = ';';
	p = put_uint(p, (unsigned long)months);
	*p++ = ';';
	p = put_euros(p, cents);
	row_end(k, p);
	k->months += months;
}

/* A household-year of a parent, alone or with the other parent as spouse
 * (either may be the applicant). */
static void sa_parent_year(const struct synth *s, struct sink *k, gsl_rng *r,
			   long holder, long other, double p_with_other,
			   int year, int zero_months)
{
	unsigned flags = zero_months ? 0 :
			 draw_month_flags(r, &s->person[holder], year);

	if (other != NO_PERSON && year_open(&s->person[other], year) &&
	    gsl_rng_uniform(r) < p_with_other) {
		if (gsl_rng_uniform(r) < 0.5)
			sa_row(s, k, r, holder, other, year, flags);
		else
			sa_row(s, k, r, other, holder, year, flags);
	} else {
		sa_row(s, k, r, holder, NO_PERSON, year, flags);
	}
}

/* The family's exposure years: sa_years of the years a linked parent is
 * around, each held by a linked parent. */
static void sa_exposure_years(const struct synth *s, struct sink *k,
			      gsl_rng *r, const struct family *f,
			      uint8_t chosen[18])
{
	int years[18], open = sa_open_years(s, f, years), by = year_of(f->birth);
	int j;

	for (j = 0; j < f->sa_years; j++) {
		int pick_i = j + (int)uniform_below(r, open - j), y = years[pick_i];
		int m_ok = f->mother_linked && year_open(&s->person[f->mother], y);
		int f_ok = f->father_linked && year_open(&s->person[f->father], y);
		int by_father = f_ok && (!m_ok || gsl_rng_uniform(r) < 0.3);

		years[pick_i] = years[j];
		years[j] = y;
		chosen[y - by] = 1;
		sa_parent_year(s, k, r, by_father ? f->father : f->mother,
			       by_father ? f->mother : f->father, 0.65, y, 0);
	}
}

/* Rows that must not count: a parent's years outside the window, years of
 * a parent whose link is dropped, a year with no month flagged. */
static void sa_parent_noise(const struct synth *s, struct sink *k, gsl_rng *r,
			    const struct family *f, long parent, long other,
			    int linked, const uint8_t chosen[18])
{
	const struct person *p = &s->person[parent];
	int by = year_of(f->birth), y, lo, hi, len;

	if (gsl_rng_uniform(r) < (f->sa_years ? 0.5 : 0.06)) {
		if (gsl_rng_uniform(r) < 0.5) {
			lo = max32(DATA_FIRST_YEAR, year_of(p->birth) + 16);
			hi = by - 1;
		} else {
			lo = by + 18;
			hi = DATA_LAST_YEAR;
		}
		len = (int)gsl_ran_geometric(r, 0.35);
		y = hi >= lo ? lo + (int)uniform_below(r, hi - lo + 1) : hi + 1;
		for (; y <= hi && len-- > 0; y++)
			if (year_open(p, y))
				sa_parent_year(s, k, r, parent, other, 0.5, y, 0);
	}
	if (!linked && gsl_rng_uniform(r) < 0.3) {
		len = (int)gsl_ran_geometric(r, 0.3);
		for (y = by + (int)uniform_below(r, 18); y <= by + 17 && len-- > 0; y++)
			if (y >= DATA_FIRST_YEAR && y <= DATA_LAST_YEAR &&
			    year_open(p, y)) /* alone:
				the linked parent must not appear on this row */
				sa_row(s, k, r, parent, NO_PERSON, y,
				       draw_month_flags(r, p, y));
	}
	y = by + (int)uniform_below(r, 18);
	if (!chosen[y - by] && y >= DATA_FIRST_YEAR && y <= DATA_LAST_YEAR &&
	    year_open(p, y) && gsl_rng_uniform(r) < 0.01)
		sa_parent_year(s, k, r, parent, linked ? other : NO_PERSON,
			       0.5, y, 1);
}

/* Households unrelated to the cohort: ids that match nobody. */
static void sa_unrelated(const struct synth *s, struct sink *k, gsl_rng *r,
			 int n_children, long *next_id)
{
	unsigned n = gsl_ran_poisson(r, 2.5 * n_children), j;

	for (j = 0; j < n; j++) {
		long applicant = (*next_id)++;
		long spouse = gsl_rng_uniform(r) < 0.45 ? (*next_id)++ : NO_PERSON;
		int y = DATA_FIRST_YEAR +
			(int)uniform_below(r, DATA_LAST_YEAR - DATA_FIRST_YEAR + 1);
		int len = (int)gsl_ran_geometric(r, 0.3);

		for (; y <= DATA_LAST_YEAR && len-- > 0; y++)
			sa_row(s, k, r, applicant, spouse, y,
			       draw_month_flags(r, NULL, y));
	}
}

/* A household spell of an other (--sa-rows-per-person): a run of years
 * from his 18th on, alone or with another other as spouse. */
static void sa_other_spell(const struct synth *s, struct sink *k, gsl_rng *r,
			   long i)
{
	const struct person *p = &s->person[i];
	long n_others = s->n_persons - s->first_other;
	long spouse = gsl_rng_uniform(r) < 0.45 ?
		      s->first_other + uniform_below(r, n_others) : NO_PERSON;
	int lo = max32(DATA_FIRST_YEAR, year_of(p->birth) + 18);
	int len = (int)gsl_ran_geometric(r, 0.3), y;

	if (lo > DATA_LAST_YEAR)
		return;
	if (spouse == i)
		spouse = NO_PERSON;
	y = lo + (int)uniform_below(r, DATA_LAST_YEAR - lo + 1);
	for (; y <= DATA_LAST_YEAR && len-- > 0; y++) {
		long sp = spouse;

		if (!year_open(p, y))
			continue;
		if (sp != NO_PERSON && (!year_open(&s->person[sp], y) ||
					year_of(s->person[sp].birth) + 18 > y))
			sp = NO_PERSON;
		sa_row(s, k, r, i, sp, y, draw_month_flags(r, p, y));
	}
}

#define SA_SPELL_ROWS 3.0 /* about the rows of an other's spell */

/* The others' households, after the families': about
 * opt->sa_rows_per_person rows per person in the file in all (each other's
 * number of spells drawn with the mean that reaches it from where the
 * file stands, so the figure is met whatever the families wrote). */
static void sa_others(const struct synth *s, struct sink *k, gsl_rng *r)
{
	double target = s->opt->sa_rows_per_person * (double)s->n_persons;
	long i;

	for (i = s->first_other; i < s->n_persons; i++) {
		double left = target - (double)k->rows;
		double mean = left / (double)(s->n_persons - i) / SA_SPELL_ROWS;
		unsigned n = mean > 0 ? gsl_ran_poisson(r, mean) : 0, j;

		for (j = 0; j < n; j++)
			sa_other_spell(s, k, r, i);
	}
}

void synth_write_social_assistance(const struct synth *s, struct sink *k,
				    gsl_rng *r)
{
	long i, next_id = s->n_persons;

	put_header(k, "shnro_applicant;shnro_spouse;year;jan;feb;mar;apr;may;"
		      "jun;jul;aug;sep;oct;nov;dec;months;amount_eur");
	for (i = 0; i < s->n_families; i++) {
		const struct family *f = &s->family[i];
		uint8_t chosen[18] = { 0 };

		sa_exposure_years(s, k, r, f, chosen);
		sa_parent_noise(s, k, r, f, f->mother, f->father,
				f->mother_linked, chosen);
		if (f->father != NO_PERSON)
			sa_parent_noise(s, k, r, f, f->father, f->mother,
					f->father_linked, chosen);
		sa_unrelated(s, k, r, f->n_children, &next_id);
	}
	if (s->opt->sa_rows_per_person > 0)
		sa_others(s, k, r);
}
