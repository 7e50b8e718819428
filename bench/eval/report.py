"""Where the numbers go: a results file, a table on stdout and the same table in bench/README.md."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
from pathlib import Path
from typing import Any

from bench.eval.corpus import ROOT

RESULTS_DIR = ROOT / "bench" / "results"
README = ROOT / "bench" / "README.md"
START, END = "<!-- eval:start -->", "<!-- eval:end -->"
LABELS = {"vnsearch": "vnsearch", "fts5": "SQLite FTS5", "tantivy": "tantivy (ES recipe)"}

SECTION = f"""
## Relevance evaluation

`make eval` (or `.venv/bin/python -m bench.eval [--corpora DIR] [--engines vnsearch,fts5,tantivy]`)
measures how well vnsearch finds and counts, on a real corpus, against two anchors built over the very
documents `vnsearch extract` prints: **SQLite FTS5** as Datasette sets it up (`unicode61
remove_diacritics 2`, every syllable quoted and AND-ed, `bm25` with the title weighted 3) and **the
usual Elasticsearch recipe** on tantivy (exact and unidecode-folded twins of title and body; every folded
syllable required; exact syllables and the whole folded phrase only raise the score; title above body).
The corpora folder is `../shared/corpora` (or `$VNSEARCH_EVAL_CORPORA`, or `--corpora`); any folder
vnsearch can read works, so you can run it on your own corpus. Without it the run says so and exits 0.
Extracted articles and indexes go to `bench/work/eval/`; results to `bench/results/eval-<date>-<commit>.json`.

Ground truth comes from the text, never from an engine: title and body in the project's spelling
(`search.text.normalize`), lowercased, split into syllables (`\\w+`).

- **P@10** (phrase queries, `bench/eval/queries.toml`): a document is relevant when it holds the phrase
  with its accents, syllables together. P@10 = relevant in the top 10 / min(10, relevant documents);
  a phrase found nowhere is skipped. Each phrase is typed three ways: as written, **accentless**
  (folded, lowercase) and **half**-accented (accents on syllables 0, 2, 4, ... only), judged against
  the accented phrase each time: a person who typed "tuyen giao" wants "tuyên giáo".
- **Known item**: 200 articles (`--known-items`) with a 4-30 syllable title no other article shares (fixed seed, drawn
  at run time, never committed); the query is the full title, or a 4-6 syllable run of it that is in
  no other title, each with and without accents. **S@1** = the article is first; **MRR** = mean 1/rank
  within the top 100 (0 beyond).
- **Count precision / recall** (every phrase query, all three forms): the strict match set holds every
  word of the query with its syllables together, accents ignored. Precision = share of the reported
  match set in it (an empty report is 1 when the strict set is empty, else 0); recall = share of it
  reported. It says whether the number of results is a count a researcher can quote.
- **Latency**: median wall time of a top-10 query, in-process, over every query. "Index build s" is
  the whole build; "(update)" marks a vnsearch index kept from an earlier run (`--fresh` rebuilds it).

{START}
{END}
"""


def git_commit() -> tuple[str, bool]:
    """(short HEAD, working tree dirty): a run is tied to the code it measured."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        status = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        return sha or "unknown", bool(status.strip())
    except (OSError, subprocess.CalledProcessError):
        return "unknown", False


def write_results(data: dict[str, Any], results_dir: Path = RESULTS_DIR) -> Path:
    """``bench/results/eval-<date>-<commit>.json``; a second run on the same day and commit replaces it."""
    results_dir.mkdir(parents=True, exist_ok=True)
    path = results_dir / f"eval-{data['date']}-{data['commit']}.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def machine() -> dict[str, Any]:
    return {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


def today() -> str:
    return dt.date.today().isoformat()


def _f(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _pair(a: float | None, b: float | None, digits: int = 3) -> str:
    return f"{_f(a, digits)} / {_f(b, digits)}"


def table(data: dict[str, Any]) -> str:
    """Markdown table: one row per metric, one column per engine."""
    engines: dict[str, dict[str, Any]] = data["engines"]
    names = list(engines)
    rows: list[tuple[str, list[str]]] = []

    def row(label: str, cell: Any) -> None:
        rows.append((label, [cell(engines[n]) for n in names]))

    row("P@10 accented", lambda e: _f(e["p_at_10"]["accented"]))
    row("P@10 accentless", lambda e: _f(e["p_at_10"]["accentless"]))
    row("P@10 half-accented", lambda e: _f(e["p_at_10"]["half"]))
    for kind, label in (
        ("title_accented", "title, accented"),
        ("title_accentless", "title, accentless"),
        ("run_accented", "4-6 syllable run, accented"),
        ("run_accentless", "4-6 syllable run, accentless"),
        ("overall", "overall"),
    ):
        row(
            f"known item S@1 / MRR: {label}",
            lambda e, k=kind: _pair(e["known_item"][k]["success_at_1"], e["known_item"][k]["mrr"]),
        )
    for form, label in (
        ("accented", "accented"),
        ("accentless", "accentless"),
        ("half", "half-accented"),
        ("all", "all forms"),
    ):
        row(
            f"count precision / recall: {label}",
            lambda e, f=form: _pair(e["count_precision"][f], e["count_recall"][f]),
        )
    row("median top-10 latency ms", lambda e: _f(e["latency_ms"]["median"], 1))
    row("index build s", lambda e: _f(e.get("build_seconds"), 1) + (" (update)" if e.get("index_reused") else ""))
    q = data["queries"]
    head = (
        f"{data['date']}, commit {data['commit']}{'+' if data.get('dirty') else ''}: {data['docs']:,} documents, "
        f"{q['phrases']} phrases × 3 forms ({q['phrase_queries']} queries), "
        f"{q['known_items']} known items ({q['known_item_queries']} queries)."
    )
    lines = [head, "", "| metric | " + " | ".join(LABELS.get(n, n) for n in names) + " |"]
    lines.append("|---|" + "---|" * len(names))
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows]
    skipped = data.get("skipped") or {}
    if skipped:
        lines += ["", "Not run: " + "; ".join(f"{LABELS.get(n, n)} ({why})" for n, why in skipped.items()) + "."]
    return "\n".join(lines)


def update_readme(markdown: str, readme: Path = README) -> None:
    """Put the table between the eval markers, adding the section (with what the metrics mean) if missing."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + "\n" + SECTION
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    readme.write_text(f"{before}{START}\n{markdown}\n{END}{after}", encoding="utf-8")
