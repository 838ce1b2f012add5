#!/usr/bin/env bash
# Benchmarks fupan against LibreOffice and the read-only floor on generated
# workbooks. Usage: bench/run.sh [N]   (default 500 workbooks; needs soffice)
#
# Start it at least five minutes after many files were deleted on the same
# file system (an earlier run's outputs included): ext4 without a journal
# passes over the inodes freed in the last five minutes for every file it
# creates, which can double the system time of writing the outputs. See
# docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
data=bench/data/$n
[ -d "$data" ] || go run ./bench/gen -n "$n" -o "$data"
bin=$(mktemp -d)
go build -o "$bin/fupan" ./cmd/fupan
go build -o "$bin/floor" ./bench/floor
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
go run ./bench/compare -dir "$data" -fupan "$bin/fupan" -floor "$bin/floor"
echo
echo "Go benchmarks (per stage, seed-sized workbook):"
go test -run '^$' -bench . -benchmem ./bench/
rm -rf "$bin"
