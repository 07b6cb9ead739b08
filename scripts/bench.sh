#!/usr/bin/env bash
# Benchmark: wall time and peak memory of `cdsreport validate` on synthetic workspaces
# (examples/synth.rs). Prints one table row per size; not a test, nothing is asserted.
# Usage: scripts/bench.sh [N ...]   (default: 100 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000)
cargo build --release --quiet --bin cdsreport --example synth
bin=target/release/cdsreport
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf '| forms | validate (s, best of 3) | forms/s | peak RSS (MB) |\n|---:|---:|---:|---:|\n'
for n in "${sizes[@]}"; do
  ws="$tmp/ws-$n"
  target/release/examples/synth --units "$n" --out "$ws" >/dev/null
  best=""; rss=0
  for _ in 1 2 3; do
    if command -v /usr/bin/time >/dev/null; then
      out=$( { /usr/bin/time -f '%e %M' "$bin" validate --period 2024 -C "$ws" >/dev/null; } 2>&1 | tail -1)
      t=${out% *}; m=${out#* }
    else
      s=$(date +%s.%N); "$bin" validate --period 2024 -C "$ws" >/dev/null; e=$(date +%s.%N)
      t=$(echo "$e - $s" | bc); m=0
    fi
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  rate=$(echo "if ($best > 0) $n / $best else 0" | bc)
  printf '| %s | %s | %s | %s |\n' "$n" "$best" "$rate" "$((rss / 1024))"
done
