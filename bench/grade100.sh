#!/usr/bin/env bash
# Grades 100 copies of a correct submission with -force and reports the time,
# split into build and run (issue: under 5 minutes on 2 cores, warm).
#
#   bash bench/grade100.sh [N]        # N copies, default 100
#
# Two runs, both with a warm build cache (a first, untimed grade warms it):
#   identical  100 byte-identical copies: the grader builds one binary for
#              them all (builds are shared by content hash) and runs 100x.
#   distinct   100 copies that differ by a first-line comment: 100 builds,
#              the worst case of a class where every file differs.
# The grader prints "time: B builds Xs, R runs Ys": sums over the workers, so
# they can exceed the wall-clock time. Needs /usr/bin/time (Debian: apt-get
# install time).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
n="${1:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

go build -o "$work/grade" ./cmd/grade
src=testdata/submissions/correct
mkdir -p "$work/identical" "$work/distinct"
for i in $(seq -w 1 "$n"); do
  cp -r "$src" "$work/identical/student$i"
  cp -r "$src" "$work/distinct/student$i"
  # A first line of its own shifts every position: each copy compiles to a
  # different object, as different code would.
  for f in "$work/distinct/student$i"/*.go; do
    sed -i "1i // submitted by student$i" "$f"
  done
done

echo "== warm-up (not timed): one submission"
"$work/grade" -q -force -out "$work/warm.csv" "$work/identical/student$(printf '%0*d' ${#n} 1)"

for kind in identical distinct; do
  echo "== $kind: $n submissions, -force, $(nproc) cores"
  # CPU time (user+sys, children included) does not depend on what else the
  # machine is doing; wall time does.
  /usr/bin/time -f "$kind: wall %e s, cpu %U s user + %S s sys" \
    "$work/grade" -force -out "$work/$kind.csv" "$work/$kind"/student* 2>&1 | grep -E '^(graded|time:|'"$kind"':)'
  # Every copy must have full marks.
  total=$(awk -F, 'NR>1 && $(NF-3)==$(NF-2) {ok++} END {print ok+0}' "$work/$kind.csv")
  echo "$kind: $total/$n submissions with full marks"
done
