/*
 * main.c - the kohort command line: dispatches to one command per file.
 */
#include "cli.h"

#include <gsl/gsl_errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	const char *summary;
	ko_command_fn run;
};

static const struct command commands[] = {
	/* one line per command, in the order --help lists them */
	{ "run", "run a study: link, derive, cohort, write outputs", ko_cmd_run },
	{ "check", "validate a study config and its inputs", ko_cmd_check },
	{ "inspect", "describe a new register extract before writing a config",
	  ko_cmd_inspect },
	{ "fit", "fit one logistic regression model on a CSV file", ko_cmd_fit },
	{ "synth", "write synthetic register extracts with planted effects", ko_cmd_synth },
	{ "verify", "re-hash a run's outputs against its manifest", ko_cmd_verify },
	{ NULL, NULL, NULL },
};

static void print_help(FILE *out)
{
	size_t i;

	fprintf(out,
		"kohort %s - reproducible register-based cohort studies\n\n"
		"Usage: kohort COMMAND [OPTIONS] [ARGS]\n"
		"       kohort COMMAND --help\n\n"
		"Commands:\n",
		KO_VERSION);
	for (i = 0; commands[i].name; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(out,
		"\nOptions:\n"
		"  -h, --help     show this help\n"
		"  --version      show the version\n\n"
		"Exit status: 0 success, 1 the input or run failed, 2 usage error.\n"
		"Documentation: README.md, docs/config.md, docs/commands.md.\n");
}

/* OpenBLAS's own entry points (libopenblas, not in GSL's CBLAS header).
 * blas_thread_shutdown_ stops its thread pool (OpenBLAS calls it itself
 * around fork() and starts the pool again if a call ever needs it); weak,
 * as it is not part of the documented interface. */
void openblas_set_num_threads(int num_threads);
int blas_thread_shutdown_(void) __attribute__((weak));

int main(int argc, char **argv)
{
	size_t i;

	/* Numbers are always printed and parsed with '.', whatever the
	 * environment's locale says; decimal commas are handled explicitly. */
	setlocale(LC_ALL, "C");
	gsl_set_error_handler_off();
	/* BLAS calls work on row blocks that are small for threads: the
	 * fits run their row parts on threads themselves (stats/base/par.h), and
	 * OpenBLAS's idle threads would only spin against them. */
	openblas_set_num_threads(1);
	/* ... and they do spin, for about 0.1 s after the library starts
	 * them, whether asked to work or not: stopped here. */
	if (blas_thread_shutdown_)
		blas_thread_shutdown_();

	if (argc < 2) {
		print_help(stderr);
		return KO_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		print_help(stdout);
		return KO_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("kohort %s\n", KO_VERSION);
		return KO_EXIT_OK;
	}
	for (i = 0; commands[i].name; i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "kohort: unknown command '%s'\nTry 'kohort --help'.\n",
		argv[1]);
	return KO_EXIT_USAGE;
}
