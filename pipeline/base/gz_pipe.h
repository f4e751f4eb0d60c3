/*
 * gz_pipe.h - gzip output compressed on a second thread.
 *
 * The writer appends bytes to one of two buffers; a full buffer goes to
 * a thread that gzwrites the buffers in turn, while the writer fills the
 * other.  zlib's deflate output does not depend on how its input is cut
 * (no flush between), so the file is byte for byte the one written
 * directly.  Used for analysis.csv.gz (study.c), where formatting the
 * rows and compressing them then take one core each.
 *
 *     struct ko_gz_pipe p;
 *     if (!ko_gz_pipe_start(&p, out.gz, longest_write)) {
 *             ... ko_gz_pipe_write(&p, bytes, n) ...
 *             if (ko_gz_pipe_finish(&p)) ... a write failed
 *     } else ... write to out.gz directly
 */
#ifndef KO_GZ_PIPE_H
#define KO_GZ_PIPE_H

#include <pthread.h>
#include <stddef.h>
#include <zlib.h>

#define KO_GZ_PIPE_BYTES (1024 * 1024)

struct ko_gz_pipe {
	gzFile gz;
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	char *buf[2];
	size_t size;   /* of each buffer: at least the longest write */
	size_t len[2];
	int full[2];   /* handed to the thread, not yet written */
	int fill;      /* the buffer rows go into */
	int stop, failed;
};

/* 0 when the thread runs; -1 (nothing started: write to gz directly).
 * A write is at most write_max bytes. */
int ko_gz_pipe_start(struct ko_gz_pipe *p, gzFile gz, size_t write_max);

/* Append n bytes (at most the start's write_max); -1 when too long. */
int ko_gz_pipe_write(struct ko_gz_pipe *p, const char *b, size_t n);

/* Write what is left, stop the thread; -1 when a write failed. */
int ko_gz_pipe_finish(struct ko_gz_pipe *p);

#endif
