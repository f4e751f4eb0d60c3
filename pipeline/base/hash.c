/* hash.c - SHA-256 through OpenSSL's EVP interface (see hash.h). */
#include "hash.h"

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

#include "interrupt.h"

void ko_hex(const unsigned char *d, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[d[i] >> 4];
		hex[2 * i + 1] = digits[d[i] & 15];
	}
	hex[2 * n] = '\0';
}

void ko_sha256_buf(const void *data, size_t len, char hex[KO_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	ko_hex(md, n, hex);
}

/* A run hashes the same files more than once (the stage cache's key, then
 * the manifest; an output for the cache, then the manifest).  Hashes are
 * remembered per file identity and version (device, inode, size, mtime),
 * so a second request costs an fstat; a changed file has another size or
 * mtime and is hashed again. */
#define MEMO_SIZE 512

struct memo {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
	char hex[KO_SHA256_HEX];
};

static pthread_mutex_t memo_mu = PTHREAD_MUTEX_INITIALIZER;
static struct memo memo[MEMO_SIZE];
static size_t memo_n, memo_next;

static int same_version(const struct memo *m, const struct stat *sb)
{
	return m->dev == sb->st_dev && m->ino == sb->st_ino &&
	       m->size == sb->st_size && m->mtime.tv_sec == sb->st_mtim.tv_sec &&
	       m->mtime.tv_nsec == sb->st_mtim.tv_nsec;
}

static int memo_find(const struct stat *sb, char hex[KO_SHA256_HEX])
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&memo_mu);
	for (i = 0; i < memo_n && !found; i++)
		if (same_version(&memo[i], sb)) {
			memcpy(hex, memo[i].hex, KO_SHA256_HEX);
			found = 1;
		}
	pthread_mutex_unlock(&memo_mu);
	return found;
}

static void memo_add(const struct stat *sb, const char hex[KO_SHA256_HEX])
{
	struct memo *m;

	pthread_mutex_lock(&memo_mu);
	m = &memo[memo_next];
	memo_next = (memo_next + 1) % MEMO_SIZE;
	if (memo_n < MEMO_SIZE)
		memo_n++;
	m->dev = sb->st_dev;
	m->ino = sb->st_ino;
	m->size = sb->st_size;
	m->mtime = sb->st_mtim;
	memcpy(m->hex, hex, KO_SHA256_HEX);
	pthread_mutex_unlock(&memo_mu);
}

enum ko_status ko_sha256_file(const char *path, char hex[KO_SHA256_HEX],
			      uint64_t *bytes, struct ko_err *err)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned char buf[1 << 16];
	enum ko_status st = KO_OK;
	EVP_MD_CTX *ctx = NULL;
	uint64_t total = 0;
	unsigned n = 0;
	struct stat sb;
	int known;
	size_t got;
	FILE *f;

	/* a FIFO would block in fopen, a device such as /dev/zero never
	 * ends: only regular files are hashed */
	if (!stat(path, &sb) && !S_ISREG(sb.st_mode))
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL,
				 "not a regular file (a directory, FIFO or "
				 "device)");
	f = fopen(path, "rb");
	if (!f)
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot open: %s",
				 strerror(errno));
	known = !fstat(fileno(f), &sb) && S_ISREG(sb.st_mode);
	if (known && memo_find(&sb, hex)) {
		if (bytes)
			*bytes = (uint64_t)sb.st_size;
		fclose(f);
		return KO_OK;
	}
	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "cannot start SHA-256");
		goto out;
	}
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		EVP_DigestUpdate(ctx, buf, got);
		total += got;
		if (ko_interrupted()) {
			st = ko_err_at(err, KO_ERR_STOPPED, path, 0, NULL,
				       "interrupted");
			goto out;
		}
	}
	if (ferror(f)) {
		st = ko_err_at(err, KO_ERR_IO, path, 0, NULL, "read error: %s",
			       strerror(errno));
		goto out;
	}
	EVP_DigestFinal_ex(ctx, md, &n);
	ko_hex(md, n, hex);
	if (known && (uint64_t)sb.st_size == total)
		memo_add(&sb, hex);
	if (bytes)
		*bytes = total;
out:
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return st;
}
