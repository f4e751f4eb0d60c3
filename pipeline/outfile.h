/*
 * outfile.h - output files that appear whole or not at all.
 *
 * Every file kohort writes goes to a temporary file beside its final path
 * and is renamed into place only when complete, so an interrupted or failed
 * run never leaves a half-written table next to a complete manifest.
 *
 *     struct ko_outfile out;
 *     if (ko_outfile_open(&out, "output/x/tables/flow.csv", 0, err)) ...
 *     fprintf(out.fp, ...);            (or gzwrite(out.gz, ...) when gzip)
 *     if (ko_outfile_commit(&out, err)) ...   (on any failure: _abort)
 *
 * The struct lives in the caller's memory; commit and abort release it.
 */
#ifndef KO_OUTFILE_H
#define KO_OUTFILE_H

#include <stdio.h>
#include <zlib.h>

#include "error.h"

struct ko_outfile {
	FILE *fp;      /* set when not gzip */
	gzFile gz;     /* set when gzip */
	char *path;    /* final path */
	char *tmp;     /* temporary path, removed on abort */
};

/* Flags of ko_outfile_open. */
enum {
	KO_OUTFILE_GZIP = 1,      /* write through zlib (level 6, no time
				     stamp in the header, so the same
				     content gives the same bytes) */
	KO_OUTFILE_NO_PARENTS = 2 /* the folder must exist: not created (a
				     path typed on the command line, where a
				     typo would leave folders behind) */
};

/* Create the parent folders of path (unless KO_OUTFILE_NO_PARENTS) and
 * open a temporary file beside it; flags: KO_OUTFILE_* or 0. */
enum ko_status ko_outfile_open(struct ko_outfile *out, const char *path,
			       int flags, struct ko_err *err);

/* Flush, sync and rename into place. */
enum ko_status ko_outfile_commit(struct ko_outfile *out, struct ko_err *err);

/* Close and remove the temporary file; safe on a released outfile. */
void ko_outfile_abort(struct ko_outfile *out);

/* Deferred commits, for a whole run to appear at once: between
 * ko_outfile_defer_begin and ko_outfile_defer_commit, ko_outfile_commit
 * syncs and closes the temporary file but does not rename it; the renames
 * all happen in ko_outfile_defer_commit, in the order the files were
 * committed (so the manifest, written last, lands last).  Killed before
 * that, a run has changed none of the previous outputs (its temporary
 * files are swept by the next run); ko_outfile_defer_abort removes them. */
void ko_outfile_defer_begin(void);
enum ko_status ko_outfile_defer_commit(struct ko_err *err);
void ko_outfile_defer_abort(void);

/* Where the current content of path is: its pending temporary file while
 * a deferred commit has not happened yet, else path itself. */
const char *ko_outfile_resolve(const char *path);

/* Remove a scratch file this run wrote: its pending temporary file while
 * deferring, else the file itself. */
void ko_outfile_discard(const char *path);

/* mkdir -p. */
enum ko_status ko_mkdirs(const char *dir, struct ko_err *err);

/* Remove every temporary file ko_outfile left under dir (after a crash or
 * SIGKILL); returns how many were removed. */
int ko_outfile_sweep(const char *dir);

#endif
