/* manifest.c - manifest.json with jansson (see manifest.h). */
#include "manifest.h"

#include <dirent.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "outfile.h"

struct ko_manifest {
	json_t *root;
};

struct ko_manifest *ko_manifest_new(const char *study, const char *version)
{
	struct ko_manifest *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->root = json_pack("{s:{s:s,s:s},s:s,s:[],s:[],s:{},s:[],s:[]}",
			    "software", "name", "kohort", "version", version,
			    "study", study, "inputs", "outputs", "stages",
			    "rejects", "warnings");
	if (!m->root) {
		free(m);
		return NULL;
	}
	return m;
}

void ko_manifest_free(struct ko_manifest *m)
{
	if (!m)
		return;
	json_decref(m->root);
	free(m);
}

static json_t *file_entry(const char *path, const char *shown,
			  struct ko_err *err)
{
	char hex[KO_SHA256_HEX];
	uint64_t bytes = 0;

	/* a file of this run may still be waiting for its rename */
	if (ko_sha256_file(ko_outfile_resolve(path), hex, &bytes, err))
		return NULL;
	return json_pack("{s:s,s:s,s:I}", "path", shown, "sha256", hex, "bytes",
			 (json_int_t)bytes);
}

enum ko_status ko_manifest_set_config(struct ko_manifest *m, const char *path,
				      struct ko_err *err)
{
	json_t *e = file_entry(path, path, err);

	if (!e)
		return err ? err->status : KO_ERR_IO;
	json_object_set_new(m->root, "config", e);
	return KO_OK;
}

enum ko_status ko_manifest_add_input(struct ko_manifest *m, const char *name,
				     const char *path, struct ko_err *err)
{
	json_t *e = file_entry(path, path, err);

	if (!e)
		return err ? err->status : KO_ERR_IO;
	json_object_set_new(e, "extract", json_string(name));
	json_array_append_new(json_object_get(m->root, "inputs"), e);
	return KO_OK;
}

enum ko_status ko_manifest_add_output(struct ko_manifest *m, const char *outdir,
				      const char *relpath, struct ko_err *err)
{
	size_t n = strlen(outdir) + strlen(relpath) + 2;
	char *full = malloc(n);
	json_t *e;

	if (!full)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	snprintf(full, n, "%s/%s", outdir, relpath);
	e = file_entry(full, relpath, err);
	free(full);
	if (!e)
		return err ? err->status : KO_ERR_IO;
	json_array_append_new(json_object_get(m->root, "outputs"), e);
	return KO_OK;
}

int ko_manifest_has_output(const struct ko_manifest *m, const char *relpath)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(m->root, "outputs"), i, e)
		if (!strcmp(json_string_value(json_object_get(e, "path")),
			    relpath))
			return 1;
	return 0;
}

void ko_manifest_add_stage(struct ko_manifest *m, const char *stage,
			   long rows)
{
	json_object_set_new(json_object_get(m->root, "stages"), stage,
			    json_pack("{s:I}", "rows", (json_int_t)rows));
}

void ko_manifest_add_rejects(struct ko_manifest *m, const char *extract,
			     long rows, long rejected)
{
	json_array_append_new(json_object_get(m->root, "rejects"),
			      json_pack("{s:s,s:I,s:I}", "extract", extract,
					"rows", (json_int_t)rows, "rejected",
					(json_int_t)rejected));
}

void ko_manifest_add_warning(struct ko_manifest *m, const char *text)
{
	json_array_append_new(json_object_get(m->root, "warnings"),
			      json_string(text));
}


enum ko_status ko_manifest_write(const struct ko_manifest *m, const char *outdir,
				 struct ko_err *err)
{
	struct ko_outfile out;
	size_t n = strlen(outdir) + sizeof("/manifest.json");
	char *path = malloc(n);
	enum ko_status st;

	if (!path)
		return ko_err_set(err, KO_ERR_NOMEM, "out of memory");
	snprintf(path, n, "%s/manifest.json", outdir);
	st = ko_outfile_open(&out, path, 0, err);
	free(path);
	if (st)
		return st;
	if (json_dumpf(m->root, out.fp,
		       JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(6)) ||
	    fputc('\n', out.fp) == EOF) {
		ko_outfile_abort(&out);
		return ko_err_at(err, KO_ERR_IO, outdir, 0, NULL,
				 "cannot write manifest.json");
	}
	return ko_outfile_commit(&out, err);
}

/* Compare one listed file with what is on disk now. */
static int check_entry(json_t *e, const char *base, const char *kind,
		       FILE *report)
{
	const char *path = json_string_value(json_object_get(e, "path"));
	const char *want = json_string_value(json_object_get(e, "sha256"));
	char hex[KO_SHA256_HEX], full[4096];
	struct ko_err err;

	if (!path || !want) {
		fprintf(report, "%s: malformed entry in manifest.json\n", kind);
		return 1;
	}
	if (base)
		snprintf(full, sizeof(full), "%s/%s", base, path);
	else
		snprintf(full, sizeof(full), "%s", path);
	if (ko_sha256_file(full, hex, NULL, &err)) {
		fprintf(report, "%s %s: missing or unreadable\n", kind, path);
		return 1;
	}
	if (strcmp(hex, want)) {
		fprintf(report, "%s %s: changed (sha256 %s, manifest says %s)\n",
			kind, path, hex, want);
		return 1;
	}
	return 0;
}

static int in_list(json_t *list, const char *rel)
{
	json_t *e;
	size_t i;

	json_array_foreach(list, i, e) {
		const char *p = json_string_value(json_object_get(e, "path"));

		if (p && !strcmp(p, rel))
			return 1;
	}
	return 0;
}

/* The run's own files that the manifest does not list: its log, the
 * manifest, the lock, the cache, temporary files a killed run left. */
static int not_an_output(const char *rel, const char *name, int top)
{
	return (top && (!strcmp(name, "manifest.json") ||
			!strcmp(name, "log.txt") ||
			!strcmp(name, ".kohort-lock") || !strcmp(name, ".cache"))) ||
	       !strncmp(name, ".kohort-tmp-", 12) || !*rel;
}

/* Every file under outdir/rel that outputs does not list: one line each,
 * returns the count.  A folder with a manifest of its own is another
 * output folder: not looked into. */
static int check_unlisted(const char *outdir, const char *rel, json_t *outputs,
			  FILE *report)
{
	char dir[4200];
	DIR *d;
	struct dirent *e;
	int diff = 0;

	snprintf(dir, sizeof(dir), "%s%s%s", outdir, *rel ? "/" : "", rel);
	if (*rel) {
		char m[4400];

		snprintf(m, sizeof(m), "%s/manifest.json", dir);
		if (access(m, F_OK) == 0)
			return 0;
	}
	if (!(d = opendir(dir)))
		return 0;
	while ((e = readdir(d))) {
		char sub[4400], path[8800];
		struct stat sb;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "",
			 e->d_name);
		if (not_an_output(sub, e->d_name, !*rel))
			continue;
		snprintf(path, sizeof(path), "%s/%s", outdir, sub);
		if (lstat(path, &sb))
			continue;
		if (S_ISDIR(sb.st_mode)) {
			diff += check_unlisted(outdir, sub, outputs, report);
		} else if (!in_list(outputs, sub)) {
			fprintf(report, "output %s: not in the manifest (not "
				"written by the run it describes)\n", sub);
			diff++;
		}
	}
	closedir(d);
	return diff;
}

enum ko_status ko_manifest_verify(const char *outdir, FILE *report,
				  int *differences, struct ko_err *err)
{
	char path[4096];
	json_error_t jerr;
	json_t *root, *list, *e;
	size_t i;
	int diff = 0;

	snprintf(path, sizeof(path), "%s/manifest.json", outdir);
	root = json_load_file(path, 0, &jerr);
	if (!root)
		return ko_err_at(err, KO_ERR_FORMAT, path, jerr.line > 0 ? jerr.line : 0,
				 NULL, "cannot read the manifest: %s", jerr.text);
	list = json_object_get(root, "outputs");
	if (!json_is_array(list)) {
		json_decref(root);
		return ko_err_at(err, KO_ERR_FORMAT, path, 0, NULL,
				 "no \"outputs\" list");
	}
	json_array_foreach(list, i, e)
		diff += check_entry(e, outdir, "output", report);
	diff += check_unlisted(outdir, "", list, report);
	list = json_object_get(root, "inputs");
	json_array_foreach(list, i, e)
		diff += check_entry(e, NULL, "input", report);
	e = json_object_get(root, "config");
	if (e)
		diff += check_entry(e, NULL, "config", report);
	json_decref(root);
	*differences = diff;
	return KO_OK;
}
