/*
 * fit_args.c - `kohort fit`'s options: the usage text, --formula's Surv()
 * and strata() terms, --offset, and the checks between options
 * (fit_parse_args, fit_release_args in fit_impl.h; cmd_fit.c runs the fit).
 */
#include "cli.h"
#include "fit_impl.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "discrim.h"

static const char usage[] =
	"Usage: kohort fit --data FILE --formula \"y ~ a + factor(b) + a:c\" [OPTIONS]\n"
	"\n"
	"Fit one regression (logistic by maximum likelihood as R's glm, Firth's\n"
	"penalized likelihood as R's logistf, or modified Poisson) on a CSV file\n"
	"(plain or .gz, ; or ,\n"
	"separated, UTF-8 or Latin-1) and print tidy CSV to standard output:\n"
	"coefficients, then model statistics, then joint tests per term, each\n"
	"table after a blank line.\n"
	"\n"
	"Options:\n"
	"  --data FILE          the data (CSV, CSV.gz, or .sas7bdat/.dta/.sav)\n"
	"  --formula TEXT       R-style formula; see docs/fit.md\n"
	"  --weights COL        prior weights (R's glm weights =)\n"
	"  --se TYPE            model (default), robust (sandwich HC0) or cluster\n"
	"  --cluster COL        cluster id column for --se cluster (as vcovCL)\n"
	"  --hc HC0|HC1         small-sample type for robust/cluster SEs (default\n"
	"                       HC0, as sandwich on a glm; clusters also G/(G-1))\n"
	"  --family NAME        logistic (default), firth, poisson (modified\n"
	"                       Poisson, Zou 2004: risk ratios, robust SEs unless\n"
	"                       --se is given), poisson_rate, or cox (Cox\n"
	"                       proportional hazards as survival::coxph: the\n"
	"                       formula Surv(time, event) ~ ... or\n"
	"                       Surv(start, stop, event) ~ ...; hazard ratios)\n"
	"  --ties METHOD        cox: efron (default, as coxph) or breslow\n"
	"  --offset COL         a column added to the linear predictor (R's\n"
	"                       offset = COL); --offset \"log(COL)\" its log, as\n"
	"                       offset(log(pyears)): poisson_rate needs it,\n"
	"                       unless its formula is Surv(time, event) ~ ...\n"
	"                       (offset log(time), or log(stop - start))\n"
	"  --zph                cox: the proportional-hazards test of cox.zph\n"
	"                       (transform \"km\"), per term and GLOBAL\n"
	"  --firth              the same as --family firth: Firth's penalized\n"
	"                       likelihood (logistf), profile penalized-likelihood\n"
	"                       CIs and PLR p-values\n"
	"  --profile            profile-likelihood CIs instead of Wald\n"
	"  --level P            confidence level (default 0.95)\n"
	"  --tests LIST         joint term tests: wald,lr (default), wald, lr, none;\n"
	"                       lr refits the model once per term, most of the run\n"
	"                       time of a large fit (--tests wald: the fit alone)\n"
	"  --hl-groups G        Hosmer-Lemeshow groups (default 10)\n"
	"  --max-iter N         IRLS iterations (default 25, as glm)\n"
	"  --stats FILE         write the statistics and term tests to FILE\n"
	"  --effect LIST        or (default), rr, rd, paf, comma-separated: rr adds\n"
	"                       modified Poisson risk ratios; with --exposure, rr, rd\n"
	"                       and paf add standardised risks from the logistic model\n"
	"  --exposure TERM      the exposure term (0/1 variable or factor) for rr/rd/paf\n"
	"  --timing             print the time of each step to standard error\n"
	"  --threads N          threads for reading and fitting (default: every\n"
	"                       core; the results are the same bits for any N)\n"
	"  --delimiter C        field separator (default: detected)\n"
	"  --decimal C          decimal mark, . (default) or ,\n"
	"  --missing CODE       a missing-value code (repeatable; default \"\" and NA)\n"
	"  -h, --help           show this help\n"
	"\n"
	"Output columns: term,estimate,std_error,statistic,p_value,odds_ratio,\n"
	"conf_low,conf_high,conf_low_log,conf_high_log (estimate on the log-odds\n"
	"scale, conf_low/high on the odds-ratio scale, conf_*_log the same CI on\n"
	"the log-odds scale; --family poisson: risk_ratio and the log-risk scale).\n"
	"Aliased coefficients print NA, as R.  --effect rr adds\n"
	"risk_ratio,rr_conf_low,rr_conf_high,rr_std_error,rr_p_value; --exposure\n"
	"adds a table of standardised risks (and a PAF table with paf).\n"
	"Exit status: 0 success, 1 the data or the fit failed, 2 usage error.\n";

/* ---- options -------------------------------------------------------- */

static int parse_level(const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !(v > 0 && v < 1))
		return -1;
	*out = v;
	return 0;
}

static int parse_tests(const char *s, int *out)
{
	if (!strcmp(s, "none"))
		*out = TESTS_NONE;
	else if (!strcmp(s, "wald"))
		*out = TESTS_WALD;
	else if (!strcmp(s, "lr"))
		*out = TESTS_LR;
	else if (!strcmp(s, "wald,lr") || !strcmp(s, "lr,wald"))
		*out = TESTS_WALD | TESTS_LR;
	else
		return -1;
	return 0;
}

/* "or,rr,rd,paf" in any order and combination. */
static int parse_effects(const char *s, int *out)
{
	static const char *const names[] = { "or", "rr", "rd", "paf" };
	int bits = 0;

	while (*s) {
		size_t len = strcspn(s, ","), k;

		for (k = 0; k < 4; k++)
			if (len == strlen(names[k]) && !strncmp(s, names[k], len))
				break;
		if (k == 4)
			return -1;
		bits |= 1 << k;
		s += len;
		if (*s == ',' && *++s == '\0')
			return -1;
	}
	if (!bits)
		return -1;
	*out = bits;
	return 0;
}

/* An option's word and the value it stands for; a list ends with NULL. */
struct word {
	const char *name;
	int value;
};

static const struct word ties_words[] = {
	{ "efron", KO_FAMILY_TIES_EFRON }, { "breslow", KO_FAMILY_TIES_BRESLOW },
	{ NULL, 0 },
};
static const struct word se_words[] = {
	{ "model", SE_MODEL }, { "robust", SE_ROBUST },
	{ "cluster", SE_CLUSTER }, { NULL, 0 },
};
static const struct word hc_words[] = {
	{ "HC0", KO_LOGIT_HC0 }, { "HC1", KO_LOGIT_HC1 }, { NULL, 0 },
};

/* The value of word s in w into *out: 0, else -1. */
static int parse_word(const char *s, const struct word *w, int *out)
{
	for (; w->name; w++)
		if (!strcmp(s, w->name)) {
			*out = w->value;
			return 0;
		}
	return -1;
}

/* Append name to the list "a, b or c" in list (size bytes); first and
 * last say where in the list it stands. */
static void list_add(char *list, size_t size, const char *name, int first,
		     int last)
{
	if (!first)
		strncat(list, last ? " or " : ", ", size - strlen(list) - 1);
	strncat(list, name, size - strlen(list) - 1);
}

/* --name's value s, a word of w: its value into *out and 0, else the
 * usage error that lists w's words ("model, robust or cluster"). */
static int word_option(const char *name, const char *s, const struct word *w,
		       int *out)
{
	char list[128] = "";
	const struct word *k;

	if (!parse_word(s, w, out))
		return 0;
	for (k = w; k->name; k++)
		list_add(list, sizeof(list), k->name, k == w, !k[1].name);
	return ko_cli_usage_error("fit", "--%s must be %s, not '%s'", name, list, s);
}

/* --name's value s, a whole number lo..hi: into *out and 0, else the
 * usage error. */
static int int_option(const char *name, const char *s, int lo, int hi, int *out)
{
	if (!ko_cfg_parse_int(s, lo, hi, out))
		return 0;
	return ko_cli_usage_error("fit", "--%s must be %d to %d, not '%s'", name,
				  lo, hi, s);
}

static int parse_char(const char *s, char *out)
{
	if (!strcmp(s, "\\t") || !strcmp(s, "tab"))
		*out = '\t';
	else if (strlen(s) == 1)
		*out = s[0];
	else
		return -1;
	return 0;
}

/* Returns -1 on success, else the exit code to return. */
/* A column name inside Surv(): what the formula's NAME takes (letters,
 * digits, '.', '_'), trimmed. */
static int surv_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || isdigit((unsigned char)s[0]))
		return 0;
	for (i = 0; i < len; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '.' && s[i] != '_')
			return 0;
	return 1;
}

/* Take each strata(NAME) term out of the formula text f (in place, with
 * its '+'), keeping NAME: a main-effect term of the right-hand side only,
 * as coxph takes it.  1: done; -1: a usage error (printed). */
static int strip_strata(struct fit_args *a, char *f)
{
	char *p = strchr(f, '~');

	while (p && (p = strstr(p, "strata"))) {
		char *q = p + 6, *name, *end, *from, *to;
		size_t len;

		if (p > f && (isalnum((unsigned char)p[-1]) || p[-1] == '.' || p[-1] == '_')) {
			p = q;
			continue;
		}
		while (isspace((unsigned char)*q))
			q++;
		if (*q != '(') {
			p = q;
			continue;
		}
		name = q + 1;
		if (!(end = strchr(name, ')')))
			return (ko_cli_usage_error("fit", "--formula: strata( without its closing ')'"), -1);
		while (isspace((unsigned char)*name))
			name++;
		len = (size_t)(end - name);
		while (len && isspace((unsigned char)name[len - 1]))
			len--;
		if (!surv_name(name, len))
			return (ko_cli_usage_error("fit", "--formula: strata() takes one column name, not '%.*s'",
						   (int)(end - q - 1), q + 1), -1);
		if (a->n_strata == KO_FIT_MAX_STRATA)
			return (ko_cli_usage_error("fit", "--formula: at most %d strata() terms", KO_FIT_MAX_STRATA), -1);
		/* the term with its '+': before it, or after it when first */
		from = p;
		while (from > f && isspace((unsigned char)from[-1]))
			from--;
		to = end + 1;
		while (isspace((unsigned char)*to))
			to++;
		if ((*to == '+' || !*to) && from > f && from[-1] == '+') {
			from--;
		} else if ((*to == '+' || !*to) && from > f && from[-1] == '~') {
			if (*to == '+')
				to++;
		} else { /* next to ':', '*', '-' or inside parentheses */
			return (ko_cli_usage_error("fit", "--formula: strata(%.*s) must be a term of its own (+ strata(x)), not in an interaction or with -",
						   (int)len, name), -1);
		}
		if (!(a->strata[a->n_strata] = malloc(len + 1))) {
			fprintf(stderr, "kohort fit: out of memory\n");
			return -1;
		}
		memcpy(a->strata[a->n_strata], name, len);
		a->strata[a->n_strata++][len] = '\0';
		memmove(from, to, strlen(to) + 1);
		p = from;
	}
	/* nothing left on the right: the null model (its intercept dropped) */
	p = strchr(f, '~') + 1;
	while (isspace((unsigned char)*p))
		p++;
	if (!*p && a->n_strata) /* room: a strata() term was longer */
		strcpy(p, "1");
	return 1;
}

/* --formula "Surv(a, b[, c]) ~ rhs": the two or three column names, and
 * the formula rewritten as "event ~ rhs" for the formula parser (the
 * event column is the outcome it reads).  0: no Surv(); 1: done; -1: a
 * usage error (printed). */
static int parse_surv(struct fit_args *a)
{
	const char *s = a->formula, *close, *tilde, *arg[3];
	size_t len[3], k = 0, i, total;
	char *buf, *w;

	while (isspace((unsigned char)*s))
		s++;
	if (strncmp(s, "Surv", 4))
		return 0;
	s += 4;
	while (isspace((unsigned char)*s))
		s++;
	if (*s != '(')
		return 0;
	s++;
	if (!(close = strchr(s, ')')))
		return (ko_cli_usage_error("fit", "--formula: Surv( without its closing ')'"), -1);
	for (;;) {
		const char *e = s;

		while (e < close && *e != ',')
			e++;
		if (k == 3)
			return (ko_cli_usage_error("fit", "--formula: Surv() takes (time, event) or (start, stop, event), not more"), -1);
		while (s < e && isspace((unsigned char)*s))
			s++;
		arg[k] = s;
		len[k] = (size_t)(e - s);
		while (len[k] && isspace((unsigned char)s[len[k] - 1]))
			len[k]--;
		if (!surv_name(arg[k], len[k]))
			return (ko_cli_usage_error("fit", "--formula: Surv()'s arguments must be column names, not '%.*s'",
						  (int)len[k], arg[k]), -1);
		k++;
		if (e == close)
			break;
		s = e + 1;
	}
	if (k < 2)
		return (ko_cli_usage_error("fit", "--formula: Surv() takes (time, event) or (start, stop, event)"), -1);
	tilde = close + 1;
	while (isspace((unsigned char)*tilde))
		tilde++;
	if (*tilde != '~')
		return (ko_cli_usage_error("fit", "--formula: expected '~' after Surv(...)"), -1);
	total = len[0] + len[1] + (k == 3 ? len[2] : 0) + 3 + len[k - 1] + 1 + strlen(tilde) + 1;
	if (!(buf = malloc(total))) {
		fprintf(stderr, "kohort fit: out of memory\n");
		return -1;
	}
	w = buf;
	for (i = 0; i < k; i++) {
		memcpy(w, arg[i], len[i]);
		w[len[i]] = '\0';
		if (k == 3 && i == 0)
			a->surv_start = w;
		else if (i == k - 2)
			a->surv_time = w;
		else
			a->surv_event = w;
		w += len[i] + 1;
	}
	snprintf(w, total - (size_t)(w - buf), "%s %s", a->surv_event, tilde);
	a->formula = w;
	a->surv_text = buf;
	a->surv = (int)k;
	return strip_strata(a, w);
}

/* --offset COL or --offset "log(COL)": the column's name (owned) and
 * whether its log is taken.  -1 after a usage error. */
static int parse_offset(struct fit_args *a, const char *arg)
{
	const char *s = arg, *e;
	size_t len;

	while (isspace((unsigned char)*s))
		s++;
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	free(a->offset_col);
	a->offset_col = NULL;
	a->offset_log = 0;
	if (len > 4 && !strncmp(s, "log(", 4) && s[len - 1] == ')') {
		a->offset_log = 1;
		s += 4;
		len -= 5;
		while (len && isspace((unsigned char)*s))
			s++, len--;
		while (len && isspace((unsigned char)s[len - 1]))
			len--;
	}
	for (e = s; e < s + len; e++)
		if (isspace((unsigned char)*e) || strchr("(),~+*:", *e))
			return (ko_cli_usage_error("fit", "--offset takes a column name or log(column), not '%s'", arg), -1);
	if (!len)
		return (ko_cli_usage_error("fit", "--offset takes a column name or log(column), not '%s'", arg), -1);
	a->offset_col = malloc(len + 1);
	if (!a->offset_col)
		return (ko_cli_usage_error("fit", "out of memory"), -1);
	memcpy(a->offset_col, s, len);
	a->offset_col[len] = '\0';
	a->offset = arg;
	return 0;
}

/* What --offset and --zph go with: the offset with logistic, poisson,
 * poisson_rate (which needs it) and cox, each checked against R
 * (tests/reference/fit_offset.R); not with Firth, --profile or --effect
 * rr/rd/paf, which have not been.  --zph with cox only. */
static int check_offset_zph(const struct fit_args *a)
{
	if (a->family->outcome == KO_FAMILY_RATE && !a->offset && !a->surv)
		return ko_cli_usage_error("fit", "--family %s needs --offset \"log(PYEARS)\" (the person-time of each row) or --offset COL (its log), or Surv(time, event) ~ ... (the offset log(time))", a->family->name);
	if (a->offset && a->firth)
		return ko_cli_usage_error("fit", "--offset is not supported with --family firth");
	if (a->offset && a->profile)
		return ko_cli_usage_error("fit", "--offset is not supported with --profile (Wald intervals only)");
	if (a->offset && (a->effects & ~EFFECT_OR))
		return ko_cli_usage_error("fit", "--offset is not supported with --effect rr, rd or paf");
	if (a->zph && a->family->outcome != KO_FAMILY_EVENT_TIME)
		return ko_cli_usage_error("fit", "--zph is only used with --family cox");
	return -1;
}

int fit_parse_args(int argc, char **argv, struct fit_args *a)
{
	static const struct option longopts[] = {
		{ "data", required_argument, NULL, 'd' },
		{ "formula", required_argument, NULL, 'f' },
		{ "weights", required_argument, NULL, 'w' },
		{ "se", required_argument, NULL, 's' },
		{ "cluster", required_argument, NULL, 'c' },
		{ "hc", required_argument, NULL, 'H' },
		{ "firth", no_argument, NULL, 'F' },
		{ "family", required_argument, NULL, 'Y' },
		{ "profile", no_argument, NULL, 'P' },
		{ "level", required_argument, NULL, 'l' },
		{ "tests", required_argument, NULL, 't' },
		{ "hl-groups", required_argument, NULL, 'g' },
		{ "max-iter", required_argument, NULL, 'i' },
		{ "stats", required_argument, NULL, 'o' },
		{ "delimiter", required_argument, NULL, 'D' },
		{ "decimal", required_argument, NULL, 'm' },
		{ "missing", required_argument, NULL, 'M' },
		{ "timing", no_argument, NULL, 'T' },
		{ "threads", required_argument, NULL, 'j' },
		{ "effect", required_argument, NULL, 'E' },
		{ "exposure", required_argument, NULL, 'X' },
		{ "ties", required_argument, NULL, 'R' },
		{ "offset", required_argument, NULL, 'O' },
		{ "zph", no_argument, NULL, 'Z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, w, rc;

	memset(a, 0, sizeof(*a));
	a->level = 0.95;
	a->tests = TESTS_WALD | TESTS_LR;
	a->max_iter = 25;
	a->hl_groups = 10;
	a->decimal = '.';
	opterr = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case 'd': a->data = optarg; break;
		case 'f': a->formula = optarg; break;
		case 'w': a->weights = optarg; break;
		case 'c': a->cluster = optarg; break;
		case 'o': a->stats = optarg; break;
		case 'F':
			if (a->family && a->family != &ko_family_firth)
				return ko_cli_usage_error("fit", "--firth is --family firth, not --family %s", a->family->name);
			a->family = &ko_family_firth;
			break;
		case 'Y': {
			const struct ko_family *fam = ko_family_find(optarg);

			if (!fam) {
				char names[200] = "";
				size_t k;

				for (k = 0; ko_families[k]; k++)
					list_add(names, sizeof(names), ko_families[k]->name,
						 k == 0, !ko_families[k + 1]);
				return ko_cli_usage_error("fit", "--family must be %s, not '%s'", names, optarg);
			}
			if (a->family && a->family != fam)
				return ko_cli_usage_error("fit", "--family %s and --%s%s given together", optarg,
							  a->family == &ko_family_firth ? "firth" : "family ",
							  a->family == &ko_family_firth ? "" : a->family->name);
			a->family = fam;
			break;
		}
		case 'P': a->profile = 1; break;
		case 'T': a->timing = 1; break;
		case 'X': a->exposure = optarg; break;
		case 'R':
			if ((rc = word_option("ties", optarg, ties_words, &a->ties)))
				return rc;
			a->ties_given = 1;
			break;
		case 'E':
			if (parse_effects(optarg, &a->effects))
				return ko_cli_usage_error("fit", "--effect must be a comma-separated list of or, rr, rd, paf, not '%s'", optarg);
			break;
		case 's':
			a->se_given = 1;
			if ((rc = word_option("se", optarg, se_words, &w)))
				return rc;
			a->se = (enum se_type)w;
			break;
		case 'H':
			a->hc_given = 1;
			if ((rc = word_option("hc", optarg, hc_words, &w)))
				return rc;
			a->hc = (enum ko_logit_hc_type)w;
			break;
		case 'l':
			if (parse_level(optarg, &a->level))
				return ko_cli_usage_error("fit", "--level must be a number between 0 and 1, not '%s'", optarg);
			break;
		case 't':
			if (parse_tests(optarg, &a->tests))
				return ko_cli_usage_error("fit", "--tests must be wald,lr, wald, lr or none, not '%s'", optarg);
			break;
		case 'g':
			if ((rc = int_option("hl-groups", optarg, 3, KO_HL_MAX_GROUPS, &a->hl_groups)))
				return rc;
			break;
		case 'i':
			if ((rc = int_option("max-iter", optarg, 1, 10000, &a->max_iter)))
				return rc;
			break;
		case 'j':
			if ((rc = int_option("threads", optarg, 1, 64, &a->threads)))
				return rc;
			break;
		case 'D':
			if (parse_char(optarg, &a->delimiter))
				return ko_cli_usage_error("fit", "--delimiter must be one character, not '%s'", optarg);
			break;
		case 'm':
			if (strcmp(optarg, ".") && strcmp(optarg, ","))
				return ko_cli_usage_error("fit", "--decimal must be . or , not '%s'", optarg);
			a->decimal = optarg[0];
			break;
		case 'M':
			if (a->n_missing == KO_READER_MAX_MISSING)
				return ko_cli_usage_error("fit", "at most %d --missing codes", KO_READER_MAX_MISSING);
			a->missing[a->n_missing++] = optarg;
			break;
		case 'O':
			if (parse_offset(a, optarg) < 0)
				return 2;
			break;
		case 'Z':
			a->zph = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			return KO_EXIT_OK;
		case ':':
			return ko_cli_usage_error("fit", "option '%s' needs a value", argv[optind - 1]);
		default:
			return ko_cli_usage_error("fit", "unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return ko_cli_usage_error("fit", "unexpected argument '%s'", argv[optind]);
	if (!a->data || !a->formula)
		return ko_cli_usage_error("fit", "--data and --formula are required");
	if (a->se == SE_CLUSTER && !a->cluster)
		return ko_cli_usage_error("fit", "--se cluster needs --cluster COL");
	if (a->cluster && a->se != SE_CLUSTER)
		return ko_cli_usage_error("fit", "--cluster is only used with --se cluster");
	if ((a->effects & (EFFECT_RD | EFFECT_PAF)) && !a->exposure)
		return ko_cli_usage_error("fit", "--effect rd and paf need --exposure TERM");
	if (a->exposure && !(a->effects & (EFFECT_RR | EFFECT_RD | EFFECT_PAF)))
		return ko_cli_usage_error("fit", "--exposure is only used with --effect rr, rd or paf");
	/* sandwich's defaults on a glm: sandwich()/vcovHC(type = "HC0") and
	 * vcovCL(), whose type = NULL means HC0 for anything but lm (with
	 * the G / (G - 1) cluster adjustment). */
	if (!a->hc_given)
		a->hc = KO_LOGIT_HC0;
	if (!a->family)
		a->family = &ko_family_logistic;
	a->firth = a->family->penalized;
	/* what the family declares (family.h), as kohort run's config reads
	 * it: modified Poisson's sandwich is the method (Zou 2004), its CIs
	 * Wald, its own effect the risk ratio */
	if (a->family->outcome == KO_FAMILY_BINARY) {
		if (a->family->robust_default && !a->se_given)
			a->se = SE_ROBUST;
		if (a->family->wald_only && a->profile)
			return ko_cli_usage_error("fit", "--profile: the %s family has Wald intervals only", a->family->name);
		if (!a->family->rr_refit && (a->effects & EFFECT_RR))
			return ko_cli_usage_error("fit", "--effect rr: the %s family's own effect is the %s", a->family->name, a->family->effect_name);
	}
	if (a->ties_given && a->family->outcome != KO_FAMILY_EVENT_TIME)
		return ko_cli_usage_error("fit", "--ties is only used with --family cox");
	if (parse_surv(a) < 0)
		return 2;
	if (a->family->outcome == KO_FAMILY_EVENT_TIME) {
		const char *name = a->family->name;

		if (!a->surv)
			return ko_cli_usage_error("fit", "--family %s needs Surv(time, event) ~ ... or Surv(start, stop, event) ~ ... as the formula", name);
		if (a->hc == KO_LOGIT_HC1)
			return ko_cli_usage_error("fit", "--hc HC1: the %s family's robust and cluster SEs are coxph's, without a small-sample factor (HC0)", name);
		if (a->profile)
			return ko_cli_usage_error("fit", "--profile: the %s family has Wald intervals only (as coxph)", name);
		if (a->effects & ~EFFECT_OR)
			return ko_cli_usage_error("fit", "--effect rr, rd and paf are risks of a 0/1 outcome: the %s family's effect is the %s", name, a->family->effect_name);
	} else if (a->surv && a->family->outcome == KO_FAMILY_RATE) {
		/* the rate of events per unit of Surv()'s time: glm(event ~
		 * ..., poisson, offset = log(time)), or log(stop - start) */
		if (a->offset)
			return ko_cli_usage_error("fit", "--family %s with a Surv() outcome: the person-time is Surv()'s (the offset log(time), or log(stop - start)); leave out --offset, or write \"event ~ ...\" with --offset \"log(PYEARS)\"", a->family->name);
		if (a->n_strata)
			return ko_cli_usage_error("fit", "--family %s: strata() is a Cox term (a baseline hazard per level); write the variable as a term, factor(%s)", a->family->name, a->strata[0]);
	} else if (a->surv) {
		char names[200] = "";
		size_t k, n = 0, m = 0;

		/* the registry's families fitted on event times or rates */
		for (k = 0; ko_families[k]; k++)
			n += ko_families[k]->outcome != KO_FAMILY_BINARY;
		for (k = 0; ko_families[k]; k++) {
			if (ko_families[k]->outcome == KO_FAMILY_BINARY)
				continue;
			strncat(names, m ? (m + 1 < n ? ", " : " or ") : "",
				sizeof(names) - strlen(names) - 1);
			strncat(names, ko_families[k]->name,
				sizeof(names) - strlen(names) - 1);
			m++;
		}
		return ko_cli_usage_error("fit", "a Surv() outcome needs --family %s", names);
	}
	return check_offset_zph(a);
}
void fit_release_args(struct fit_args *a)
{
	size_t k;

	free(a->surv_text);
	free(a->offset_col);
	for (k = 0; k < a->n_strata; k++)
		free(a->strata[k]);
}
