/*
 * cmd_fit.c - `kohort fit`: one logistic model on any CSV extract.
 *
 * Steps: parse options and the formula; read the data and build the
 * design (fit_data.c); fit and choose the covariance (stats/analysis.c's
 * ko_analysis_run); print the coefficient table, the model statistics and
 * the joint term tests as CSV.  See docs/fit.md.
 */
#include "cli.h"
#include "fit_impl.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <gsl/gsl_matrix.h>

#include "analysis.h"
#include "anova.h"
#include "ci.h"
#include "cox.h"
#include "design.h"
#include "discrim.h"
#include "escape.h"
#include "formula.h"
#include "logit.h"
#include "margins.h"
#include "outfile.h"
#include "par.h"
#include "poisson.h"
#include "reader.h"

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
	"                       offset(log(pyears)): poisson_rate needs it\n"
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

static int parse_positive(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
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
	if (a->family == &ko_family_poisson_rate && !a->offset)
		return ko_cli_usage_error("fit", "--family poisson_rate needs --offset \"log(PYEARS)\" (the person-time of each row) or --offset COL (its log)");
	if (a->offset && a->firth)
		return ko_cli_usage_error("fit", "--offset is not supported with --family firth");
	if (a->offset && a->profile)
		return ko_cli_usage_error("fit", "--offset is not supported with --profile (Wald intervals only)");
	if (a->offset && (a->effects & ~EFFECT_OR))
		return ko_cli_usage_error("fit", "--offset is not supported with --effect rr, rd or paf");
	if (a->zph && a->family != &ko_family_cox)
		return ko_cli_usage_error("fit", "--zph is only used with --family cox");
	return -1;
}

static int parse_args(int argc, char **argv, struct fit_args *a)
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
	int c;

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

				for (k = 0; ko_families[k]; k++) {
					strncat(names, k ? (ko_families[k + 1] ? ", " : " or ") : "",
						sizeof(names) - strlen(names) - 1);
					strncat(names, ko_families[k]->name,
						sizeof(names) - strlen(names) - 1);
				}
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
			if (!strcmp(optarg, "efron"))
				a->ties = KO_FAMILY_TIES_EFRON;
			else if (!strcmp(optarg, "breslow"))
				a->ties = KO_FAMILY_TIES_BRESLOW;
			else
				return ko_cli_usage_error("fit", "--ties must be efron or breslow, not '%s'", optarg);
			a->ties_given = 1;
			break;
		case 'E':
			if (parse_effects(optarg, &a->effects))
				return ko_cli_usage_error("fit", "--effect must be a comma-separated list of or, rr, rd, paf, not '%s'", optarg);
			break;
		case 's':
			a->se_given = 1;
			if (!strcmp(optarg, "model"))
				a->se = SE_MODEL;
			else if (!strcmp(optarg, "robust"))
				a->se = SE_ROBUST;
			else if (!strcmp(optarg, "cluster"))
				a->se = SE_CLUSTER;
			else
				return ko_cli_usage_error("fit", "--se must be model, robust or cluster, not '%s'", optarg);
			break;
		case 'H':
			a->hc_given = 1;
			if (!strcmp(optarg, "HC0"))
				a->hc = KO_LOGIT_HC0;
			else if (!strcmp(optarg, "HC1"))
				a->hc = KO_LOGIT_HC1;
			else
				return ko_cli_usage_error("fit", "--hc must be HC0 or HC1, not '%s'", optarg);
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
			if (parse_positive(optarg, 3, KO_HL_MAX_GROUPS, &a->hl_groups))
				return ko_cli_usage_error("fit", "--hl-groups must be 3 to %d, not '%s'", KO_HL_MAX_GROUPS, optarg);
			break;
		case 'i':
			if (parse_positive(optarg, 1, 10000, &a->max_iter))
				return ko_cli_usage_error("fit", "--max-iter must be 1 to 10000, not '%s'", optarg);
			break;
		case 'j':
			if (parse_positive(optarg, 1, 64, &a->threads))
				return ko_cli_usage_error("fit", "--threads must be 1 to 64, not '%s'", optarg);
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
	a->firth = a->family == &ko_family_firth;
	if (a->family == &ko_family_poisson) {
		/* modified Poisson: the sandwich is the method (Zou 2004) */
		if (!a->se_given)
			a->se = SE_ROBUST;
		if (a->profile)
			return ko_cli_usage_error("fit", "--profile: the poisson family has Wald intervals only");
		if (a->effects & EFFECT_RR)
			return ko_cli_usage_error("fit", "--effect rr: the poisson family's own effect is the risk ratio");
	}
	if (a->ties_given && a->family != &ko_family_cox)
		return ko_cli_usage_error("fit", "--ties is only used with --family cox");
	if (parse_surv(a) < 0)
		return 2;
	if (a->family == &ko_family_cox) {
		if (!a->surv)
			return ko_cli_usage_error("fit", "--family cox needs Surv(time, event) ~ ... or Surv(start, stop, event) ~ ... as the formula");
		if (a->hc == KO_LOGIT_HC1)
			return ko_cli_usage_error("fit", "--hc HC1: the cox family's robust and cluster SEs are coxph's, without a small-sample factor (HC0)");
		if (a->profile)
			return ko_cli_usage_error("fit", "--profile: the cox family has Wald intervals only (as coxph)");
		if (a->effects & ~EFFECT_OR)
			return ko_cli_usage_error("fit", "--effect rr, rd and paf are risks of a 0/1 outcome: the cox family's effect is the hazard ratio");
	} else if (a->surv) {
		return ko_cli_usage_error("fit", "a Surv() outcome needs --family cox");
	}
	return check_offset_zph(a);
}

/* ---- output --------------------------------------------------------- */

/* A CSV field (escape.h: quoted as needed, formulas neutralised). */
static void put_field(FILE *out, const char *s)
{
	ko_csv_put(out, s, KO_CSV_SAFE);
}

static void put_num(FILE *out, double v)
{
	ko_num_put(out, v, "NA", 17, 0);
}

struct results {
	const struct ko_design *d;
	const struct ko_family_fit *fit;
	struct ko_family_stats fs;
	const double *se;         /* chosen SEs */
	const double *conf_low, *conf_high; /* log-odds scale */
	const double *p_value;
	const char *se_label, *ci_label;
	struct ko_term_test *tests;
	int tests_done, lr_done;
	struct ko_auc auc;
	int auc_ok;
	char auc_note[160];
	struct ko_hoslem hl;
	int hl_ok;
	char hl_note[160];
	double events;
	size_t n_read;
	int effects;                        /* --effect bits */
	const struct ko_analysis_rr *pois;  /* rr: modified Poisson */
	const struct ko_margins *margins;   /* standardised risks */
	const struct exposure_plan *xp;
	enum ko_logit_hc_type effects_hc;
	char successes_note[256];           /* R's non-integer #successes */
	int surv;                           /* cox: Surv() arguments */
	int ties;                           /* cox: KO_FAMILY_TIES_* */
	const struct ko_cox_zph *zph;       /* --zph, or NULL */
};

/* The modified Poisson columns of coefficient j (NaN when aliased). */
static void put_rr_columns(FILE *out, const struct ko_analysis_rr *pf, size_t j)
{
	const double v[] = { pf->rr[j], pf->rr_low[j], pf->rr_high[j],
			     pf->inf.se[j], pf->inf.p[j] };
	size_t k;

	for (k = 0; k < sizeof v / sizeof v[0]; k++) {
		fputc(',', out);
		put_num(out, v[k]);
	}
}

static void print_coefficients(FILE *out, const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	size_t j;

	fprintf(out, "term,estimate,std_error,statistic,p_value,%s,conf_low,conf_high,conf_low_log,conf_high_log",
		fit->family->effect_column);
	fputs(res->pois ? ",risk_ratio,rr_conf_low,rr_conf_high,rr_std_error,rr_p_value\n" : "\n", out);
	for (j = 0; j < res->d->p; j++) {
		double b = fit->aliased[j] ? NAN : fit->coef[j];
		double se = fit->aliased[j] ? NAN : res->se[j];

		put_field(out, res->d->names[j]);
		fputc(',', out);
		put_num(out, b);
		fputc(',', out);
		put_num(out, se);
		fputc(',', out);
		put_num(out, fit->aliased[j] ? NAN : b / se);
		fputc(',', out);
		put_num(out, fit->aliased[j] ? NAN : res->p_value[j]);
		fputc(',', out);
		put_num(out, exp(b));
		fputc(',', out);
		put_num(out, fit->aliased[j] ? NAN : exp(res->conf_low[j]));
		fputc(',', out);
		put_num(out, fit->aliased[j] ? NAN : exp(res->conf_high[j]));
		/* the CI on the log-odds scale too (broom's tidy() without
		 * exponentiate): beyond +-709 the odds-ratio scale is 0/Inf */
		fputc(',', out);
		put_num(out, fit->aliased[j] ? NAN : res->conf_low[j]);
		fputc(',', out);
		put_num(out, fit->aliased[j] ? NAN : res->conf_high[j]);
		if (res->pois)
			put_rr_columns(out, res->pois, j);
		fputc('\n', out);
	}
}

static void stat_num(FILE *out, const char *name, double v)
{
	fprintf(out, "%s,", name);
	put_num(out, v);
	fputc('\n', out);
}

static void stat_text(FILE *out, const char *name, const char *v)
{
	fprintf(out, "%s,", name);
	put_field(out, v);
	fputc('\n', out);
}

static void warning_row(void *ctx, const char *msg)
{
	stat_text(ctx, "warning", msg);
}

/* The fit's warnings as rows (analysis.h words those the model stage
 * shares). */
static void print_warnings(FILE *out, const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	const char *const *names = (const char *const *)res->d->names;
	char msg[512];

	fit->family->warnings(fit, names, KO_WARN_CONVERGE | KO_WARN_FITTED,
			      warning_row, out);
	if (res->successes_note[0]) {
		snprintf(msg, sizeof(msg), "non-integer #successes in a binomial glm (%s)",
			 res->successes_note);
		stat_text(out, "warning", msg);
	}
	if (res->fs.separation)
		stat_text(out, "warning", fit->family->penalized
			  ? "(quasi-)complete separation: maximum likelihood estimates would not exist for the coefficients named below; the Firth estimates are finite"
			  : "(quasi-)complete separation: maximum likelihood estimates do not exist for the coefficients named below; consider --firth");
	fit->family->warnings(fit, names, KO_WARN_COEF, warning_row, out);
}

/* The estimator's name in the statistics: ML logistic regression is
 * "ml" (as before families), the others their family's name. */
static const char *estimator_name(const struct ko_family *fam)
{
	return fam == &ko_family_logistic ? "ml" : fam->name;
}

static void print_stats(FILE *out, const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	const struct ko_family_stats *fs = &res->fs;
	const struct ko_design *d = res->d;

	fputs("statistic,value\n", out);
	stat_num(out, "n_read", (double)res->n_read);
	stat_num(out, "n_dropped_missing", (double)d->n_missing);
	stat_num(out, "n_used", (double)fit->n_used);
	stat_num(out, "events", res->events);
	stat_num(out, "n_coefficients", (double)d->p);
	stat_num(out, "rank", (double)fit->rank);
	stat_text(out, "estimator", estimator_name(fit->family));
	stat_text(out, "se_type", res->se_label);
	stat_text(out, "ci_method", res->ci_label);
	fprintf(out, "level,%.15g\n", fit->level);
	stat_num(out, "deviance", fs->deviance);
	stat_num(out, "null_deviance", fs->null_deviance);
	stat_num(out, "df_residual", fs->df_residual);
	stat_num(out, "df_null", fs->df_null);
	stat_num(out, "loglik", fs->loglik);
	if (res->surv) /* coxph: the partial likelihood at 0, fit$loglik[1] */
		stat_num(out, "null_loglik", fs->null_loglik);
	stat_num(out, "aic", fs->aic);
	stat_num(out, "bic", fs->bic);
	if (res->surv) {
		stat_text(out, "ties", res->ties == KO_FAMILY_TIES_BRESLOW ? "breslow" : "efron");
		stat_num(out, "concordance", fs->concordance);
	}
	stat_num(out, "iterations", fs->iterations);
	stat_num(out, "converged", fs->converged);
	stat_num(out, "fitted_0_or_1", (double)fs->fitted_boundary);
	stat_num(out, "separation_checked", fs->separation_checked);
	stat_num(out, "separation", fs->separation);
	stat_num(out, "auc", res->auc_ok ? res->auc.auc : NAN);
	stat_num(out, "auc_se", res->auc_ok ? res->auc.se : NAN);
	stat_num(out, "auc_conf_low", res->auc_ok ? res->auc.conf_low : NAN);
	stat_num(out, "auc_conf_high", res->auc_ok ? res->auc.conf_high : NAN);
	if (!res->auc_ok)
		stat_text(out, "auc_note", res->auc_note);
	stat_num(out, "hl_chisq", res->hl_ok ? res->hl.chisq : NAN);
	stat_num(out, "hl_df", res->hl_ok ? res->hl.df : NAN);
	stat_num(out, "hl_p_value", res->hl_ok ? res->hl.p_value : NAN);
	stat_num(out, "hl_groups", res->hl_ok ? (double)res->hl.n_groups : NAN);
	if (!res->hl_ok)
		stat_text(out, "hl_note", res->hl_note);
	print_warnings(out, res);
}

static void print_tests(FILE *out, const struct results *res)
{
	size_t t;

	fputs("term,df,wald_chisq,wald_p_value,lr_df,lr_chisq,lr_p_value\n", out);
	for (t = 0; t < res->d->n_terms; t++) {
		const struct ko_term_test *tt = &res->tests[t];

		put_field(out, tt->label);
		fputc(',', out);
		put_num(out, tt->df);
		fputc(',', out);
		put_num(out, tt->wald_chisq);
		fputc(',', out);
		put_num(out, tt->wald_p_value);
		fputc(',', out);
		put_num(out, tt->lr_df);
		fputc(',', out);
		put_num(out, tt->lr_chisq);
		fputc(',', out);
		put_num(out, tt->lr_p_value);
		fputc('\n', out);
	}
}

/* cox.zph's table: one row per term and GLOBAL, as R prints it. */
static void print_zph(FILE *out, const struct results *res)
{
	const struct ko_cox_zph *z = res->zph;
	size_t t;

	fputs("term,chisq,df,p_value\n", out);
	for (t = 0; t <= z->n_terms; t++) {
		put_field(out, t < z->n_terms ? res->d->term_labels[t] : "GLOBAL");
		fputc(',', out);
		put_num(out, z->chisq[t]);
		fputc(',', out);
		put_num(out, z->df[t]);
		fputc(',', out);
		put_num(out, z->p_value[t]);
		fputc('\n', out);
	}
}

/* ---- effects (--effect rr, rd, paf) ----------------------------------- */

/* The standardised risks per exposure level: crude n, events and risk,
 * adjusted (standardised) risk, and the contrasts asked for. */
static void print_margins(FILE *out, const struct results *res)
{
	const struct ko_margins *m = res->margins;
	int rr = (res->effects & EFFECT_RR) != 0, rd = (res->effects & EFFECT_RD) != 0;
	size_t k;

	fputs("exposure,level,n,events,crude_risk,adjusted_risk,adjusted_conf_low,adjusted_conf_high", out);
	if (rr)
		fputs(",risk_ratio,rr_conf_low,rr_conf_high", out);
	if (rd)
		fputs(",risk_difference,rd_conf_low,rd_conf_high", out);
	fputc('\n', out);
	for (k = 0; k < m->n_levels; k++) {
		const double v[] = { m->n[k], m->events[k], m->crude_risk[k], m->risk[k],
				     m->risk_low[k], m->risk_high[k] };
		size_t c;

		put_field(out, res->xp->label);
		fputc(',', out);
		put_field(out, res->xp->labels[k]);
		for (c = 0; c < sizeof v / sizeof v[0]; c++) {
			fputc(',', out);
			put_num(out, v[c]);
		}
		if (rr) {
			fputc(',', out);
			put_num(out, m->rr[k]);
			fputc(',', out);
			put_num(out, m->rr_low[k]);
			fputc(',', out);
			put_num(out, m->rr_high[k]);
		}
		if (rd) {
			fputc(',', out);
			put_num(out, m->rd[k]);
			fputc(',', out);
			put_num(out, m->rd_low[k]);
			fputc(',', out);
			put_num(out, m->rd_high[k]);
		}
		fputc('\n', out);
	}
}

static void print_paf(FILE *out, const struct results *res)
{
	const struct ko_margins *m = res->margins;
	const double v[] = { m->paf, m->paf_low, m->paf_high, m->observed_risk,
			     m->risk[0], m->events_total, m->attributable,
			     m->attributable_low, m->attributable_high };
	size_t c;

	fputs("exposure,reference,paf,paf_conf_low,paf_conf_high,observed_risk,"
	      "risk_all_reference,events,attributable_cases,attributable_conf_low,"
	      "attributable_conf_high\n", out);
	put_field(out, res->xp->label);
	fputc(',', out);
	put_field(out, res->xp->labels[0]);
	for (c = 0; c < sizeof v / sizeof v[0]; c++) {
		fputc(',', out);
		put_num(out, v[c]);
	}
	fputc('\n', out);
}

/* 1 when coefficient j's modified Poisson estimate tends to -Inf: the
 * logistic fit is separated towards -Inf there (a level or pattern
 * without events), and so is the Poisson likelihood, though glm stops
 * near -20 and reports convergence, its fitted risks (1e-9..1e-7) not
 * always below KO_POISSON_FITTED_0. */
static int rr_no_events(const struct ko_family_fit *fit,
			const struct ko_analysis_rr *pf, size_t j)
{
	return pf && fit->separated && !pf->fit->aliased[j] &&
	       fit->separated[j] == -1;
}

/* Rows of the statistics table about the effect models. */
static void print_effect_stats(FILE *out, const struct results *res)
{
	const struct ko_analysis_rr *pf = res->pois;
	const struct ko_family_stats *ps = pf ? &pf->stats : NULL;
	char msg[256];
	size_t j;

	if (res->margins)
		stat_text(out, "margins_ci", "delta method; RR on the log scale, PAF on log(1 - PAF)");
	if (!pf)
		return;
	stat_text(out, "rr_model", "modified poisson (log link)");
	stat_text(out, "rr_se_type", pf->cluster
		  ? (res->effects_hc == KO_LOGIT_HC0 ? "cluster HC0" : "cluster HC1")
		  : (res->effects_hc == KO_LOGIT_HC0 ? "robust HC0" : "robust HC1"));
	stat_num(out, "rr_deviance", ps->deviance);
	stat_num(out, "rr_iterations", ps->iterations);
	stat_num(out, "rr_converged", ps->converged);
	stat_num(out, "rr_fitted_risk_above_1", (double)ps->fitted_above_1);
	stat_num(out, "rr_fitted_risk_0", (double)ps->fitted_boundary);
	if (!ps->converged) {
		snprintf(msg, sizeof(msg), "the modified Poisson fit did not converge in %d iterations: its risk ratios are not estimates",
			 ps->iterations);
		stat_text(out, "warning", msg);
	}
	if (ps->fitted_boundary) {
		snprintf(msg, sizeof(msg), "modified Poisson: fitted risks below 1e-8 in %zu rows: a coefficient may tend to -Inf (a covariate pattern without events); R's glm reports convergence here",
			 ps->fitted_boundary);
		stat_text(out, "warning", msg);
	}
	if (ps->fitted_above_1) {
		snprintf(msg, sizeof(msg), "modified Poisson: fitted risks above 1 in %zu rows",
			 ps->fitted_above_1);
		stat_text(out, "warning", msg);
	}
	for (j = 0; j < pf->fit->p; j++)
		if (rr_no_events(res->fit, pf, j)) {
			snprintf(msg, sizeof(msg), "modified Poisson: %s: no events, the estimate tends to -Inf (its risk ratio is not an estimate)",
				 res->d->names[j]);
			stat_text(out, "warning", msg);
		}
}

/* --effect rr and rd/paf as the analysis made them (analysis.h): a fit
 * or standardisation that could not be made stops kohort fit; the
 * modified Poisson fit's warnings go to standard error. */
static enum ko_status effects_check(const struct fit_args *a,
				    const struct ko_design *d,
				    const struct ko_analysis *an,
				    struct ko_err *err)
{
	const struct ko_analysis_rr *pf = &an->rr;
	size_t c;

	if (an->rr_status)
		return ko_err_set(err, an->rr_status, "%s", an->rr_msg);
	if (an->margins_aliased >= 0)
		return ko_err_set(err, KO_ERR_DATA, "--exposure %s: column %s is aliased",
				  a->exposure, d->names[an->margins_aliased]);
	if (an->margins_status)
		return ko_err_set(err, an->margins_status, "%s", an->margins_msg);
	if (!pf->fit)
		return KO_OK;
	if (!pf->stats.converged)
		fprintf(stderr, "kohort fit: warning: the modified Poisson fit did not converge in %d iterations\n",
			pf->stats.iterations);
	if (pf->stats.fitted_boundary)
		fprintf(stderr, "kohort fit: warning: modified Poisson: fitted risks numerically 0 in %zu rows; see the warning rows\n",
			pf->stats.fitted_boundary);
	for (c = 0; c < pf->fit->p; c++)
		if (rr_no_events(an->fit, pf, c))
			fprintf(stderr, "kohort fit: warning: modified Poisson: %s: no events, the estimate tends to -Inf (its risk ratio is not an estimate)\n",
				d->names[c]);
	return KO_OK;
}

/* ---- the model ------------------------------------------------------ */

/* Step timings for --timing (wall clock, to stderr). */
struct timer {
	int on;
	struct timespec last, last_cpu;
};

static double seconds_between(const struct timespec *a,
			      const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) +
	       (double)(b->tv_nsec - a->tv_nsec) * 1e-9;
}

static void timer_start(struct timer *tm, int on)
{
	tm->on = on;
	clock_gettime(CLOCK_MONOTONIC, &tm->last);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &tm->last_cpu);
}

/* Wall and CPU (all threads) time since the last lap. */
static void timer_lap(struct timer *tm, const char *step)
{
	struct timespec now, cpu;

	if (!tm->on)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
	fprintf(stderr, "kohort fit: %-8s %8.3f s wall %8.3f s cpu\n", step,
		seconds_between(&tm->last, &now),
		seconds_between(&tm->last_cpu, &cpu));
	tm->last = now;
	tm->last_cpu = cpu;
}

/* AUC and Hosmer-Lemeshow (analysis.h, side by side on two threads) need
 * 0/1 outcomes without weights: dc NULL then. */
static void discrimination(const struct ko_discrimination *dc,
			   struct results *res)
{
	if (!dc) {
		snprintf(res->auc_note, sizeof(res->auc_note),
			 "not computed with prior weights");
		snprintf(res->hl_note, sizeof(res->hl_note),
			 "not computed with prior weights");
		return;
	}
	res->auc = dc->auc;
	res->auc_ok = dc->auc_ok;
	res->hl = dc->hl;
	res->hl_ok = dc->hl_ok;
	if (!res->auc_ok)
		snprintf(res->auc_note, sizeof(res->auc_note), "%.150s",
			 dc->auc_note);
	if (!res->hl_ok)
		snprintf(res->hl_note, sizeof(res->hl_note), "%.150s",
			 dc->hl_note);
}

/* The SE type of the options, as the family seam's. */
static enum ko_family_se se_of(const struct fit_args *a)
{
	return a->se == SE_MODEL ? KO_FAMILY_SE_MODEL
	       : a->se == SE_ROBUST ? KO_FAMILY_SE_ROBUST : KO_FAMILY_SE_CLUSTER;
}

/* The chosen inference (analysis.h: robust and cluster SEs give Wald
 * p-values and, without --profile, Wald CIs) and its labels. */
static void inference_labels(const struct fit_args *a,
			     const struct ko_analysis *an, struct results *res)
{
	const struct ko_family_fit *fit = an->fit;

	res->ci_label = fit->ci_profile ? (fit->family == &ko_family_firth ? "profile penalized likelihood" : "profile likelihood") : "wald";
	res->se = an->inf.se;
	res->p_value = an->inf.p;
	res->conf_low = an->inf.lo;
	res->conf_high = an->inf.hi;
	if (se_of(a) == KO_FAMILY_SE_MODEL) {
		res->se_label = "model";
		return;
	}
	res->se_label = a->se == SE_ROBUST
		? (a->hc == KO_LOGIT_HC0 ? "robust HC0" : "robust HC1")
		: (a->hc == KO_LOGIT_HC0 ? "cluster HC0" : "cluster HC1");
	if (!fit->ci_profile)
		res->ci_label = "wald (robust SE)";
}

/* --stats FILE is written to a temporary file beside FILE and renamed into
 * place when complete (outfile.h), so a failed run leaves no part of it.
 * It is opened before the data are read: a bad path fails at once, with
 * nothing on standard output.  The folder must exist (not created for a
 * typed path), and FILE must not be a folder (the rename would fail only
 * after the fit).  FILE must not be the --data file itself (the same
 * inode: a hard link, a symbolic link or another spelling of its path),
 * which the rename would replace. */
static enum ko_status open_stats(const char *path, const char *data,
				 struct ko_outfile *out, struct ko_err *err)
{
	struct stat sb, db;

	if (!stat(path, &sb) && S_ISDIR(sb.st_mode))
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "cannot write: %s", strerror(EISDIR));
	if (!stat(path, &sb) && data && !stat(data, &db) &&
	    sb.st_dev == db.st_dev && sb.st_ino == db.st_ino)
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "cannot write --stats: it is the --data file "
				 "%s (the same file), which would be "
				 "overwritten; give another path", data);
	return ko_outfile_open(out, path, KO_OUTFILE_NO_PARENTS, err);
}

static void print_stats_tables(FILE *out, const struct results *res)
{
	print_stats(out, res);
	print_effect_stats(out, res);
	if (res->tests_done) {
		fputc('\n', out);
		print_tests(out, res);
	}
	if (res->zph) {
		fputc('\n', out);
		print_zph(out, res);
	}
	if (res->margins) {
		fputc('\n', out);
		print_margins(out, res);
	}
	if (res->margins && (res->effects & EFFECT_PAF)) {
		fputc('\n', out);
		print_paf(out, res);
	}
}

/* The coefficients to standard output; the other tables after them, or
 * to --stats (stats: open, from open_stats), which is committed first so
 * that its failure leaves nothing on standard output. */
static enum ko_status write_outputs(const struct results *res,
				    struct ko_outfile *stats,
				    struct ko_err *err)
{
	int to_file = stats->fp != NULL;
	enum ko_status st;

	if (to_file) {
		print_stats_tables(stats->fp, res);
		if ((st = ko_outfile_commit(stats, err)))
			return st;
	}
	print_coefficients(stdout, res);
	if (!to_file) {
		fputc('\n', stdout);
		print_stats_tables(stdout, res);
	}
	if (fflush(stdout))
		return ko_err_set(err, KO_ERR_IO, "cannot write standard output: %s",
				  strerror(errno));
	return KO_OK;
}

enum flagged { FLAG_ALIASED, FLAG_SEPARATED, FLAG_PROFILE_NA };

static int is_flagged(const struct ko_family_fit *fit, size_t j, enum flagged what)
{
	if (what == FLAG_ALIASED)
		return fit->aliased[j];
	if (what == FLAG_PROFILE_NA)
		return ko_family_profile_missing(fit, j) != NULL;
	return fit->separated && fit->separated[j] != 0;
}

/* The names of the aliased or separated coefficients, for one short line
 * on standard error: the first three at most (fewer once the list passes
 * 60 characters), then "and N more".  Returns how many there are. */
static size_t flagged_names(const struct ko_family_fit *fit,
			    const struct ko_design *d, enum flagged what,
			    char *buf, size_t size)
{
	size_t j, n = 0, shown = 0, used = 0;

	buf[0] = '\0';
	for (j = 0; j < d->p; j++) {
		int len;

		if (!is_flagged(fit, j, what))
			continue;
		n++;
		if (shown == 3 || (shown && used > 60))
			continue;
		len = snprintf(buf + used, size - used, "%s%s", shown ? ", " : "",
			       d->names[j]);
		if (len < 0 || (size_t)len >= size - used)
			continue; /* too long to show: counted in "more" */
		used += (size_t)len;
		shown++;
	}
	if (n > shown)
		snprintf(buf + used, size - used, "%sand %zu more",
			 shown ? " " : "", n - shown);
	return n;
}

/* R's binomial family warns "non-integer #successes in a binomial glm!"
 * when some row's weight x outcome is more than 0.001 from a whole number
 * (binomial()$initialize; a row of weight 0 has 0 successes): a proportion
 * without --weights, or weights that do not make it a count.  The note
 * says which; empty when R would not warn. */
static void successes_note(const struct ko_design *d, const double *w,
			   const char *response, const char *weights,
			   char *note, size_t size)
{
	size_t i, n = 0;

	note[0] = '\0';
	for (i = 0; i < d->n; i++) {
		double m = w ? (w[i] == 0 ? 0 : w[i] * d->y[i]) : d->y[i];

		if (fabs(m - nearbyint(m)) > 0.001)
			n++;
	}
	if (!n)
		return;
	if (!w)
		snprintf(note, size, "outcome %.60s has values other than 0 and 1 and no --weights",
			 response);
	else
		snprintf(note, size, "--weights %.60s times outcome %.60s is not a whole number in %zu %s",
			 weights, response, n, n == 1 ? "row" : "rows");
}

static void warn_line(void *ctx, const char *msg)
{
	(void)ctx;
	fprintf(stderr, "kohort fit: warning: %s\n", msg);
}

/* R's warnings, and which coefficients they are about. */
static void warn_stderr(const struct results *res)
{
	const struct ko_family_fit *fit = res->fit;
	const struct ko_family_stats *fs = &res->fs;
	const struct ko_design *d = res->d;
	char names[256];
	size_t n;

	if (!fs->converged)
		fprintf(stderr, "kohort fit: warning: the fit did not converge in %d iterations\n",
			fs->iterations);
	if (res->successes_note[0])
		fprintf(stderr, "kohort fit: warning: non-integer #successes in a binomial glm (%s)\n",
			res->successes_note);
	if (fs->fitted_boundary && fit->family->mean == ko_family_logit_mean)
		fprintf(stderr, "kohort fit: warning: fitted probabilities numerically 0 or 1 occurred (%zu rows)\n",
			fs->fitted_boundary);
	else if (fs->fitted_boundary)
		fit->family->warnings(fit, (const char *const *)d->names,
				      KO_WARN_FITTED, warn_line, NULL);
	if (fs->separation && !fit->family->penalized) {
		n = flagged_names(fit, d, FLAG_SEPARATED, names, sizeof(names));
		if (n)
			fprintf(stderr, "kohort fit: warning: (quasi-)complete separation: %s %s may be infinite; see the warning rows\n",
				n == 1 ? "coefficient" : "coefficients", names);
		else
			fprintf(stderr, "kohort fit: warning: (quasi-)complete separation: estimates of separated coefficients are not finite; see the warning rows\n");
	}
	n = flagged_names(fit, d, FLAG_PROFILE_NA, names, sizeof(names));
	if (n)
		fprintf(stderr, "kohort fit: warning: a profile-likelihood interval end could not be found (NA) for %s; see the warning rows\n",
			names);
	if (fit->rank < fit->p) {
		n = flagged_names(fit, d, FLAG_ALIASED, names, sizeof(names));
		fprintf(stderr, "kohort fit: warning: %zu %s not defined because of singularities (aliased): %s\n",
			n, n == 1 ? "coefficient" : "coefficients", names);
	}
}

static void lap(void *ctx, const char *step)
{
	timer_lap(ctx, step);
}

/* The Cox model has no intercept: d without its column 0 (built with one,
 * so that factors are coded with R's treatment contrasts, as coxph's
 * model matrix is before it drops the intercept).  dc borrows d's names
 * and labels; x and term_first are new (the caller frees them). */
static enum ko_status drop_intercept(const struct ko_design *d,
				     struct ko_design *dc, struct ko_err *err)
{
	size_t i, j, q = d->p - 1;

	*dc = *d;
	dc->p = q;
	dc->intercept = 0;
	dc->names = d->names + 1;
	dc->x = malloc((d->n && q ? d->n * q : 1) * sizeof(*dc->x));
	dc->term_first = malloc((d->n_terms ? d->n_terms : 1) * sizeof(*dc->term_first));
	if (!dc->x || !dc->term_first)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (i = 0; i < d->n; i++)
		for (j = 0; j < q; j++)
			dc->x[i * q + j] = d->x[i * d->p + j + 1];
	for (j = 0; j < d->n_terms; j++)
		dc->term_first[j] = d->term_first[j] - 1;
	return KO_OK;
}

/* cox.zph of the Cox fit on data (d's columns, no intercept): each
 * column's term from the design. */
static enum ko_status cox_zph(const struct ko_design *d,
			      const struct ko_family_data *data,
			      const struct ko_family_fit *fit,
			      struct ko_cox_zph *out, struct ko_err *err)
{
	size_t *term = malloc((d->p ? d->p : 1) * sizeof(*term)), t, j;
	enum ko_status st;

	if (!term)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (t = 0; t < d->n_terms; t++)
		for (j = 0; j < d->term_ncols[t]; j++)
			term[d->term_first[t] + j] = t;
	st = ko_family_cox_zph(data, fit, term, d->n_terms, out, err);
	free(term);
	return st;
}

/* The analysis (analysis.h, as the model stage's) of the design with the
 * options, printed. */
static enum ko_status run_model(const struct fit_args *a,
				const struct ko_formula *f,
				const struct ko_design *d,
				const struct extras *e, size_t n_read,
				const struct exposure_plan *xp,
				struct timer *tm, struct ko_outfile *stats,
				struct ko_err *err)
{
	struct ko_family_data data;
	struct ko_analysis_request rq;
	struct ko_analysis an;
	struct results res;
	struct ko_design dc;
	struct ko_cox_zph zph;
	enum ko_status st;
	size_t i;

	memset(&dc, 0, sizeof(dc));
	memset(&zph, 0, sizeof(zph));
	memset(&an, 0, sizeof(an));
	memset(&res, 0, sizeof(res));
	memset(&rq, 0, sizeof(rq));
	rq.family = a->family;
	ko_logit_options_init(&rq.opt);
	rq.opt.max_iter = a->max_iter;
	rq.opt.firth = a->firth;
	rq.opt.level = a->level;
	/* logistf's defaults for Firth: profile penalized-likelihood CIs and
	 * penalized LR p-values */
	if (a->profile || a->firth)
		rq.opt.profile = 1;
	if (a->firth)
		rq.opt.lr_tests = 1;
	/* the LR refits from the full fit: fewer passes (docs/fit.md) */
	rq.opt.lr_warm_start = 1;
	rq.se = se_of(a);
	rq.hc = a->hc;
	rq.cluster = e->cluster;
	rq.level = a->level;
	rq.rr = (a->effects & EFFECT_RR) != 0;
	rq.exposure = xp->on ? &xp->ex : NULL;
	rq.tests = (a->tests & TESTS_WALD ? KO_ANALYSIS_TESTS_WALD : 0) |
		   (a->tests & TESTS_LR ? KO_ANALYSIS_TESTS_LR : 0);
	rq.discrimination = !e->w && !a->surv && a->family != &ko_family_poisson_rate;
	rq.opt.ties = a->ties;
	rq.hl_groups = a->hl_groups;
	rq.parallel = 1;
	rq.lap = lap;
	rq.lap_ctx = tm;
	memset(&data, 0, sizeof(data));
	data.n = d->n;
	data.p = d->p;
	data.x = d->x;
	data.y = d->y;
	data.weights = e->w;
	data.offset = e->offset;
	data.names = (const char *const *)d->names;
	if (a->surv) {
		if (!d->intercept) {
			st = ko_err_set(err, KO_ERR_USAGE, "--formula: a Cox model has no intercept to remove: leave out - 1 / + 0");
			goto out;
		}
		if ((st = drop_intercept(d, &dc, err)))
			goto out;
		d = &dc;
		data.p = d->p;
		data.x = d->x;
		data.names = (const char *const *)d->names;
		data.y = NULL;
		data.time = e->time;
		data.start = e->start;
		data.status = e->status;
		data.strata = e->strata;
	}
	if ((st = ko_analysis_run(&data, d, &rq, &an, err)) ||
	    (st = effects_check(a, d, &an, err)))
		goto out;
	res.d = d;
	res.fit = an.fit;
	res.fs = an.stats;
	res.n_read = n_read;
	if (a->family->mean == ko_family_logit_mean) /* binomial's warning */
		successes_note(d, e->w, f->response, a->weights, res.successes_note,
			       sizeof(res.successes_note));
	for (i = 0; i < d->n; i++)
		res.events += d->y[i] * (e->w ? e->w[i] : 1);
	res.surv = a->surv;
	res.ties = a->ties;
	if (a->zph) {
		if ((st = cox_zph(d, &data, an.fit, &zph, err)))
			goto out;
		res.zph = &zph;
	}
	inference_labels(a, &an, &res);
	if (a->effects & ~EFFECT_OR) {
		res.effects = a->effects;
		res.effects_hc = a->hc;
		res.pois = an.rr.fit ? &an.rr : NULL;
		res.margins = an.margins;
		res.xp = xp;
	}
	if (a->surv) {
		snprintf(res.auc_note, sizeof(res.auc_note),
			 "not computed for the cox family (see concordance)");
		snprintf(res.hl_note, sizeof(res.hl_note),
			 "not computed for the cox family (see concordance)");
	} else if (a->family == &ko_family_poisson_rate) {
		snprintf(res.auc_note, sizeof(res.auc_note),
			 "not computed for the poisson_rate family (the outcome is a count)");
		snprintf(res.hl_note, sizeof(res.hl_note),
			 "not computed for the poisson_rate family (the outcome is a count)");
	} else {
		discrimination(an.disc, &res);
	}
	res.tests = an.tests;
	res.tests_done = an.tests != NULL;
	warn_stderr(&res);
	st = write_outputs(&res, stats, err);
	timer_lap(tm, "output");
out:
	ko_analysis_release(&an);
	ko_cox_zph_release(&zph);
	free(dc.x); /* the Cox design's own (drop_intercept), or NULL */
	free(dc.term_first);
	return st;
}

static enum ko_status fit_file(const struct fit_args *a, struct ko_err *err)
{
	struct ko_formula *f = NULL;
	struct ko_design *d = NULL;
	struct roles r;
	struct table t;
	struct extras e = { NULL, NULL, NULL, NULL, NULL, NULL, NULL };
	struct exposure_plan xp;
	struct ko_outfile stats;
	struct timer tm;
	enum ko_status st;
	size_t n_read;

	memset(&r, 0, sizeof(r));
	memset(&t, 0, sizeof(t));
	memset(&xp, 0, sizeof(xp));
	memset(&stats, 0, sizeof(stats));
	timer_start(&tm, a->timing);
	if ((st = ko_formula_parse(&f, a->formula, err)))
		goto out;
	if (a->stats && (st = open_stats(a->stats, a->data, &stats, err)))
		goto out;
	if ((st = fit_read_data(a, f, &r, &t, err)))
		goto out;
	timer_lap(&tm, "read");
	n_read = t.n + (t.plain ? t.n_missing : 0);
	if (n_read == 0) {
		st = ko_err_at(err, KO_ERR_DATA, a->data, 0, NULL, "no data rows");
		goto out;
	}
	if (t.n == 0) {
		st = ko_err_at(err, KO_ERR_DATA, a->data, 0, NULL,
			       "no rows left after dropping %zu with missing values",
			       t.n_missing);
		goto out;
	}
	if (t.plain) {
		st = ko_design_wrap(&d, f, t.x, t.y, t.n, t.n_missing, err);
		t.x = t.y = NULL;
	} else if ((st = fit_build_design(a, f, &r, &t, &d, err))) {
		ko_err_set_file(err, a->data);
	}
	if (st)
		goto out;
	if ((st = fit_gather_extras(a, &r, &t, d, &e, err)))
		goto out;
	if (a->exposure && (st = fit_plan_exposure(a, f, &r, &t, d, &xp, err)))
		goto out;
	fit_table_release(&t); /* only the design is needed from here on */
	timer_lap(&tm, "design");
	st = run_model(a, f, d, &e, n_read, &xp, &tm, &stats, err);
out:
	ko_outfile_abort(&stats); /* nothing left of it unless committed */
	fit_exposure_release(&xp);
	free(e.w);
	free(e.cluster);
	free(e.time);
	free(e.start);
	free(e.status);
	free(e.strata);
	free(e.offset);
	fit_table_release(&t);
	free(r.names);
	free(r.var_col);
	ko_design_free(d);
	ko_formula_free(f);
	return st;
}

static void release_args(struct fit_args *a)
{
	size_t k;

	free(a->surv_text);
	free(a->offset_col);
	for (k = 0; k < a->n_strata; k++)
		free(a->strata[k]);
}

int ko_cmd_fit(int argc, char **argv)
{
	struct fit_args a;
	struct ko_err err;
	int rc = parse_args(argc, argv, &a);
	enum ko_status st;

	if (rc >= 0) {
		release_args(&a);
		return rc;
	}
	if (a.threads)
		ko_par_set_threads(a.threads);
	ko_err_clear(&err);
	st = fit_file(&a, &err);
	release_args(&a);
	if (st) {
		ko_cli_report("fit", &err);
		return ko_cli_exit_code(st);
	}
	return KO_EXIT_OK;
}
