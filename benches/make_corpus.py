#!/usr/bin/env python3
"""Generates a corpus of OCR-like text files for the batch benchmark.

    python3 benches/make_corpus.py OUTDIR [MEGABYTES] [--max-doc-kb KB]

Documents are runs of whole lines taken from the project's own OCR texts
(the seed pamphlet and the texts under tests/data), glued end to end, with
sizes drawn log-uniformly from 4 KB to --max-doc-kb (default 2,700 KB, the
seed fifty times), 100 documents a folder. The same arguments give the same
corpus (fixed random seed). Nothing here is committed: the corpus is
written to OUTDIR.
"""
import math
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sources():
    paths = [os.path.join(ROOT, "data/seed/cult-of-the-individual-1956.txt")]
    for d, _, files in sorted(os.walk(os.path.join(ROOT, "tests/data"))):
        paths += [os.path.join(d, f) for f in sorted(files) if f.endswith(".txt")]
    texts = []
    for p in paths:
        with open(p, "rb") as f:
            data = f.read()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        lines = data.splitlines(keepends=True)
        if len(lines) >= 5:
            texts.append(lines)
    return texts


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    max_kb = 2700
    if "--max-doc-kb" in sys.argv:
        max_kb = int(sys.argv[sys.argv.index("--max-doc-kb") + 1])
        args = [a for a in args if a != str(max_kb)]
    if not args:
        sys.exit(__doc__)
    out = args[0]
    target = int(float(args[1]) * 1e6) if len(args) > 1 else 200_000_000
    rng = random.Random(14)
    texts = sources()
    weights = [len(t) for t in texts]
    total = 0
    n = 0
    while total < target:
        size = int(math.exp(rng.uniform(math.log(4_000), math.log(max_kb * 1000))))
        size = min(size, target - total) if target - total > 4_000 else size
        parts = []
        got = 0
        while got < size:
            lines = rng.choices(texts, weights)[0]
            a = rng.randrange(len(lines))
            b = min(len(lines), a + rng.randint(20, 400))
            chunk = b"".join(lines[a:b])
            parts.append(chunk)
            got += len(chunk)
        data = b"".join(parts)
        folder = os.path.join(out, f"box{n // 100:04d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"doc{n:05d}.txt"), "wb") as f:
            f.write(data)
        total += len(data)
        n += 1
    print(f"{out}: {n} documents, {total / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
