/*
 * cmd_verify.c - `kohort verify OUTDIR`: re-hash a run's outputs (and its
 * inputs and config, where still present) against OUTDIR/manifest.json.
 */
#include "cli.h"

#include <stdio.h>
#include <string.h>

#include "manifest.h"

static const char usage[] =
	"Usage: kohort verify OUTDIR\n"
	"\n"
	"Re-hash every output file listed in OUTDIR/manifest.json, and the inputs and\n"
	"config it lists, and report each one that is missing or has changed.\n"
	"\n"
	"Exit status: 0 everything matches, 1 a difference or an unreadable manifest,\n"
	"2 usage error.\n"
	"\n"
	"Example:\n"
	"  kohort verify output/example\n";

int ko_cmd_verify(int argc, char **argv)
{
	struct ko_err err;
	int diff = 0;

	if (argc == 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(usage, stdout);
		return KO_EXIT_OK;
	}
	if (argc != 2)
		return ko_cli_usage_error("verify", "expected exactly one OUTDIR");
	if (argv[1][0] == '-')
		return ko_cli_usage_error("verify", "unknown option '%s'", argv[1]);
	ko_err_clear(&err);
	if (ko_manifest_verify(argv[1], stdout, &diff, &err)) {
		ko_cli_report("verify", &err);
		return KO_EXIT_FAIL;
	}
	if (diff) {
		printf("%d difference%s from %s/manifest.json\n", diff,
		       diff == 1 ? "" : "s", argv[1]);
		return KO_EXIT_FAIL;
	}
	printf("all files match %s/manifest.json\n", argv[1]);
	return KO_EXIT_OK;
}
