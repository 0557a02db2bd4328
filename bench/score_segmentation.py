#!/usr/bin/env python3
"""Word-level precision / recall / F1 of a segmentation against a gold file,
as the SIGHAN 2005 bakeoff scores it: a word counts as correct when a word
with exactly the same character span exists in the gold line.

Usage: score_segmentation.py GOLD TEST   (both: one sentence per line, words
separated by whitespace). Prints "P R F" and the counts.
"""
import difflib
import sys


def spans(words):
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out, pos


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as g, open(sys.argv[2], encoding="utf-8") as t:
        gold_lines = g.read().splitlines()
        test_lines = t.read().splitlines()
    if len(gold_lines) != len(test_lines):
        sys.exit("line count differs: gold %d, test %d" % (len(gold_lines), len(test_lines)))
    n_gold = n_test = n_ok = mismatched = 0
    for i, (gl, tl) in enumerate(zip(gold_lines, test_lines), 1):
        gs, glen = spans(gl.split())
        ts, tlen = spans(tl.split())
        n_test += len(ts)
        if glen != tlen or "".join(gl.split()) != "".join(tl.split()):
            # A few gold lines differ from the raw text (e.g. an extra quote
            # mark); map test offsets onto gold offsets through the character
            # alignment so only the differing characters are lost.
            mismatched += 1
            gtext, ttext = "".join(gl.split()), "".join(tl.split())
            pos_map = {}
            for a, b, size in difflib.SequenceMatcher(None, ttext, gtext, autojunk=False).get_matching_blocks():
                for k in range(size + 1):
                    pos_map[a + k] = b + k
            ts = {(pos_map[b], pos_map[e]) for b, e in ts
                  if b in pos_map and e in pos_map and pos_map[e] - pos_map[b] == e - b}
        n_gold += len(gs)
        n_ok += len(gs & ts)
    p = n_ok / n_test if n_test else 0.0
    r = n_ok / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print("P=%.4f R=%.4f F1=%.4f (correct %d, test words %d, gold words %d, lines whose text differs %d)"
          % (p, r, f, n_ok, n_test, n_gold, mismatched))


if __name__ == "__main__":
    main()
