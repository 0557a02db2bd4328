#!/bin/sh
# Segmentation throughput: python3-jieba (Debian) vs `minyi segment`, same
# input, same output format (words separated by single spaces), side by side.
# Also checks that both outputs are identical.
#
# Usage: bench/segment_vs_jieba.sh [MINYI_BIN] [INPUT] [REPEAT]
#   MINYI_BIN  default build/minyi;   INPUT default: SIGHAN PKU + MSR test
#   sentences (/work/shared/eval/segmentation, measuring only); REPEAT: how
#   many times the input is concatenated (default 8, about 8.5 MB).
set -eu
MINYI=${1:-build/minyi}
INPUT=${2:-}
REPEAT=${3:-8}
PY=/usr/bin/python3   # Debian's python3 (python3-jieba lives in its dist-packages)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
if [ -z "$INPUT" ]; then
  cat /work/shared/eval/segmentation/pku_test.utf8 /work/shared/eval/segmentation/msr_test.utf8 | tr -d '\r' > "$TMP/one.txt"
else
  tr -d '\r' < "$INPUT" > "$TMP/one.txt"
fi
: > "$TMP/in.txt"
i=0
while [ $i -lt "$REPEAT" ]; do cat "$TMP/one.txt" >> "$TMP/in.txt"; i=$((i + 1)); done
BYTES=$(wc -c < "$TMP/in.txt")

cat > "$TMP/jieba_cut.py" <<'PYEOF'
import sys, io, time, logging, jieba
jieba.setLogLevel(logging.ERROR)
hmm = sys.argv[1] == "hmm"
jieba.initialize()
inp = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
out = []
t0 = time.perf_counter()
c0 = time.process_time()
for line in inp:
    line = line[:-1] if line.endswith("\n") else line
    out.append(" ".join(w for w in jieba.cut(line, HMM=hmm) if not w.isspace()))
t1 = time.perf_counter()
c1 = time.process_time()
sys.stdout.write("\n".join(out) + "\n")
sys.stderr.write("%.6f %.6f\n" % (t1 - t0, c1 - c0))
PYEOF

now() { date +%s.%N; }
# minyi's fixed cost (process start, dictionary mapping) measured on empty
# input, so it can be compared with jieba's cut loop, which excludes jieba's
# own start-up and dictionary load.
/usr/bin/time -f "%e %U %S" -o "$TMP/startup.time" $MINYI segment < /dev/null > /dev/null
for mode in hmm nohmm; do
  flag=""
  [ "$mode" = nohmm ] && flag="--no-hmm"
  t0=$(now)
  $PY "$TMP/jieba_cut.py" $mode < "$TMP/in.txt" > "$TMP/jieba.out" 2> "$TMP/jieba.loop"
  t1=$(now)
  /usr/bin/time -f "%e %U %S" -o "$TMP/minyi.time" $MINYI segment $flag < "$TMP/in.txt" > "$TMP/minyi.out"
  # Wall-clock figures suffer when other jobs share the machine; CPU time
  # (user + sys) is the steadier comparison and is reported too.
  awk -v b="$BYTES" -v j0="$t0" -v j1="$t1" -v mode="$mode" \
      -v jl="$(cat "$TMP/jieba.loop")" -v mt="$(cat "$TMP/minyi.time")" -v st="$(cat "$TMP/startup.time")" 'BEGIN {
    split(jl, j, " "); split(mt, m, " "); split(st, z, " ");
    mb = b / 1e6; jw = j1 - j0; mw = m[1]; mc = m[2] + m[3];
    printf "%s: %.2f MB input\n", mode, mb;
    printf "  python3-jieba: %.2f s wall for the process; cut loop %.2f s wall (%.3f MB/s), %.2f s CPU (%.3f MB/s)\n", jw, j[1], mb / j[1], j[2], mb / j[2];
    printf "  minyi segment: %.2f s wall (%.2f MB/s), %.2f s CPU (%.2f MB/s) -- whole process: load, I/O included\n", mw, mb / mw, mc, mb / mc;
    zw = z[1]; zc = z[2] + z[3];
    printf "  minyi start-up on empty input: %.3f s wall, %.3f s CPU\n", zw, zc;
    printf "  ratio, jieba cut loop vs whole minyi process:      wall %.1fx, CPU %.1fx\n", j[1] / mw, j[2] / mc;
    if (mw > zw && mc > zc)
      printf "  ratio, jieba cut loop vs minyi minus its start-up: wall %.1fx, CPU %.1fx\n", j[1] / (mw - zw), j[2] / (mc - zc);
  }'
  if cmp -s "$TMP/jieba.out" "$TMP/minyi.out"; then
    echo "  outputs identical"
  else
    echo "  OUTPUTS DIFFER: $(diff "$TMP/jieba.out" "$TMP/minyi.out" | grep -c '^<') lines"
  fi
done
