#!/usr/bin/env python3
"""Opt-in sentiment evaluation (not part of the unit tests).

Measures the shipped model (or --model FILE) with the scorer binary:
  * macro-F1 / accuracy on the project's own held-out split of
    data/sentiment/corpus.tsv (every 5th example, index % 5 == 4);
  * binary accuracy on public sets under /work/shared/eval/sentiment when
    present (neutral predictions counted by the sign of the score, ties as
    negative). Those files are only read here, never used for training.

Usage:
  python3 bench/sentiment_eval.py --bin build/minyi [--model FILE]
  python3 bench/sentiment_eval.py --bin build/src/text/minyi_train_sentiment --predict-mode --model build/share/minyi/models/sentiment.bin
"""
import argparse
import csv
import io
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


def own_split(args):
    examples = []
    with open(os.path.join(ROOT, "data/sentiment/corpus.tsv"), encoding="utf-8") as f:
        for i, line in enumerate(f):
            line = line.rstrip("\n")
            if not line or line.startswith("#") or (i == 0 and line.startswith("label\t")):
                continue
            label, text = line.split("\t", 1)
            examples.append((LABELS[label], text))
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
    args = ap.parse_args()
    own_split(args)
    if args.own_only:
        return
    for name in ("chnsenticorp_test.tsv", "chnsenticorp_dev.tsv", "weibo_senti_100k_sample2400.csv"):
        path = os.path.join(args.eval_dir, name)
        if os.path.exists(path):
            binary(args, name, read_public(path))
        else:
            print(f"{name}: not found, skipped", file=sys.stderr)


if __name__ == "__main__":
    main()
