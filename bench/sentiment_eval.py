#!/usr/bin/env python3
"""Opt-in sentiment evaluation (not part of the unit tests).

Measures the shipped model (or --model FILE) with the scorer binary:
  * macro-F1 / accuracy on the project's own held-out split of
    data/sentiment/corpus.tsv (every 5th example, index % 5 == 4);
  * binary accuracy, log-loss and accuracy by length on the project's own
    development set data/sentiment/dev_reviews.tsv (pos/neg, written for
    model choices, never trained on; --dev-only measures just that);
  * binary accuracy on public sets under /work/shared/eval/sentiment when
    present (neutral predictions counted by the sign of the score, ties as
    negative). Those files are only read here, never used for training.

Usage:
  python3 bench/sentiment_eval.py --bin build/minyi [--model FILE]
  python3 bench/sentiment_eval.py --bin build/src/text/minyi_train_sentiment --predict-mode --model build/share/minyi/models/sentiment.bin
  python3 bench/sentiment_eval.py --bin build/minyi --dev-only --verbose   # the set model choices are made on
"""
import argparse
import csv
import io
import math
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LABELS = {"neg": 0, "negative": 0, "-1": 0, "neu": 1, "neutral": 1, "0": 1, "pos": 2, "positive": 2, "1": 2}


def score(args, texts):
    if args.predict_mode:
        cmd = [args.bin, "--predict", args.model]
    else:
        cmd = [args.bin, "sentiment"] + (["--model", args.model] if args.model else [])
    clean = [t.replace("\r", " ").replace("\n", " ") for t in texts]
    out = subprocess.run(cmd, input="\n".join(clean) + "\n", capture_output=True, text=True, check=True).stdout
    rows = [l.split("\t") for l in out.splitlines()]
    assert len(rows) == len(texts), (len(rows), len(texts))
    return [({"negative": 0, "neutral": 1, "positive": 2}[a], float(b)) for a, b in rows]


def read_labelled(relative_path):
    """(label index, text) rows of a project "label<TAB>text" file."""
    rows = []
    with open(os.path.join(ROOT, relative_path), encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or (i == 0 and line.startswith("label\t")):
                continue
            label, text = line.split("\t", 1)
            rows.append((LABELS[label], text))
    return rows


def own_split(args):
    examples = read_labelled("data/sentiment/corpus.tsv")
    held = [e for i, e in enumerate(examples) if i % 5 == 4]
    report(args, "own held-out", held)
    # The templated part shares fragments with the training part, so the
    # hand-written held-out texts are the more honest figure.
    hand = set()
    src = os.path.join(ROOT, "data/sentiment/src")
    for name in sorted(os.listdir(src)):
        if not (name.startswith("hand_") and name.endswith(".txt")):
            continue
        labelled = name[:-4].rsplit("_", 1)[-1] not in ("neg", "neu", "pos")
        with open(os.path.join(src, name), encoding="utf-8") as f:
            for l in f:
                l = l.strip()
                if not l or l.startswith("#"):
                    continue
                hand.add(l.split("\t", 1)[1].strip() if labelled else l)
    report(args, "own held-out, hand-written only", [e for e in held if e[1] in hand])


def report(args, name, held):
    pred = score(args, [t for _, t in held])
    f1s = []
    for k in range(3):
        tp = sum(1 for (y, _), (p, _) in zip(held, pred) if y == k and p == k)
        fp = sum(1 for (y, _), (p, _) in zip(held, pred) if y != k and p == k)
        fn = sum(1 for (y, _), (p, _) in zip(held, pred) if y == k and p != k)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    acc = sum(1 for (y, _), (p, _) in zip(held, pred) if y == p) / len(held)
    print(f"{name} ({len(held)} texts): macro-F1 {sum(f1s) / 3:.3f}  accuracy {acc:.3f}  "
          f"F1 neg/neu/pos {f1s[0]:.3f}/{f1s[1]:.3f}/{f1s[2]:.3f}")


def dev_set(args):
    """Model choices are made here, not on the public sets."""
    rows = [(0 if label == 0 else 1, text) for label, text in read_labelled("data/sentiment/dev_reviews.tsv")]
    with open(os.path.join(ROOT, "data/sentiment/corpus.tsv"), encoding="utf-8") as f:
        corpus = {line.rstrip("\n").split("\t", 1)[-1] for line in f}
    leaked = sum(1 for _, t in rows if t in corpus)
    if leaked:
        print(f"warning: {leaked} dev texts also occur in corpus.tsv", file=sys.stderr)
    pred = score(args, [t for _, t in rows])
    buckets = {}
    correct, loss = 0, 0.0
    for (y, t), (p, s) in zip(rows, pred):
        guess = 1 if (p == 2 or (p == 1 and s > 0)) else 0
        ok = guess == y
        correct += ok
        # The score is P(pos) - P(neg); (1 + s) / 2 is a binary probability.
        q = min(max((1 + s) / 2 if y == 1 else (1 - s) / 2, 1e-3), 1.0)
        loss -= math.log(q)
        key = "<60" if len(t) < 60 else "60-149" if len(t) < 150 else "150+"
        hit = buckets.setdefault(key, [0, 0])
        hit[0] += ok
        hit[1] += 1
        if args.verbose and not ok:
            print(f"  miss {'pos' if y else 'neg'} {s:+.3f} {t[:70]}")
    by_len = "  ".join(f"{k} {a / b:.3f} ({b})" for k, (a, b) in sorted(buckets.items()))
    print(f"dev_reviews ({len(rows)} texts): binary accuracy {correct / len(rows):.3f}  "
          f"log-loss {loss / len(rows):.3f}  by length: {by_len}")


def binary(args, name, rows):
    pred = score(args, [t for _, t in rows])
    correct = 0
    for (y, _), (p, s) in zip(rows, pred):
        guess = 1 if (p == 2 or (p == 1 and s > 0)) else 0
        correct += guess == y
    print(f"{name} ({len(rows)} texts): binary accuracy {correct / len(rows):.3f}")


def read_public(path):
    with open(path, encoding="utf-8-sig") as f:
        data = f.read()
    rows = []
    if path.endswith(".tsv"):
        for i, line in enumerate(data.splitlines()):
            if i == 0 or not line:
                continue
            label, text = line.split("\t", 1)
            rows.append((int(label), text))
    else:
        reader = csv.reader(io.StringIO(data))
        next(reader)
        for r in reader:
            rows.append((int(r[0]), ",".join(r[1:])))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--model", default="")
    ap.add_argument("--predict-mode", action="store_true")
    ap.add_argument("--eval-dir", default="/work/shared/eval/sentiment")
    ap.add_argument("--own-only", action="store_true")
    ap.add_argument("--dev-only", action="store_true")
    ap.add_argument("--verbose", action="store_true", help="list the dev-set misses")
    args = ap.parse_args()
    if not args.dev_only:
        own_split(args)
    dev_set(args)
    if args.own_only or args.dev_only:
        return
    for name in ("chnsenticorp_test.tsv", "chnsenticorp_dev.tsv", "weibo_senti_100k_sample2400.csv"):
        path = os.path.join(args.eval_dir, name)
        if os.path.exists(path):
            binary(args, name, read_public(path))
        else:
            print(f"{name}: not found, skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
