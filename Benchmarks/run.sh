#!/usr/bin/env bash
# Builds marginalia in release, generates the benchmark corpora into Benchmarks/out/ when
# missing (or when the generator changed), and prints the speed and memory report of issue 5:
# check vs grep on 10 and 100 MB, the 72,000-entry .bib, and the language server over stdio.
#
#   Benchmarks/run.sh                  # everything (about 5-10 minutes on 2 cores, first run longer)
#   Benchmarks/run.sh --cli            # only check vs grep and the .bib
#   Benchmarks/run.sh --lsp            # only the language server
#
# Environment:
#   BUILD_PATH=.build      scratch path of `swift build -c release` (default .build)
#   MARGINALIA=path        use this binary and skip the build
#   RUNS=3                 repetitions of each timed command (best and median are printed)
#   REQUESTS=1000          requests per LSP method
#
# Timings never fail anything: the script exits 0 unless it cannot build or run.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/Benchmarks/out"
BUILD_PATH=${BUILD_PATH:-.build}
RUNS=${RUNS:-3}
REQUESTS=${REQUESTS:-1000}
DO_CLI=1
DO_LSP=1
case "${1:-}" in
  --cli) DO_LSP=0 ;;
  --lsp) DO_CLI=0 ;;
  "") ;;
  *) echo "usage: Benchmarks/run.sh [--cli|--lsp]" >&2; exit 2 ;;
esac
mkdir -p "$OUT"

if [ -n "${MARGINALIA:-}" ]; then
  BIN=$MARGINALIA
else
  echo "== building release ($BUILD_PATH)" >&2
  if ! swift build -c release --scratch-path "$BUILD_PATH" >"$OUT/build.log" 2>&1; then
    tail -30 "$OUT/build.log" >&2
    echo "run.sh: the release build failed (log: $OUT/build.log)" >&2
    exit 1
  fi
  BIN="$ROOT/$BUILD_PATH/release/marginalia"
fi
[ -x "$BIN" ] || { echo "run.sh: no binary at $BIN" >&2; exit 1; }

# Regenerates a corpus when it is missing or was made by other arguments or another generator.
GEN_HASH=$(sha1sum Benchmarks/generate_corpus.py | cut -c1-12)
generate() {
  local dir=$1; shift
  local stamp="$GEN_HASH $*"
  if [ ! -f "$dir/.complete" ] || [ "$(cat "$dir/.complete")" != "$stamp" ]; then
    echo "== generating $(basename "$dir") ($*)" >&2
    rm -rf "$dir" "$dir-baseline"
    python3 Benchmarks/generate_corpus.py --out "$dir" "$@" || { echo "run.sh: generator failed" >&2; exit 1; }
    echo "$stamp" >"$dir/.complete"
  fi
}
if [ $DO_CLI = 1 ]; then
  generate "$OUT/corpus-10mb" --mb 10
  generate "$OUT/corpus-100mb" --mb 100
  generate "$OUT/bib-72k" --bib-entries 72000
fi
if [ $DO_LSP = 1 ]; then
  generate "$OUT/corpus-100mb" --mb 100
  generate "$OUT/corpus-10k" --many-small --big-doc-kb 1024
fi

{
  echo "# marginalia benchmarks"
  if [ -n "${MARGINALIA:-}" ]; then
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); binary $BIN (${BENCH_COMMIT:-commit not known}), $("$BIN" --version 2>/dev/null)"
  else
    echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- Sources Package.swift 2>/dev/null || echo ' + local changes')"
  fi
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "swift: $(swift --version 2>/dev/null | head -1)"
} | tee "$OUT/report.txt"

STATUS=0
if [ $DO_CLI = 1 ]; then
  echo "== check vs grep, and the .bib" >&2
  python3 Benchmarks/bench_cli.py --server "$BIN" --runs "$RUNS" \
    --corpus "$OUT/corpus-10mb" --corpus "$OUT/corpus-100mb" --bib "$OUT/bib-72k" \
    --json "$OUT/results-cli.json" | tee -a "$OUT/report.txt" || STATUS=1
fi
if [ $DO_LSP = 1 ]; then
  echo "== language server" >&2
  # End of input makes a working server exit at once; a build without it says "not available".
  timeout 20 "$BIN" lsp </dev/null >/dev/null 2>"$OUT/lsp-probe.stderr"
  if ! grep -q "not available" "$OUT/lsp-probe.stderr"; then
    python3 Benchmarks/lsp_bench.py --server "$BIN" --requests "$REQUESTS" \
      --index-corpus "$OUT/corpus-100mb" --latency-corpus "$OUT/corpus-10k" \
      --json "$OUT/results-lsp.json" | tee -a "$OUT/report.txt" || STATUS=1
  else
    echo "lsp: skipped, \`marginalia lsp\` is not available in this build ($(head -1 "$OUT/lsp-probe.stderr"))" | tee -a "$OUT/report.txt"
  fi
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/report.txt"
echo "(report: $OUT/report.txt; figures: $OUT/results-*.json)" >&2
exit $STATUS
