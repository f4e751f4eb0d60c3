/* hash.c - SHA-256 through OpenSSL's EVP interface (see hash.h). */
#include "hash.h"

#include <errno.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>

static void to_hex(const unsigned char *md, unsigned n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 15];
	}
	hex[2 * n] = '\0';
}

void ko_sha256_buf(const void *data, size_t len, char hex[KO_SHA256_HEX])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;

	EVP_Digest(data, len, md, &n, EVP_sha256(), NULL);
	to_hex(md, n, hex);
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
	size_t got;
	FILE *f;

	f = fopen(path, "rb");
	if (!f)
		return ko_err_at(err, KO_ERR_IO, path, 0, NULL, "cannot open: %s",
				 strerror(errno));
	ctx = EVP_MD_CTX_new();
	if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) {
		st = ko_err_set(err, KO_ERR_NOMEM, "cannot start SHA-256");
		goto out;
	}
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0) {
		EVP_DigestUpdate(ctx, buf, got);
		total += got;
	}
	if (ferror(f)) {
		st = ko_err_at(err, KO_ERR_IO, path, 0, NULL, "read error: %s",
			       strerror(errno));
		goto out;
	}
	EVP_DigestFinal_ex(ctx, md, &n);
	to_hex(md, n, hex);
	if (bytes)
		*bytes = total;
out:
	EVP_MD_CTX_free(ctx);
	fclose(f);
	return st;
}
