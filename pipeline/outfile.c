/* outfile.c - atomic output files (see outfile.h). */
#include "outfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_MARK ".kohort-tmp-"

/* Files committed while deferring: renamed in ko_outfile_defer_commit. */
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

/* Keep a committed file for the deferred renames (pending_mu held).  A
 * path committed again replaces its earlier temporary file. */
static enum ko_status add_pending(struct ko_outfile *out, struct ko_err *err)
{
	size_t i;

	for (i = 0; i < n_pending; i++)
		if (!strcmp(pending[i].path, out->path)) {
			/* same temporary name when written again by this
			 * process: the new content is already in it */
			if (strcmp(pending[i].tmp, out->tmp))
				unlink(pending[i].tmp);
			free(pending[i].tmp);
			pending[i].tmp = out->tmp;
			free(out->path);
			memset(out, 0, sizeof(*out));
			return KO_OK;
		}
	if (n_pending == cap_pending) {
		size_t cap = cap_pending ? 2 * cap_pending : 64;
		struct pending *p = realloc(pending, cap * sizeof(*p));

		if (!p) {
			unlink(out->tmp);
			release(out);
			return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
		}
		pending = p;
		cap_pending = cap;
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
		if (unlink_tmp)
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
	for (i = 0; i < n_pending && !st; i++)
		if (rename(pending[i].tmp, pending[i].path))
			st = ko_err_at(err, KO_ERR_IO, pending[i].path, 0, NULL,
				       "cannot rename into place: %s",
				       strerror(errno));
	/* after a failed rename the rest stay temporary files: removed */
	for (; i < n_pending; i++)
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
			found = pending[i].tmp;
	pthread_mutex_unlock(&pending_mu);
	return found;
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

int ko_outfile_sweep(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int removed = 0;

	if (!d)
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
			removed += ko_outfile_sweep(path);
		else if (!strncmp(e->d_name, TMP_MARK, sizeof(TMP_MARK) - 1) &&
			 !unlink(path))
			removed++;
	}
	closedir(d);
	return removed;
}
