#!/bin/sh
# Word-level P/R/F1 of python3-jieba and `minyi segment` (both with HMM) on
# the SIGHAN 2005 PKU and MSR test sets (/work/shared/eval/segmentation,
# measuring only), scored by bench/score_segmentation.py.
#
# Usage: bench/segment_f1.sh [MINYI_BIN]   (default build/minyi)
set -eu
MINYI=${1:-build/minyi}
E=${MINYI_SEG_EVAL:-/work/shared/eval/segmentation}
HERE=$(dirname "$0")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cat > "$TMP/jieba_cut.py" <<'PYEOF'
import sys, io, logging, jieba
jieba.setLogLevel(logging.ERROR)
inp = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline="\n")
for line in inp:
    line = line[:-1] if line.endswith("\n") else line
    sys.stdout.write(" ".join(w for w in jieba.cut(line) if not w.isspace()) + "\n")
PYEOF
for c in pku msr; do
  tr -d '\r' < "$E/${c}_test.utf8" > "$TMP/$c.in"
  tr -d '\r' < "$E/${c}_test_gold.utf8" > "$TMP/$c.gold"
  /usr/bin/python3 "$TMP/jieba_cut.py" < "$TMP/$c.in" > "$TMP/$c.jieba"
  $MINYI segment < "$TMP/$c.in" > "$TMP/$c.minyi"
  echo "$c python3-jieba: $(python3 "$HERE/score_segmentation.py" "$TMP/$c.gold" "$TMP/$c.jieba")"
  echo "$c minyi:         $(python3 "$HERE/score_segmentation.py" "$TMP/$c.gold" "$TMP/$c.minyi")"
done
