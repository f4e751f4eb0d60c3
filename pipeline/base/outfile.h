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
 * a deferred commit has not happened yet ("", no file, when the run
 * removes path), else path itself. */
const char *ko_outfile_resolve(const char *path);

/* Remove an output of an earlier run that this run does not write: while
 * deferring, in ko_outfile_defer_commit, in order with the renames (a run
 * killed before then has removed nothing); else at once.  A file already
 * gone is fine. */
enum ko_status ko_outfile_remove(const char *path, struct ko_err *err);

/* Remove a scratch file this run wrote: its pending temporary file while
 * deferring, else the file itself. */
void ko_outfile_discard(const char *path);

/* mkdir -p. */
enum ko_status ko_mkdirs(const char *dir, struct ko_err *err);

/* Remove every temporary file ko_outfile left under the output folder dir
 * (after a crash or SIGKILL), but not in a sub-folder that is another
 * output folder (has a lock file); returns how many were removed. */
int ko_outfile_sweep(const char *dir);

/* Lock the output folder dir (which exists) for this run: dir/.kohort-lock
 * with flock, held until the returned descriptor is closed (or the process
 * ends).  -1 with err when another run holds dir, a folder above it or one
 * inside it. */
int ko_outfile_lock(const char *dir, struct ko_err *err);

/* 1 when file (resolved: symbolic links, ..) lies inside the output folder
 * out_dir or one of the folders a run fills there (tables/, figures/,
 * models/, internal/, rejects/: they may be links to elsewhere). */
int ko_outfile_inside(const char *file, const char *out_dir);

/* The folders a run fills (tables/, figures/, models/, internal/,
 * rejects/) are real folders where they exist, not symbolic links (whose
 * targets a run would fill and prune): else an error naming the one. */
enum ko_status ko_outfile_check_folders(const char *out_dir,
					struct ko_err *err);

/* After a run: remove (ko_outfile_remove, so at the deferred commit) every
 * file under the folders a run fills (tables/, figures/, models/,
 * internal/, rejects/) for which keep(ctx, rel) is 0; rel is relative to
 * out_dir ("tables/flow.csv").  Temporary files and other output folders
 * inside are left alone. */
enum ko_status ko_outfile_prune(const char *out_dir,
				int (*keep)(void *ctx, const char *rel),
				void *ctx, struct ko_err *err);

#endif
