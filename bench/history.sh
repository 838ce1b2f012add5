#!/usr/bin/env bash
# Times `fupan history --json` over a history of 1,000 teams × 36 months,
# process start included: five runs, each figure as measured.
#   bench/history.sh [TEAMS] [PERIODS] [postgres://… of an empty database]
# Without a URL the history is an SQLite file; with one, that database.
set -euo pipefail
cd "$(dirname "$0")/.."
teams=${1:-1000}
periods=${2:-36}
hist=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/fupan" ./cmd/fupan
if [ -z "$hist" ]; then
  hist=$work/history.sqlite
  go run ./bench/histgen -teams "$teams" -periods "$periods" -o "$hist"
  ls -l "$hist" | awk '{printf "history: %.1f MB\n", $5/1e6}'
else
  go run ./bench/histgen -teams "$teams" -periods "$periods" -o "$hist"
fi
for i in 1 2 3 4 5; do
  /usr/bin/time -f "history --json: %e s, peak %M KB" "$work/fupan" --log-level warn history --json --history "$hist" > "$work/out.json"
done
wc -c < "$work/out.json" | awk '{printf "output: %.1f MB\n", $1/1e6}'
