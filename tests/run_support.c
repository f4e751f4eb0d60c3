/* run_support.c - helpers of the tests that run kohort (run_support.h). */
#include "ko_test.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <zlib.h>

#include "hash.h"
#include "run_support.h"

char rs_tmp[64];

void rs_write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

char *rs_slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 1 << 20);
	size_t n = 0;

	assert_non_null(buf);
	if (f) {
		n = fread(buf, 1, (1 << 20) - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return buf;
}

char *rs_replace(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *out;

	assert_non_null(at);
	out = malloc(strlen(text) + strlen(to) + 1);
	assert_non_null(out);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	return out;
}

void rs_make_config(const char *path, const char *from, const char *to)
{
	char *text = rs_slurp("config/example.ini"), *t;

	while (strstr(text, "sample-data/")) {
		t = rs_replace(text, "sample-data/", RS_DATA);
		free(text);
		text = t;
	}
	if (from) {
		t = rs_replace(text, from, to);
		free(text);
		text = t;
	}
	rs_write_text(path, text);
	free(text);
}

int rs_kohort(const char *args)
{
	char cmd[2048];
	int status;

	snprintf(cmd, sizeof(cmd), "%s %s >%s/out.txt 2>%s/err.txt",
		 getenv("KOHORT_BIN"), args, rs_tmp, rs_tmp);
	status = system(cmd);
	assert_true(WIFEXITED(status));
	return WEXITSTATUS(status);
}

char *rs_read_tmp(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", rs_tmp, name);
	return rs_slurp(path);
}

void rs_assert_file_has(const char *path, const char *needle)
{
	char *text = rs_slurp(path);

	if (!strstr(text, needle))
		print_error("%s has no '%s':\n%s\n", path, needle, text);
	assert_non_null(strstr(text, needle));
	free(text);
}

char *rs_manifest_core(const char *dir, int drop_stages)
{
	char path[256], *text;
	json_t *root;

	snprintf(path, sizeof(path), "%s/manifest.json", dir);
	root = json_load_file(path, 0, NULL);
	assert_non_null(root);
	/* nothing of one run's circumstances in it */
	assert_null(json_object_get(root, "timings"));
	assert_null(json_object_get(json_object_get(json_object_get(root,
		"stages"), "link"), "ran"));
	if (drop_stages)
		json_object_del(root, "stages");
	text = json_dumps(root, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(root);
	assert_non_null(text);
	return text;
}

void rs_assert_same_outputs(const char *a, const char *b, int with_stages)
{
	char cmd[512], *ma, *mb;

	/* every file the same bytes, the manifest too: log.txt alone tells
	 * what ran and how long it took */
	snprintf(cmd, sizeof(cmd), "diff -r -x log.txt %s %s", a, b);
	assert_int_equal(system(cmd), 0);
	ma = rs_manifest_core(a, !with_stages);
	mb = rs_manifest_core(b, !with_stages);
	assert_string_equal(ma, mb);
	free(ma);
	free(mb);
}

int rs_stage_ran(const char *dir, const char *name)
{
	char path[256], ran[100], cached[100], *text;
	int r;

	snprintf(path, sizeof(path), "%s/log.txt", dir);
	snprintf(ran, sizeof(ran), "stage %s: ran,", name);
	snprintf(cached, sizeof(cached), "stage %s: from the cache\n", name);
	text = rs_slurp(path);
	r = strstr(text, ran) != NULL;
	assert_true(r != (strstr(text, cached) != NULL));
	free(text);
	return r;
}

void rs_fix_crc(unsigned char *buf, size_t len)
{
	const size_t head = 8 + 4 + 65, tail = 8 + 4 + 8;
	uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), buf + head,
				       (uInt)(len - head - tail));

	memcpy(buf + len - tail + 8, &crc, 4);
}
