#!/usr/bin/env bash
# Benchmarks fupan against LibreOffice and the read-only floor on generated
# workbooks. Usage: bench/run.sh [N]   (default 500 workbooks; needs soffice)
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
