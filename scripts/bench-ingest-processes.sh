#!/usr/bin/env bash
# Ingest throughput with 1, 2 and 3 `dyad ingest` processes writing one database at once.
#
# usage: scripts/bench-ingest-processes.sh DYAD_BINARY PAGES_FOLDER [WORK_FOLDER]
#
# The pages of PAGES_FOLDER (flat, e.g. the synthetic pages `dyad bench ingest-speed --keep DIR` writes) are split
# round-robin into 3 disjoint folders; for N = 1, 2, 3 a fresh database is written by N processes started together,
# each given a share of the folders (N = 1: all three; N = 2: one and two; N = 3: one each), each with --threads 1.
# Prints pages/s over the wall time of the slowest process, and checks that the documents equal the pages.
set -euo pipefail
dyad=$(realpath "$1"); pages=$(realpath "$2"); work=${3:-$(mktemp -d)}
mkdir -p "$work"; work=$(realpath "$work")
if [ ! -d "$work/split/0" ]; then
  mkdir -p "$work/split/0" "$work/split/1" "$work/split/2"
  i=0
  for f in "$pages"/*; do
    ln -s "$f" "$work/split/$((i % 3))/$(basename "$f")"
    i=$((i + 1))
  done
fi
total=$(find -L "$work/split" -type f | wc -l)
for n in 1 2 3; do
  db="$work/p$n.db"; rm -f "$db" "$db-wal" "$db-shm"
  case $n in
    1) groups=("0 1 2") ;;
    2) groups=("0" "1 2") ;;
    3) groups=("0" "1" "2") ;;
  esac
  start=$(date +%s.%N)
  pids=()
  k=0
  for g in "${groups[@]}"; do
    args=(); for d in $g; do args+=("$work/split/$d"); done
    "$dyad" ingest --threads 1 --db "$db" "${args[@]}" > "$work/p$n.$k.out" 2>&1 &
    pids+=($!); k=$((k + 1))
  done
  for p in "${pids[@]}"; do wait "$p"; done
  end=$(date +%s.%N)
  docs=$(grep -h '^database:' "$work"/p$n.*.out | awk '{print $2}' | sort -n | tail -1)
  wall=$(echo "$end - $start" | bc)
  printf '%d process(es): %d pages in %.1f s = %.0f pages/s; %s documents stored\n' \
    "$n" "$total" "$wall" "$(echo "$total / $wall" | bc -l)" "$docs"
done
