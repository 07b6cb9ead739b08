#!/usr/bin/env bash
# Benchmark: wall time and peak memory of `cdsreport validate --period 2024` and
# `cdsreport build 2024` (release binary) on synthetic workspaces (examples/synth.rs),
# compared with a reference pandas workflow (scripts/reference_pandas.py) that reads the
# same forms and sums them per indicator. Prints a Markdown table, one row per size; not a
# test, nothing is asserted. Progress and problems go to stderr.
#
# Usage: scripts/bench.sh [N ...]   (default: 100 1000 10000)
#
# - three rounds at every size, each round validate, build, then the pandas workflow;
#   times are the medians of the rounds, ratios the median of each round's own ratio (a
#   build against the pandas run right after it), so that the machine's drift over the
#   script's minutes does not fall on one side of a ratio only.
# - peak RSS: the larger of validate and build, from one more run of each under GNU time
#   (`/usr/bin/time`, installed with apt-get when running as root, else RSS is reported as
#   0), so that no timed run pays for it.
# - `build` reads and checks every form itself (it runs the whole validation first), so it
#   is the whole job: forms/s = N / build. `validate` is shown on its own as the check a
#   unit officer runs.
# - pandas twice over: "loop" is the time the script measures around its own work (without
#   Python's start-up and `import pandas`), "process" the whole `python3` run timed like
#   cdsreport's. × loop = pandas loop / build (the stricter: cdsreport's time includes its
#   start-up, loading the workspace and writing its outputs); × process = pandas process /
#   build (both timed the same way).
# - It takes a while: at 10.000 forms each pandas run is about a minute.
# - Python: uses python3 if it has pandas, openpyxl and PyYAML, else a venv in
#   target/bench-venv (created on first use with pip).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100 1000 10000)

say() { printf '%s\n' "$*" >&2; }
# Float arithmetic without bc: calc EXPR (awk syntax), printed with the given format.
calc() { awk "BEGIN { printf \"${2:-%.3f}\", $1 }"; }

# --- tools -------------------------------------------------------------------------
say "building release binary and synth example…"
cargo build --release --quiet --bin cdsreport --example synth
bin=target/release/cdsreport
synth=target/release/examples/synth

gnu_time=""
if [ -x /usr/bin/time ] && /usr/bin/time -f '%M' true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing GNU time (apt-get install time)…"
  if DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1 ||
    { apt-get update -qq >/dev/null 2>&1 &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null 2>&1; }; then
    gnu_time=/usr/bin/time
  fi
fi
[ -n "$gnu_time" ] || say "note: GNU /usr/bin/time not available; peak RSS reported as 0"

python=""
if python3 -c 'import pandas, openpyxl, yaml' >/dev/null 2>&1; then
  python=python3
else
  venv=target/bench-venv
  if ! "$venv/bin/python" -c 'import pandas, openpyxl, yaml' >/dev/null 2>&1; then
    say "creating $venv with pandas, openpyxl, pyyaml…"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pandas openpyxl pyyaml
  fi
  python="$venv/bin/python"
fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# run NAME CMD...: runs CMD once, stdout/stderr to $tmp/NAME.{out,err}; sets run_rc and
# run_s (wall seconds). The clock is bash's own EPOCHREALTIME, read without starting a
# process, so the time is the command's alone (as the pandas time is its workflow's alone).
run() {
  local name=$1; shift
  local s e
  s=${EPOCHREALTIME/[.,]/}
  "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" && run_rc=0 || run_rc=$?
  e=${EPOCHREALTIME/[.,]/}
  run_s=$(calc "($e - $s) / 1e6")
}

# peak CMD...: peak RSS in KiB of one more run of CMD under GNU time (0 without it).
peak() {
  local kb=0
  if [ -n "$gnu_time" ] && "$gnu_time" -o "$tmp/peak.time" -f '%M' "$@" >/dev/null 2>&1; then
    kb=$(tail -n 1 "$tmp/peak.time")
  fi
  [[ $kb =~ ^[0-9]+$ ]] || kb=0
  echo "$kb"
}

# median X...: the middle value (empty when there is none).
median() {
  [ $# -gt 0 ] || return 0
  printf '%s\n' "$@" | sort -g | sed -n "$((($# + 1) / 2))p"
}

# fail NAME N: explains a failed run on stderr.
fail() {
  say ""
  say "!! $1 failed for N=$2 (exit code $run_rc); last lines of its output:"
  tail -n 15 "$tmp/$1.err" >&2 || true
  tail -n 5 "$tmp/$1.out" >&2 || true
}

# --- runs --------------------------------------------------------------------------
status=0
rows=()
for n in "${sizes[@]}"; do
  ws="$tmp/ws-$n"
  say "N=$n: generating workspace…"
  "$synth" --units "$n" --out "$ws" >/dev/null
  # The generator's files to disk now: a build flushes its outputs (fdatasync), and the
  # first flush would otherwise also write out everything the generator left pending.
  sync
  reps=3

  # Rounds: validate, build, then the pandas workflow, three times over. Each build is
  # paired with the pandas run of its own round, minutes (at 10.000 forms: about one)
  # apart, so that the machine's drift over a whole run of the script (±30 %) falls on
  # both sides of a ratio alike. Times are the median of the rounds; ratios the median of
  # the rounds' ratios.
  vs=(); bs=(); loops=(); procs=(); r_loop=(); r_proc=()
  rss=0; failed=""
  for ((i = 1; i <= reps; i++)); do
    say "N=$n: round $i/$reps: validate…"
    run validate "$bin" validate --period 2024 -C "$ws"
    if [ "$run_rc" -ne 0 ]; then fail validate "$n"; failed+="validate(exit $run_rc) "; break; fi
    vs+=("$run_s")
    say "N=$n: round $i/$reps: build…"
    run build "$bin" build 2024 -C "$ws"
    if [ "$run_rc" -ne 0 ]; then fail build "$n"; failed+="build(exit $run_rc) "; break; fi
    b_s=$run_s; bs+=("$b_s")
    say "N=$n: round $i/$reps: pandas reference…"
    run pandas "$python" scripts/reference_pandas.py "$ws"
    if [ "$run_rc" -ne 0 ]; then fail pandas "$n"; failed+="pandas(exit $run_rc) "; break; fi
    line=$(tail -n 1 "$tmp/pandas.out")
    files=${line#files=}; files=${files%% *}
    [ "$files" = "$n" ] || say "warning: pandas read $files files for N=$n ($line)"
    say "N=$n: pandas: $line (process ${run_s} s); cdsreport build ${b_s} s"
    loops+=("${line##*seconds=}"); procs+=("$run_s")
    r_loop+=("$(calc "($b_s > 0) ? ${line##*seconds=} / $b_s : 0")")
    r_proc+=("$(calc "($b_s > 0) ? $run_s / $b_s : 0")")
  done
  if [ -z "$failed" ]; then
    for cmd in "validate --period 2024" "build 2024"; do
      # shellcheck disable=SC2086 # the command's words
      kb=$(peak "$bin" $cmd -C "$ws")
      if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
    done
  fi

  v=$(median "${vs[@]}"); b=$(median "${bs[@]}")
  py_s=$(median "${loops[@]}"); py_all=$(median "${procs[@]}")
  rate="–"; ratio="–"; ratio_all="–"
  if [ -z "$failed" ]; then
    rate=$(calc "($b > 0) ? $n / $b : 0" %.0f)
    ratio=$(calc "$(median "${r_loop[@]}")" %.1f)
    ratio_all=$(calc "$(median "${r_proc[@]}")" %.1f)
  fi
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$n" "${v:-failed}" \
    "${b:-failed}" "$rate" "$(calc "$rss / 1024" %.0f)" "${py_s:-failed}" "$ratio" \
    "${py_all:-failed}" "$ratio_all")")
  [ -z "$failed" ] || { say "N=$n: FAILED: $failed"; status=1; }
  rm -rf "$ws"
done

printf '\n<!-- scripts/bench.sh: median of 3 rounds of validate, build and pandas (%s); ratios: median of the rounds\x27 ratios -->\n' \
  "$("$python" -c 'import pandas, openpyxl; print(f"pandas {pandas.__version__}, openpyxl {openpyxl.__version__}")')"
printf '| forms | validate (s) | build (s) | forms/s | peak RSS (MB) | pandas loop (s) | × loop | pandas process (s) | × process |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${rows[@]}"
exit "$status"
