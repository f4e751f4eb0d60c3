/*
 * cli.h - what the command implementations share: exit codes, error printing,
 * help detection.  Each command lives in its own pipeline/cmd_*.c file and is
 * listed in main.c's command table.
 */
#ifndef KO_CLI_H
#define KO_CLI_H

#include "error.h"
#include "version.h"

#define KO_EXIT_OK 0
#define KO_EXIT_FAIL 1  /* the input or the run failed */
#define KO_EXIT_USAGE 2 /* the command line is wrong */
#define KO_EXIT_INTERRUPTED 130 /* stopped by SIGINT or SIGTERM */

/* A command: argv[0] is the command name; returns an exit code. */
typedef int (*ko_command_fn)(int argc, char **argv);

/* Print "kohort CMD: error: <formatted err>" to stderr. */
void ko_cli_report(const char *cmd, const struct ko_err *err);

/* Print a usage error ("kohort CMD: <msg>" + a hint to --help); returns
 * KO_EXIT_USAGE. */
int ko_cli_usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Exit code for a status: usage errors 2, everything else 1. */
int ko_cli_exit_code(enum ko_status status);

/* Commands (one file each). */
int ko_cmd_inspect(int argc, char **argv);
int ko_cmd_fit(int argc, char **argv);
int ko_cmd_run(int argc, char **argv);
int ko_cmd_check(int argc, char **argv);
int ko_cmd_verify(int argc, char **argv);
int ko_cmd_synth(int argc, char **argv);

#endif
