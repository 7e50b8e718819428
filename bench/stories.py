"""How well republished copies are grouped: pairwise precision and recall, on labelled and generated pairs.

``python -m bench.stories`` (``make eval-stories``) reads ``../shared/corpora`` as vnsearch extracts it
(the evaluation's cache, bench/eval/corpus.py), labels every article's story with the index-time code
(search.indexing.stories), and scores:

- **labelled**: pairs from the real corpora labelled by reading both texts (bench/labels/stories-real.tsv:
  the detector's own candidates, near misses, and articles of one source and day);
- **generated**: real articles republished the ways portals do: under another header and footer, cut
  to their first part, extended with a paragraph of another article, and lightly edited; and, as
  negatives, every other pair of those articles.

Results go to bench/results/stories-<date>-<commit>.json. Nothing of the corpora is written there.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import itertools
import json
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.eval.corpus import corpus_inputs, extract, find_corpora
from bench.run import RESULTS_DIR, git_commit
from search.indexing import stories

LABELS = Path(__file__).resolve().parent / "labels" / "stories-real.tsv"
HEADERS = (
    "Theo Báo Nhân Dân điện tử.",
    "Cổng thông tin điện tử huyện — Tin tức — Sự kiện. Trang chủ > Tin hoạt động > Tin trong tỉnh.",
    "(ĐCSVN) —",
)
FOOTERS = (
    "Nguồn: Báo Nhân Dân. Bản quyền thuộc Cổng thông tin điện tử huyện. Ghi rõ nguồn khi phát hành lại.",
    "Tin, ảnh: Phòng Văn hóa - Thông tin huyện. Lượt xem: 1.245. In bài viết. Gửi email. Chia sẻ.",
    "Theo TTXVN.",
)


def variants(body: str, other: str, rng: random.Random) -> dict[str, str]:
    """The ways a portal republishes an article."""
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()] or [body]
    sentences = re.split(r"(?<=[.!?])\s+", body)
    words = body.split()
    cut = (
        paragraphs[: max(1, round(len(paragraphs) * 0.6))]
        if len(paragraphs) > 2
        else [" ".join(words[: int(len(words) * 0.6)])]
    )
    extra = " ".join(other.split()[: max(20, len(words) // 5)])
    edited = list(words)
    for i in rng.sample(range(len(edited)), k=max(1, len(edited) // 30)):
        edited[i] = rng.choice(("đã", "cũng", "này", "ấy", "rất"))
    return {
        "boilerplate": f"{rng.choice(HEADERS)}\n\n{body}\n\n{rng.choice(FOOTERS)}",
        "cut": "\n\n".join(cut),
        "extended": f"{body}\n\n{extra}",
        "edited": " ".join(edited) if len(sentences) else body,
    }


def pair_scores(predicted: set[frozenset[str]], truth: set[frozenset[str]], universe: int) -> dict[str, Any]:
    tp = len(predicted & truth)
    return {
        "pairs": universe,
        "true_pairs": len(truth),
        "predicted_pairs": len(predicted),
        "precision": round(tp / len(predicted), 4) if predicted else 1.0,
        "recall": round(tp / len(truth), 4) if truth else 1.0,
    }


def grouped_pairs(labels: dict[str, str], ids: list[str]) -> set[frozenset[str]]:
    by_story: dict[str, list[str]] = {}
    for doc_id in ids:
        by_story.setdefault(labels.get(doc_id, doc_id), []).append(doc_id)
    return {frozenset(p) for members in by_story.values() for p in itertools.combinations(members, 2)}


def signatures_of(items: list[tuple[str, str]]) -> stories.Signatures:
    sigs = [stories.signature(body) for _, body in items]
    return stories.Signatures(
        [i for i, _ in items],
        np.array([s for s, _ in sigs], dtype=np.uint32).reshape(-1, stories.NUM_PERM),
        np.array([n for _, n in sigs], dtype=np.int32),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stories", description=__doc__.split("\n")[0])
    parser.add_argument("--corpora", help="the corpora folder (default ../shared/corpora)")
    parser.add_argument("--generated", type=int, default=200, help="real articles to republish four ways each")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args(argv)
    corpora = find_corpora(args.corpora)
    if not corpora.exists():
        print(f"no corpora at {corpora}: nothing to measure", file=sys.stderr)
        return 2
    docs, _ = extract(corpus_inputs(corpora))
    started = time.perf_counter()
    real = signatures_of([(d.id, d.body) for d in docs])
    labels = stories.story_labels(real)
    seconds = time.perf_counter() - started
    out: dict[str, Any] = {"commit": git_commit()[0], "date": dt.date.today().isoformat(), "documents": len(docs)}
    out["settings"] = {
        "num_perm": stories.NUM_PERM,
        "shingle": stories.SHINGLE,
        "same_jaccard": stories.SAME_JACCARD,
        "same_containment": stories.SAME_CONTAINMENT,
        "min_shingles": stories.MIN_SHINGLES,
    }
    out["real_seconds"] = round(seconds, 2)
    out["real_grouped_articles"] = len(labels)
    out["real_stories_with_copies"] = len(set(labels.values()))

    rows = []
    if LABELS.exists():
        with LABELS.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
    known = {d.id for d in docs}
    rows = [r for r in rows if r["a"] in known and r["b"] in known]
    truth = {frozenset((r["a"], r["b"])) for r in rows if r["same"].strip() == "1"}
    predicted = {frozenset((r["a"], r["b"])) for r in rows if labels.get(r["a"], r["a"]) == labels.get(r["b"], r["b"])}
    out["labelled"] = pair_scores(predicted, truth, len(rows))
    out["labelled"]["misses"] = sorted(" ".join(sorted(p)) for p in truth - predicted)
    out["labelled"]["false_groups"] = sorted(" ".join(sorted(p)) for p in predicted - truth)

    rng = random.Random(0)
    pool = [d for d in docs if len(d.body.split()) >= 150 and d.id not in labels]
    chosen = rng.sample(pool, min(args.generated, len(pool)))
    items: list[tuple[str, str]] = []
    truth_gen: set[frozenset[str]] = set()
    for n, doc in enumerate(chosen):
        other = chosen[(n + 1) % len(chosen)].body
        family = [doc.id] + [f"{doc.id}:{kind}" for kind in ("boilerplate", "cut", "extended", "edited")]
        items.append((doc.id, doc.body))
        items += [(f"{doc.id}:{kind}", text) for kind, text in variants(doc.body, other, rng).items()]
        truth_gen |= {frozenset(p) for p in itertools.combinations(family, 2)}
    generated = signatures_of(items)
    gen_labels = stories.story_labels(generated)
    ids = [i for i, _ in items]
    out["generated"] = pair_scores(grouped_pairs(gen_labels, ids), truth_gen, len(ids) * (len(ids) - 1) // 2)
    out["generated"]["articles"] = len(chosen)
    by_kind: dict[str, list[bool]] = {}
    for doc in chosen:
        for kind in ("boilerplate", "cut", "extended", "edited"):
            copy = f"{doc.id}:{kind}"
            by_kind.setdefault(kind, []).append(gen_labels.get(copy, copy) == gen_labels.get(doc.id, doc.id))
    out["generated"]["recall_by_kind"] = {k: round(sum(v) / len(v), 4) for k, v in by_kind.items()}

    print(json.dumps(out, ensure_ascii=False, indent=1))
    if not args.no_save:
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        path = RESULTS_DIR / f"stories-{out['date']}-{out['commit']}.json"
        path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
