/* outfile.c - atomic output files (see outfile.h). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/file.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_MARK ".kohort-tmp-"
#define LOCK_NAME ".kohort-lock"

/* The folders of an output folder that a run fills: after a run each
 * holds exactly its files (ko_outfile_prune). */
static const char *const owned[] = {
	"tables", "figures", "models", "internal", "rejects", NULL,
};

/* Files committed while deferring: renamed in ko_outfile_defer_commit;
 * tmp NULL: path is removed there instead (ko_outfile_remove). */
struct pending {
	char *tmp, *path;
};

static pthread_mutex_t pending_mu = PTHREAD_MUTEX_INITIALIZER;
static struct pending *pending;
static size_t n_pending, cap_pending;
static int deferring;

enum ko_status ko_mkdirs(const char *dir, struct ko_err *err)
{
	char *p, *s = strdup(dir);
	enum ko_status st = KO_OK;

	if (!s)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	for (p = s + 1; ; p++) {
		char c = *p;

		if (c != '/' && c != '\0')
			continue;
		*p = '\0';
		if (mkdir(s, 0777) && errno != EEXIST) {
			st = ko_err_at(err, KO_ERR_IO, s, 0, NULL,
				       "cannot create folder: %s", strerror(errno));
			break;
		}
		*p = c;
		if (c == '\0')
			break;
	}
	free(s);
	return st;
}

static enum ko_status make_parent(const char *path, struct ko_err *err)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	enum ko_status st;

	if (!slash || slash == path)
		return KO_OK;
	dir = strndup(path, (size_t)(slash - path));
	if (!dir)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	st = ko_mkdirs(dir, err);
	free(dir);
	return st;
}

enum ko_status ko_outfile_open(struct ko_outfile *out, const char *path,
			       int flags, struct ko_err *err)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	size_t n = strlen(path) + sizeof(TMP_MARK) + 16;
	enum ko_status st;
	int fd;

	memset(out, 0, sizeof(*out));
	if (!(flags & KO_OUTFILE_NO_PARENTS) && (st = make_parent(path, err)))
		return st;
	out->path = strdup(path);
	out->tmp = malloc(n);
	if (!out->path || !out->tmp) {
		ko_outfile_abort(out);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	/* dir/.kohort-tmp-<pid>-<name>: hidden, and swept if left behind */
	snprintf(out->tmp, n, "%.*s" TMP_MARK "%d-%s", (int)dirlen, path,
		 (int)getpid(), path + dirlen);
	fd = open(out->tmp, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	if (fd < 0) {
		st = ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot write: %s",
			       strerror(errno));
		free(out->tmp);
		out->tmp = NULL;
		ko_outfile_abort(out);
		return st;
	}
	if (flags & KO_OUTFILE_GZIP) {
		out->gz = gzdopen(fd, "wb6");
		if (out->gz)
			gzbuffer(out->gz, 128 * 1024);
	} else {
		out->fp = fdopen(fd, "wb");
	}
	if (!out->gz && !out->fp) {
		close(fd);
		ko_outfile_abort(out);
		return ko_err_at(err, KO_ERR_NOMEM, path, 0, NULL,
				 "cannot open a stream");
	}
	return KO_OK;
}

static void release(struct ko_outfile *out)
{
	free(out->path);
	free(out->tmp);
	memset(out, 0, sizeof(*out));
}

/* Room for one more pending entry (pending_mu held). */
static enum ko_status grow_pending(void)
{
	size_t cap = cap_pending ? 2 * cap_pending : 64;
	struct pending *p = realloc(pending, cap * sizeof(*p));

	if (!p)
		return KO_ERR_NOMEM;
	pending = p;
	cap_pending = cap;
	return KO_OK;
}

/* Keep a committed file for the deferred renames (pending_mu held).  A
 * path committed again replaces its earlier temporary file. */
static enum ko_status add_pending(struct ko_outfile *out, struct ko_err *err)
{
	size_t i;

	for (i = 0; i < n_pending; i++)
		if (!strcmp(pending[i].path, out->path)) {
			/* same temporary name when written again by this
			 * process: the new content is already in it */
			if (pending[i].tmp && strcmp(pending[i].tmp, out->tmp))
				unlink(pending[i].tmp);
			free(pending[i].tmp);
			pending[i].tmp = out->tmp;
			free(out->path);
			memset(out, 0, sizeof(*out));
			return KO_OK;
		}
	if (n_pending == cap_pending && grow_pending() != KO_OK) {
		unlink(out->tmp);
		release(out);
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	}
	pending[n_pending].tmp = out->tmp;
	pending[n_pending].path = out->path;
	n_pending++;
	memset(out, 0, sizeof(*out));
	return KO_OK;
}

enum ko_status ko_outfile_commit(struct ko_outfile *out, struct ko_err *err)
{
	enum ko_status st = KO_OK;
	int failed;

	if (out->gz) {
		failed = gzclose(out->gz) != Z_OK;
		out->gz = NULL;
	} else {
		failed = fflush(out->fp) != 0 || fsync(fileno(out->fp)) != 0;
		failed |= fclose(out->fp) != 0;
		out->fp = NULL;
	}
	if (failed) {
		st = ko_err_at(err, KO_ERR_IO, out->path, 0, NULL,
			       "cannot write: %s", strerror(errno));
		ko_outfile_abort(out);
		return st;
	}
	pthread_mutex_lock(&pending_mu);
	if (deferring) {
		st = add_pending(out, err);
		pthread_mutex_unlock(&pending_mu);
		return st;
	}
	pthread_mutex_unlock(&pending_mu);
	if (rename(out->tmp, out->path)) {
		st = ko_err_at(err, KO_ERR_IO, out->path, 0, NULL,
			       "cannot rename into place: %s", strerror(errno));
		ko_outfile_abort(out);
		return st;
	}
	release(out);
	return KO_OK;
}

void ko_outfile_defer_begin(void)
{
	pthread_mutex_lock(&pending_mu);
	deferring = 1;
	pthread_mutex_unlock(&pending_mu);
}

static void clear_pending(int unlink_tmp)
{
	size_t i;

	for (i = 0; i < n_pending; i++) {
		if (unlink_tmp && pending[i].tmp)
			unlink(pending[i].tmp);
		free(pending[i].tmp);
		free(pending[i].path);
	}
	free(pending);
	pending = NULL;
	n_pending = cap_pending = 0;
	deferring = 0;
}

enum ko_status ko_outfile_defer_commit(struct ko_err *err)
{
	enum ko_status st = KO_OK;
	size_t i;

	pthread_mutex_lock(&pending_mu);
	for (i = 0; i < n_pending && !st; i++) {
		if (!pending[i].tmp) {
			if (unlink(pending[i].path) && errno != ENOENT)
				st = ko_err_at(err, KO_ERR_IO, pending[i].path, 0,
					       NULL, "cannot remove: %s",
					       strerror(errno));
		} else if (rename(pending[i].tmp, pending[i].path)) {
			st = ko_err_at(err, KO_ERR_IO, pending[i].path, 0, NULL,
				       "cannot rename into place: %s",
				       strerror(errno));
		}
	}
	/* after a failed rename the rest stay temporary files: removed */
	for (; i < n_pending; i++)
		if (pending[i].tmp)
			unlink(pending[i].tmp);
	clear_pending(0);
	pthread_mutex_unlock(&pending_mu);
	return st;
}

void ko_outfile_defer_abort(void)
{
	pthread_mutex_lock(&pending_mu);
	clear_pending(1);
	pthread_mutex_unlock(&pending_mu);
}

void ko_outfile_discard(const char *path)
{
	size_t i;

	pthread_mutex_lock(&pending_mu);
	for (i = 0; i < n_pending; i++)
		if (!strcmp(pending[i].path, path)) {
			if (pending[i].tmp)
				unlink(pending[i].tmp);
			free(pending[i].tmp);
			free(pending[i].path);
			memmove(pending + i, pending + i + 1,
				(n_pending - i - 1) * sizeof(*pending));
			n_pending--;
			break;
		}
	pthread_mutex_unlock(&pending_mu);
	unlink(path);
}

const char *ko_outfile_resolve(const char *path)
{
	const char *found = path;
	size_t i;

	pthread_mutex_lock(&pending_mu);
	for (i = 0; i < n_pending; i++)
		if (!strcmp(pending[i].path, path))
			found = pending[i].tmp ? pending[i].tmp : "";
	pthread_mutex_unlock(&pending_mu);
	return found;
}

enum ko_status ko_outfile_remove(const char *path, struct ko_err *err)
{
	enum ko_status st = KO_OK;
	size_t i;

	pthread_mutex_lock(&pending_mu);
	if (!deferring) {
		pthread_mutex_unlock(&pending_mu);
		if (unlink(path) && errno != ENOENT)
			return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
					 "cannot remove: %s", strerror(errno));
		return KO_OK;
	}
	for (i = 0; i < n_pending; i++)
		if (!strcmp(pending[i].path, path))
			break;
	if (i < n_pending) { /* written by this run after all: not */
		if (pending[i].tmp)
			unlink(pending[i].tmp);
		free(pending[i].tmp);
		pending[i].tmp = NULL;
	} else if (n_pending == cap_pending &&
		   grow_pending() != KO_OK) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	} else if (!(pending[n_pending].path = strdup(path))) {
		st = ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	} else {
		pending[n_pending++].tmp = NULL;
	}
	pthread_mutex_unlock(&pending_mu);
	return st;
}

void ko_outfile_abort(struct ko_outfile *out)
{
	if (out->gz)
		gzclose(out->gz);
	if (out->fp)
		fclose(out->fp);
	if (out->tmp)
		unlink(out->tmp);
	release(out);
}

/* 1 when folder dir holds a lock file: another output folder. */
static int has_lock_file(const char *dir)
{
	char path[4400];

	snprintf(path, sizeof(path), "%s/" LOCK_NAME, dir);
	return access(path, F_OK) == 0;
}

static int sweep_tree(const char *dir, int depth)
{
	DIR *d;
	struct dirent *e;
	int removed = 0;

	/* a sub-folder with a lock file is another run's output folder:
	 * its leftovers are its own */
	if (depth > 0 && has_lock_file(dir))
		return 0;
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d))) {
		char path[4096];
		struct stat sb;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &sb))
			continue;
		if (S_ISDIR(sb.st_mode))
			removed += sweep_tree(path, depth + 1);
		else if (!strncmp(e->d_name, TMP_MARK, sizeof(TMP_MARK) - 1) &&
			 !unlink(path))
			removed++;
	}
	closedir(d);
	return removed;
}

int ko_outfile_sweep(const char *dir)
{
	return sweep_tree(dir, 0);
}

/* 1 when another process holds the lock file of folder dir. */
static int locked_by_other(const char *dir)
{
	char path[4200];
	int fd, held;

	snprintf(path, sizeof(path), "%s/" LOCK_NAME, dir);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	held = flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK;
	close(fd);
	return held;
}

/* A folder under dir (not through symbolic links) locked by another run,
 * copied to found; 0 when none. */
static int find_locked_below(const char *dir, char *found, size_t size)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int hit = 0;

	if (!d)
		return 0;
	while (!hit && (e = readdir(d))) {
		char path[4096];
		struct stat sb;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (lstat(path, &sb) || !S_ISDIR(sb.st_mode))
			continue;
		if (locked_by_other(path)) {
			snprintf(found, size, "%s", path);
			hit = 1;
		} else {
			hit = find_locked_below(path, found, size);
		}
	}
	closedir(d);
	return hit;
}

/* A folder above dir (its real path) locked by another run, into found. */
static int find_locked_above(const char *real, char *found, size_t size)
{
	char *p = strdup(real), *slash;
	int hit = 0;

	if (!p)
		return 0;
	while (!hit && (slash = strrchr(p, '/'))) {
		if (slash == p)
			slash[1] = '\0';
		else
			*slash = '\0';
		if (locked_by_other(p)) {
			snprintf(found, size, "%s", p);
			hit = 1;
		}
		if (slash == p)
			break;
	}
	free(p);
	return hit;
}

int ko_outfile_lock(const char *dir, struct ko_err *err)
{
	char path[4200], other[4096], *real;
	int fd;

	snprintf(path, sizeof(path), "%s/" LOCK_NAME, dir);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0) {
		ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot create the "
			  "output folder's lock file: %s", strerror(errno));
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB)) {
		if (errno == EWOULDBLOCK)
			ko_err_at(err, KO_ERR_IO, dir, 0, NULL, "another kohort "
				  "run is writing into this output folder; wait "
				  "for it to finish");
		else
			ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot lock the "
				  "output folder: %s", strerror(errno));
		close(fd);
		return -1;
	}
	/* held first, then looked for above and below: of two runs starting
	 * at once into nested folders at least one sees the other */
	real = realpath(dir, NULL);
	if (real && find_locked_above(real, other, sizeof(other))) {
		ko_err_at(err, KO_ERR_IO, dir, 0, NULL, "another kohort run is "
			  "writing into %s, which holds this output folder; wait "
			  "for it to finish", other);
		goto fail;
	}
	if (find_locked_below(dir, other, sizeof(other))) {
		ko_err_at(err, KO_ERR_IO, dir, 0, NULL, "another kohort run is "
			  "writing into %s, inside this output folder; wait for "
			  "it to finish", other);
		goto fail;
	}
	free(real);
	return fd;
fail:
	free(real);
	close(fd);
	return -1;
}

/* 1 when the real path of file lies inside the real path of dir. */
static int inside(const char *file_real, const char *dir)
{
	char *real = realpath(dir, NULL);
	size_t n;
	int in;

	if (!real)
		return 0; /* no such folder: nothing is inside it */
	n = strlen(real);
	in = !strncmp(file_real, real, n) &&
	     (file_real[n] == '/' || (n == 1 && real[0] == '/'));
	free(real);
	return in;
}

int ko_outfile_inside(const char *file, const char *out_dir)
{
	char *real = realpath(file, NULL), sub[4200];
	int in, i;

	if (!real)
		return 0;
	in = inside(real, out_dir);
	/* owned folders may be symbolic links to elsewhere */
	for (i = 0; !in && owned[i]; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", out_dir, owned[i]);
		in = inside(real, sub);
	}
	free(real);
	return in;
}

enum ko_status ko_outfile_check_folders(const char *out_dir,
					struct ko_err *err)
{
	char path[4200];
	struct stat sb;
	int i;

	for (i = 0; owned[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", out_dir, owned[i]);
		if (lstat(path, &sb) == 0 && !S_ISDIR(sb.st_mode))
			return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "%s, not a "
					 "folder: a run replaces and removes files "
					 "in the folders it fills, so %s/ must be a "
					 "folder of its own inside the output folder",
					 S_ISLNK(sb.st_mode) ? "a symbolic link" :
					 "a file", owned[i]);
	}
	return KO_OK;
}

static enum ko_status prune_tree(const char *out_dir, const char *rel,
				 int (*keep)(void *ctx, const char *rel),
				 void *ctx, struct ko_err *err)
{
	char dir[4200];
	DIR *d;
	struct dirent *e;
	enum ko_status st = KO_OK;

	snprintf(dir, sizeof(dir), "%s/%s", out_dir, rel);
	if (has_lock_file(dir) || !(d = opendir(dir)))
		return KO_OK;
	while (!st && (e = readdir(d))) {
		char sub[4400], path[8800];
		struct stat sb;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    !strncmp(e->d_name, TMP_MARK, sizeof(TMP_MARK) - 1))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", rel, e->d_name);
		snprintf(path, sizeof(path), "%s/%s", out_dir, sub);
		if (lstat(path, &sb))
			continue;
		if (S_ISDIR(sb.st_mode))
			st = prune_tree(out_dir, sub, keep, ctx, err);
		else if (!keep(ctx, sub))
			st = ko_outfile_remove(path, err);
	}
	closedir(d);
	return st;
}

enum ko_status ko_outfile_prune(const char *out_dir,
				int (*keep)(void *ctx, const char *rel),
				void *ctx, struct ko_err *err)
{
	enum ko_status st = KO_OK;
	int i;

	for (i = 0; !st && owned[i]; i++)
		st = prune_tree(out_dir, owned[i], keep, ctx, err);
	return st;
}
