#!/bin/sh
# Writes the outputs that a refactoring must not change into DIR: the
# example study (kohort run config/example.ini --force) and kohort fit on
# the fixtures (maximum likelihood, Firth, robust/cluster SEs, profile CIs,
# weights, effects, --stats, a semicolon gzip file).  Run it before and
# after a change and compare:
#
#   tests/golden.sh /tmp/before        (on the old build)
#   tests/golden.sh /tmp/after         (on the new build)
#   diff -r /tmp/before /tmp/after     (no output: byte-identical)
#
# KOHORT_BIN names the binary (default ./kohort).
set -u
cd "$(dirname "$0")/.." || exit 1
[ $# -eq 1 ] || { echo "usage: tests/golden.sh DIR" >&2; exit 2; }
out=$1
bin=${KOHORT_BIN:-./kohort}
mkdir -p "$out/fit" || exit 1

# The example study: every output file, its bytes.
"$bin" run config/example.ini --force >"$out/run.stdout" 2>"$out/run.stderr"
echo "exit $?" >>"$out/run.stdout"
(cd output/example && find . -type f | LC_ALL=C sort | while read -r f; do
	mkdir -p "$out/example/$(dirname "$f")"
	cp "$f" "$out/example/$f"
done)
# Times vary from run to run, and the extracts read in parallel are logged
# in the order they finish (so the log is compared sorted); nothing else may.
sed -e 's/ *[0-9][0-9.]* s\b/ T s/g' -e 's/ *[0-9][0-9.]* MB\/s/ R MB\/s/' \
	-e 's/peak RSS [0-9]* MB/peak RSS M MB/' "$out/example/log.txt" |
	LC_ALL=C sort >"$out/example/log.tmp" &&
	mv "$out/example/log.tmp" "$out/example/log.txt"
sed '/"timings": {/,/}/s/: [0-9][0-9.e+-]*/: T/' "$out/example/manifest.json" \
	>"$out/example/manifest.tmp" && mv "$out/example/manifest.tmp" "$out/example/manifest.json"

D=tests/fixtures/fit_birthwt.csv
HL="low ~ age + lwt + factor(race) + smoke + ptl + ht + ui"
n=0
fit() {
	n=$((n + 1))
	"$bin" fit --threads 1 "$@" >"$out/fit/$n.out" 2>"$out/fit/$n.err"
	echo "exit $?" >>"$out/fit/$n.out"
}
fit --data "$D" --formula "$HL"
fit --data "$D" --formula "$HL" --se robust
fit --data "$D" --formula "$HL" --se cluster --cluster mom
fit --data "$D" --formula "$HL" --se cluster --cluster mom --hc HC1
fit --data "$D" --formula "low ~ age + lwt" --weights w --se cluster --cluster mom
fit --data "$D" --formula "low ~ factor(race) - 1"
fit --data "$D" --formula "low ~ 1"
fit --data "$D" --formula "low ~ age * smoke + factor(race_txt, ref = \"white\") + lwt" --weights w
fit --data "$D" --formula "low ~ age + lwt + lwt2 + smoke"
fit --data "$D" --formula "low ~ age_na + factor(race_na) + smoke + age_na:smoke"
fit --data "$D" --formula "$HL" --profile
fit --data "$D" --formula "$HL" --level 0.9
fit --data "$D" --formula "$HL" --profile --level 0.99
fit --data "$D" --formula "$HL" --effect rr,rd,paf --exposure smoke
fit --data "$D" --formula "$HL" --effect rr --se robust --level 0.9
fit --data "$D" --formula "$HL" --tests wald --hl-groups 8
fit --data "$D" --formula "low ~ age + lwt + ptl" --stats "$out/fit/stats.csv"
fit --data tests/fixtures/fit_birthwt_semicolon.csv.gz --decimal , --formula "$HL"
fit --data tests/fixtures/fit_sex2.csv --formula "case ~ age + oc + vic + vicl + vis + dia" --firth
fit --data tests/fixtures/fit_sex2.csv --formula "case ~ age + oc + vic + vicl + vis + dia" --firth --level 0.9
fit --data tests/fixtures/fit_sex2.csv --formula "case ~ age + oc + vic + vicl + vis + dia"
fit --data tests/fixtures/fit_separation.csv --formula "y ~ x"
fit --data tests/fixtures/fit_proportion.csv --formula "y ~ x"
fit --data tests/fixtures/fit_exposure_rows.csv --formula "y ~ x + e" --effect rd --exposure e
fit --data tests/fixtures/nonexistent.csv --formula "y ~ x"
exit 0
