#!/bin/sh
# Prints every user-visible output of dyad on the bundled example pages (and the seeds, when ../shared is there)
# into OUTDIR, so that a refactor can be checked byte for byte: run it before and after, then `diff -r`.
# DATEADDED (GDELT column 60) and the JSON "date_added"-style ingest times are blanked, since they are the
# time of the run. Usage: scripts/snapshot.sh OUTDIR [DYAD_BINARY]
set -eu
out=${1:?usage: scripts/snapshot.sh OUTDIR [DYAD_BINARY]}
bin=${2:-target/release/dyad}
mkdir -p "$out"
blank() { # column, file
    awk -F'\t' -v c="$1" 'BEGIN{OFS="\t"} {$c=""; print}' "$2" >"$2.tmp" && mv "$2.tmp" "$2"
}
snap() { # name, input dir
    db="$out/$1.db"
    rm -f "$db" "$db-wal" "$db-shm"
    "$bin" ingest "$2" --db "$db" >/dev/null 2>&1
    "$bin" events --format jsonl --db "$db" >"$out/$1.events.jsonl"
    "$bin" events --format table --db "$db" >"$out/$1.events.table"
    "$bin" stories --db "$db" >"$out/$1.stories"
    "$bin" actors --db "$db" >"$out/$1.actors"
    for pair in "PRK CUB" "PRK RUS" "PRK CHN" "JPN PHL" "TUR SWE"; do
        # shellcheck disable=SC2086
        "$bin" timeline $pair --db "$db" >>"$out/$1.timeline"
    done
    "$bin" export --format gdelt-events --out "$out/$1.gdelt-events.tsv" --db "$db" >/dev/null 2>&1
    "$bin" export --format gdelt-mentions --out "$out/$1.gdelt-mentions.tsv" --db "$db" >/dev/null 2>&1
    "$bin" export --format jsonl --out "$out/$1.export.jsonl" --db "$db" >/dev/null 2>&1
    # DATEADDED is the time of the run: blank it (events: column 60; mentions: column 2, the event's DATEADDED).
    blank 60 "$out/$1.gdelt-events.tsv"
    blank 2 "$out/$1.gdelt-mentions.tsv"
    # An undated page is "mentioned" at the time of the run.
    awk -F'\t' -v d="$(date -u +%Y%m%d)" 'BEGIN{OFS="\t"} index($3, d) == 1 {$3="RUN"} {print}' \
        "$out/$1.gdelt-mentions.tsv" >"$out/$1.tmp" && mv "$out/$1.tmp" "$out/$1.gdelt-mentions.tsv"
    rm -f "$db" "$db-wal" "$db-shm"
}
snap examples examples/pages
if [ -d ../shared/seeds ]; then snap seeds ../shared/seeds; fi
echo "snapshot in $out"
