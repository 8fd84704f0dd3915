#!/usr/bin/env bash
# Batch benchmark (figures in BENCHMARKS.md). Usage: scripts/bench.sh [N]
#
# Generates N synthetic communes (default 3,321; examples/bench_gen.rs) and
# renders them to PDF and DOCX with `baocao batch`, then N/4 of them to show
# that peak memory does not grow with N; then times a single `baocao render`
# of a three-page sample. Prints wall time, reports per second, CPU time,
# peak memory and bytes per PDF and DOCX, plus the machine.
set -euo pipefail
N=${1:-3321}
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin baocao --example bench_gen
BIN=target/release/baocao
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "machine: $(nproc) cores,$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2), load average $(cut -d' ' -f1-3 /proc/loadavg)"

batch() { # N
    local n=$1
    target/release/examples/bench_gen "$n" "$WORK/in-$n" 2>/dev/null
    sync
    echo "== batch of $n communes, PDF and DOCX"
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "$BIN" --lang en batch "$WORK/in-$n" -o "$WORK/out-$n" --quiet --stats 2>"$WORK/time-$n.txt" || true
        grep -E '^stats:' "$WORK/time-$n.txt"
        grep -E 'Elapsed|User time|System time|Percent of CPU|Maximum resident' "$WORK/time-$n.txt" | sed 's/^\s*/  /'
    else
        "$BIN" --lang en batch "$WORK/in-$n" -o "$WORK/out-$n" --quiet --stats
    fi
    local pdfs docxs
    pdfs=$(find "$WORK/out-$n" -name '*.pdf' | wc -l)
    docxs=$(find "$WORK/out-$n" -name '*.docx' | wc -l)
    echo "  files: $pdfs PDF, $docxs DOCX; pages of the first: $(pdfinfo "$(find "$WORK/out-$n" -name '*.pdf' | sort | head -1)" 2>/dev/null | awk '/^Pages/ {print $2}')"
    rm -rf "$WORK/out-$n" "$WORK/in-$n"
}

batch "$N"
batch $((N / 4))

SAMPLE=samples/chuong-trinh-phoi-hop-2021.yaml
echo "== single render of $SAMPLE to PDF and DOCX (process start to exit, 30 runs)"
python3 - "$BIN" "$SAMPLE" "$WORK/one" <<'PY'
import statistics, subprocess, sys, time
binary, sample, out = sys.argv[1:]
times = []
for _ in range(30):
    t = time.perf_counter()
    subprocess.run([binary, "render", sample, "-o", out], stdout=subprocess.DEVNULL, check=True)
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"  min {times[0]:.1f} ms, median {statistics.median(times):.1f} ms, max {times[-1]:.1f} ms")
PY
if command -v perf >/dev/null; then
    perf stat -r 20 "$BIN" --lang en render "$SAMPLE" -o "$WORK/one" 2>&1 >/dev/null | grep -E 'task-clock' | sed 's/^\s*/  CPU: /'
fi
for f in "$WORK"/one/*; do echo "  $(basename "$f"): $(stat -c %s "$f") bytes"; done
echo "  pages: $(pdfinfo "$WORK"/one/*.pdf 2>/dev/null | awk '/^Pages/ {print $2}')"
