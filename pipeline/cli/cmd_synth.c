/* cmd_synth.c - `kohort synth`: write synthetic extracts (see synth.h). */
#include "cli.h"
#include "synth.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
	"Usage: kohort synth --persons N --seed S --out DIR [--level L] [--sequential]\n"
	"                    [--birth-years Y1-Y2] [--population P]\n"
	"                    [--contacts-per-person C] [--sa-rows-per-person R]\n"
	"\n"
	"Write realistic synthetic register extracts for a birth cohort of N\n"
	"children plus their parents, with planted effects on out-of-home\n"
	"placement (see sample-data/README.md for the model and the quirks):\n"
	"  DIR/birth.csv.gz              one row per child\n"
	"  DIR/population.csv.gz         children and parents\n"
	"  DIR/hilmo.csv.gz              hospital contacts (ICD-10)\n"
	"  DIR/child_welfare.csv.gz      child-welfare measures\n"
	"  DIR/social_assistance.csv.gz  household-years\n"
	"Files are gzip-compressed, ';'-separated, Latin-1, DD.MM.YYYY dates,\n"
	"decimal comma.  The same N, S and L give the same bytes.\n"
	"\n"
	"Options:\n"
	"  --persons N    children in the birth extract (1..50000000)\n"
	"  --seed S       random seed (GSL mt19937), a non-negative integer\n"
	"  --out DIR      output directory (created if missing; files in it\n"
	"                 with the names above are replaced)\n"
	"  --level L      gzip compression level 1..9 (default 6)\n"
	"  --sequential   write the files one after another instead of in\n"
	"                 parallel threads (same bytes either way)\n"
	"\n"
	"A whole population (docs/synth.md; all four default to the one-cohort\n"
	"model of sample-data/):\n"
	"  --birth-years Y1-Y2   the children's birth years, spread evenly, within\n"
	"                 1987-2019 (a few are born a year before or after);\n"
	"                 default 1997\n"
	"  --population P persons in all: the children, their parents and\n"
	"                 others unrelated to them up to P (P must be at least\n"
	"                 the children and parents, about 2.97 N)\n"
	"  --contacts-per-person C   mean background hospital contacts of every\n"
	"                 person (default: 9 a child, 10.5 an adult); the\n"
	"                 planted diagnoses come on top (about 1 a child)\n"
	"  --sa-rows-per-person R    social-assistance rows: the others'\n"
	"                 households fill the file up to about R rows per person\n"
	"                 (needs --population; default: the others have none)\n"
	"  -h, --help     show this help\n"
	"\n"
	"Example: kohort synth --persons 10000 --seed 1997 --out sample-data\n"
	"Finland: kohort synth --persons 1100000 --birth-years 1987-2005\n"
	"           --population 5500000 --contacts-per-person 27\n"
	"           --sa-rows-per-person 7.3 --seed 2026 --level 1 --out DIR\n";

/* Parse a whole non-negative decimal integer; -1 if it is not one. */
static int parse_count(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v > max)
		return -1;
	*out = v;
	return 0;
}

/* The value of option argv[*i] (--name VALUE or --name=VALUE), or NULL when
 * argv[*i] is not that option.  *missing is set when the value is absent. */
static const char *option_value(int argc, char **argv, int *i,
				const char *name, int *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];

	if (strncmp(a, name, n))
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n])
		return NULL;
	if (*i + 1 >= argc) {
		*missing = 1;
		return NULL;
	}
	return argv[++*i];
}

/* A decimal number 0..max (no sign, no exponent); -1 if it is not one. */
static int parse_rate(const char *s, double max, double *out)
{
	char *end;
	double v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !(v <= max))
		return -1;
	*out = v;
	return 0;
}

/* Y or Y1-Y2 within the data's years; -1 if it is not one. */
static int parse_years(const char *s, int *first, int *last)
{
	unsigned long a, b;
	char head[16];
	const char *dash = strchr(s, '-');
	size_t n = dash ? (size_t)(dash - s) : strlen(s);

	if (n >= sizeof(head))
		return -1;
	memcpy(head, s, n);
	head[n] = '\0';
	if (parse_count(head, 9999, &a) ||
	    (dash ? parse_count(dash + 1, 9999, &b) : (b = a, 0)))
		return -1;
	if (a < KO_SYNTH_FIRST_YEAR || b > KO_SYNTH_LAST_YEAR || a > b)
		return -1;
	*first = (int)a;
	*last = (int)b;
	return 0;
}

struct synth_args {
	struct ko_synth_options opt;
	const char *out;
	int have_persons, have_seed;
};

/* One option; returns 0, or an exit code for a usage error. */
static int parse_option(int argc, char **argv, int *i, struct synth_args *a)
{
	const char *cmd = argv[0], *v;
	unsigned long n;
	int missing = 0;

	if ((v = option_value(argc, argv, i, "--persons", &missing))) {
		if (parse_count(v, KO_SYNTH_MAX_PERSONS, &n) || n < 1)
			return ko_cli_usage_error(cmd, "--persons: expected an integer 1..%ld, got '%s'",
						  KO_SYNTH_MAX_PERSONS, v);
		a->opt.persons = (long)n;
		a->have_persons = 1;
	} else if (!missing && (v = option_value(argc, argv, i, "--seed", &missing))) {
		if (parse_count(v, 0xFFFFFFFFUL, &n))
			return ko_cli_usage_error(cmd, "--seed: expected an integer 0..4294967295, got '%s'", v);
		a->opt.seed = n;
		a->have_seed = 1;
	} else if (!missing && (v = option_value(argc, argv, i, "--level", &missing))) {
		if (parse_count(v, 9, &n) || n < 1)
			return ko_cli_usage_error(cmd, "--level: expected 1..9, got '%s'", v);
		a->opt.level = (int)n;
	} else if (!missing && (v = option_value(argc, argv, i, "--out", &missing))) {
		if (!*v)
			return ko_cli_usage_error(cmd, "--out: empty directory name");
		a->out = v;
	} else if (!missing && (v = option_value(argc, argv, i, "--birth-years", &missing))) {
		if (parse_years(v, &a->opt.first_birth_year, &a->opt.last_birth_year))
			return ko_cli_usage_error(cmd, "--birth-years: expected a year or a range Y1-Y2 within %d-%d, got '%s'",
						  KO_SYNTH_FIRST_YEAR, KO_SYNTH_LAST_YEAR, v);
	} else if (!missing && (v = option_value(argc, argv, i, "--population", &missing))) {
		if (parse_count(v, KO_SYNTH_MAX_PERSONS, &n) || n < 1)
			return ko_cli_usage_error(cmd, "--population: expected an integer 1..%ld, got '%s'",
						  KO_SYNTH_MAX_PERSONS, v);
		a->opt.population = (long)n;
	} else if (!missing && (v = option_value(argc, argv, i, "--contacts-per-person", &missing))) {
		if (parse_rate(v, 1000, &a->opt.contacts_per_person) ||
		    a->opt.contacts_per_person <= 0)
			return ko_cli_usage_error(cmd, "--contacts-per-person: expected a number above 0 up to 1000, got '%s'", v);
	} else if (!missing && (v = option_value(argc, argv, i, "--sa-rows-per-person", &missing))) {
		if (parse_rate(v, 1000, &a->opt.sa_rows_per_person) ||
		    a->opt.sa_rows_per_person <= 0)
			return ko_cli_usage_error(cmd, "--sa-rows-per-person: expected a number above 0 up to 1000, got '%s'", v);
	} else if (!missing && !strcmp(argv[*i], "--sequential")) {
		a->opt.parallel = 0;
	} else if (missing) {
		return ko_cli_usage_error(cmd, "option '%s' needs a value", argv[*i]);
	} else {
		return ko_cli_usage_error(cmd, "unknown option '%s'", argv[*i]);
	}
	return 0;
}

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Progress on a terminal: one line rewritten in place, erased at the end. */
static void print_progress(void *ctx, double done, double text_bytes)
{
	double elapsed = seconds_now() - *(const double *)ctx;
	double eta = done > 0.01 ? elapsed * (1 - done) / done : 0;

	if (done >= 1.0) {
		fprintf(stderr, "\r%*s\r", 72, "");
		return;
	}
	fprintf(stderr, "\rkohort synth: %3.0f%%  %7.1f MB of text  %5.1f MB/s  ETA %d:%02d ",
		100 * done, text_bytes / 1e6,
		elapsed > 0 ? text_bytes / 1e6 / elapsed : 0.0,
		(int)eta / 60, (int)eta % 60);
	fflush(stderr);
}

static void print_summary(const char *out, const struct ko_synth_options *opt,
			  const struct ko_synth_stats *st)
{
	int k;

	for (k = 0; k < KO_SYNTH_FILE_COUNT; k++)
		printf("%s/%s: %ld rows\n", out, st->file[k], st->rows[k]);
	if (opt->first_birth_year == opt->last_birth_year)
		printf("children in the %d cohort (alive and resident at age 1): %ld\n",
		       opt->first_birth_year, st->children_in_cohort);
	else
		printf("children in the %d-%d cohorts (alive and resident at age 1): %ld\n",
		       opt->first_birth_year, opt->last_birth_year,
		       st->children_in_cohort);
	if (opt->population)
		printf("others (unrelated to the children): %ld; social-assistance household-months: %ld; "
		       "%.0f MB of text\n", st->others, st->sa_months, st->text_bytes / 1e6);
}

int ko_cmd_synth(int argc, char **argv)
{
	struct synth_args a;
	struct ko_synth_stats stats;
	struct ko_err err;
	enum ko_status st;
	double start;
	int i, rc;

	memset(&a, 0, sizeof(a));
	ko_synth_options_init(&a.opt);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			fputs(usage, stdout);
			return KO_EXIT_OK;
		}
		if ((rc = parse_option(argc, argv, &i, &a)))
			return rc;
	}
	if (!a.have_persons || !a.have_seed || !a.out)
		return ko_cli_usage_error(argv[0], "--persons, --seed and --out are required");
	ko_err_clear(&err);
	start = seconds_now();
	if (isatty(STDERR_FILENO)) { /* quiet in batch logs */
		a.opt.progress = print_progress;
		a.opt.progress_ctx = &start;
	}
	st = ko_synth_write(a.out, &a.opt, &stats, NULL, &err);
	if (st) {
		ko_cli_report(argv[0], &err);
		return ko_cli_exit_code(st);
	}
	print_summary(a.out, &a.opt, &stats);
	return KO_EXIT_OK;
}
