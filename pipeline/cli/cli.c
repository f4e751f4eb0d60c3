/* cli.c - shared command-line helpers (see cli.h). */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

void ko_cli_report(const char *cmd, const struct ko_err *err)
{
	char buf[KO_ERR_FILE_MAX + KO_ERR_COLUMN_MAX + KO_ERR_MSG_MAX + 64];

	ko_err_format(err, buf, sizeof(buf));
	fprintf(stderr, "kohort %s: error: %s\n", cmd, buf);
}

int ko_cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "kohort %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'kohort %s --help'.\n", cmd);
	return KO_EXIT_USAGE;
}

int ko_cli_exit_code(enum ko_status status)
{
	if (status == KO_OK)
		return KO_EXIT_OK;
	return status == KO_ERR_USAGE ? KO_EXIT_USAGE : KO_EXIT_FAIL;
}
