#!/bin/sh
# Runs each cmocka test binary from the repository root and sums the results.
# Each binary prints cmocka's own summary; the last line is the plain total.
cd "$(dirname "$0")/.." || exit 1
passed=0; failed=0; bad=""
for t in "$@"; do
	out=$(mktemp)
	"$t" >"$out" 2>&1
	rc=$?
	cat "$out"
	p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {if (NR) print s}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$out" | awk '{s+=$1} END {if (NR) print s}')
	rm -f "$out"
	passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
	if [ "$rc" -ne 0 ] || [ -z "$p" ]; then
		bad="$bad $(basename "$t")"
		[ -z "$f" ] && failed=$((failed + 1))
	fi
done
echo
[ -n "$bad" ] && echo "failing test binaries:$bad"
echo "total: $passed passed, $failed failed"
[ -z "$bad" ]
