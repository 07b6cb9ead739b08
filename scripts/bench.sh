#!/usr/bin/env bash
# Benchmark: wall time and peak memory of `cdsreport validate --period 2024` and
# `cdsreport build 2024` (release binary) on synthetic workspaces (examples/synth.rs),
# compared with a reference pandas workflow (scripts/reference_pandas.py) that reads the
# same forms and sums them per indicator. Prints a Markdown table, one row per size; not a
# test, nothing is asserted. Progress and problems go to stderr.
#
# Usage: scripts/bench.sh [N ...]   (default: 100 1000 10000)
#
# - cdsreport runs: the median of 3 at every size (pandas: one run).
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

  declare -A best=([validate]="" [build]="")
  rss=0; failed=""
  for step in validate build; do
    if [ "$step" = validate ]; then cmds=(validate --period 2024 -C "$ws"); else cmds=(build 2024 -C "$ws"); fi
    times=()
    for ((i = 0; i < reps; i++)); do
      say "N=$n: $step run $((i + 1))/$reps…"
      run "$step" "$bin" "${cmds[@]}"
      if [ "$run_rc" -ne 0 ]; then
        fail "$step" "$n"; failed+="$step(exit $run_rc) "; best[$step]=""; break
      fi
      times+=("$run_s")
    done
    # The median run: this machine's speed drifts by ±20 % over minutes.
    if [ ${#times[@]} -eq "$reps" ]; then
      best[$step]=$(printf '%s\n' "${times[@]}" | sort -g | sed -n "$(((reps + 1) / 2))p")
      kb=$(peak "$bin" "${cmds[@]}")
      if [ "$kb" -gt "$rss" ]; then rss=$kb; fi
    fi
  done

  say "N=$n: pandas reference…"
  run pandas "$python" scripts/reference_pandas.py "$ws"
  py_s=""; py_all=$run_s
  if [ "$run_rc" -ne 0 ]; then
    fail pandas "$n"; failed+="pandas(exit $run_rc) "
  else
    line=$(tail -n 1 "$tmp/pandas.out")
    py_s=${line##*seconds=}
    files=${line#files=}; files=${files%% *}
    [ "$files" = "$n" ] || say "warning: pandas read $files files for N=$n ($line)"
    say "N=$n: pandas: $line"
  fi

  v=${best[validate]}; b=${best[build]}
  rate="–"; ratio="–"; ratio_all="–"
  if [ -n "$v" ] && [ -n "$b" ]; then
    rate=$(calc "($b > 0) ? $n / $b : 0" %.0f)
    if [ -n "$py_s" ]; then
      ratio=$(calc "($b > 0) ? $py_s / $b : 0" %.1f)
      ratio_all=$(calc "($b > 0) ? $py_all / $b : 0" %.1f)
    fi
  fi
  [ -n "$py_s" ] || py_all=""
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |' "$n" "${v:-failed}" \
    "${b:-failed}" "$rate" "$(calc "$rss / 1024" %.0f)" "${py_s:-failed}" "$ratio" \
    "${py_all:-failed}" "$ratio_all")")
  [ -z "$failed" ] || { say "N=$n: FAILED: $failed"; status=1; }
  rm -rf "$ws"
done

runs="median of 3 runs"
printf '\n<!-- scripts/bench.sh: cdsreport %s; pandas 1 run (%s) -->\n' "$runs" \
  "$("$python" -c 'import pandas, openpyxl; print(f"pandas {pandas.__version__}, openpyxl {openpyxl.__version__}")')"
printf '| forms | validate (s) | build (s) | forms/s | peak RSS (MB) | pandas loop (s) | × loop | pandas process (s) | × process |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
printf '%s\n' "${rows[@]}"
exit "$status"
