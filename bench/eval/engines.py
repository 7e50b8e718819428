"""The engines under evaluation behind one small interface: vnsearch and two anchors.

``Vnsearch`` is the only place that imports the engine (one import line to change when it moves).
The anchors index the very documents ``vnsearch extract`` prints (id, title, body), so differences
come from matching and ranking, not from what was indexed:

- ``Fts5``: SQLite FTS5 as Datasette gives it (``unicode61 remove_diacritics 2``, every syllable
  quoted and AND-ed, ``bm25`` with the title weighted 3).
- ``TantivyRecipe``: the usual Elasticsearch recipe for Vietnamese, on tantivy: exact and folded
  twins of title and body; all folded syllables required; exact syllables and the whole folded
  phrase (title above body) only raise the score.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bench.eval.text import TOKEN, fold, normalize

MAX_PER_PAGE = 100  # vnsearch's cap on per_page
_UNCHANGED = re.compile(r"(\d+) unchanged")


@dataclass(frozen=True)
class Doc:
    """What the anchors index: exactly the id, title and body vnsearch extracted."""

    id: str
    title: str
    body: str


class SearchEngine(Protocol):
    """An engine as the evaluation sees it."""

    name: str

    def build(self, docs: Sequence[Doc]) -> float:
        """Index ``docs``; return wall seconds."""
        ...

    def top(self, query: str, k: int) -> list[str]:
        """Ids of the best ``k`` results, best first."""
        ...

    def matches(self, query: str) -> list[str]:
        """Ids of the whole match set (what the engine counts), in any order."""
        ...


class EngineUnavailable(RuntimeError):
    """The engine cannot run here (an optional package is missing); the run goes on without it."""


# -- vnsearch ------------------------------------------------------------------------------------


def _engine_class() -> Any:
    """vnsearch's Engine: the one import of the engine in bench/eval (change this line if it moves)."""
    from search.retrieval.engine import Engine

    return Engine


@dataclass(frozen=True)
class _Empty:
    total: int = 0
    hits: tuple[Any, ...] = ()


_NO_RESULTS = _Empty()


class Vnsearch:
    """vnsearch itself: indexed with its CLI from the corpus files, queried in-process."""

    name = "vnsearch"

    def __init__(self, index_dir: Path, inputs: Sequence[Path], root: Path) -> None:
        self.index_dir = index_dir
        self.inputs = list(inputs)
        self.root = root
        self.errors = 0  # queries the engine refused
        self.reused = False  # documents were kept from an earlier run: only changed ones were indexed
        self._engine: Any = None

    def build(self, docs: Sequence[Doc]) -> float:
        """`vnsearch index` of the corpus files (it skips documents it already holds unchanged)."""
        started = time.perf_counter()
        cmd = [sys.executable, "-m", "search", "index", *map(str, self.inputs), "--index", str(self.index_dir)]
        done = subprocess.run([*cmd, "--quiet"], cwd=self.root, stdout=sys.stderr, stderr=subprocess.PIPE, text=True)
        sys.stderr.write(done.stderr)
        done.check_returncode()
        unchanged = _UNCHANGED.search(done.stderr)  # the indexer's summary: "..., 3931 unchanged, ..."
        self.reused = bool(unchanged and int(unchanged.group(1)) > 0)
        self._engine = _engine_class()(str(self.index_dir))
        return time.perf_counter() - started

    def _search(self, query: str, page: int, per_page: int, sort: str = "relevance") -> Any:
        """One page; a query the engine refuses with a message (a ValueError) is a page with nothing."""
        try:
            # The query goes first, by position: `Engine.search(request_or_q, filters, **fields)`.
            return self._engine.search(query, page=page, per_page=per_page, sort=sort)
        except ValueError:
            self.errors += 1
            return _NO_RESULTS

    def top(self, query: str, k: int) -> list[str]:
        return [h.id for h in self._search(query, 1, min(k, MAX_PER_PAGE)).hits][:k]

    def matches(self, query: str) -> list[str]:
        """Every page of the match set, newest first: the set does not depend on the sort, and date
        order pages deterministically even when relevance scores tie or are not numbers."""
        first = self._search(query, 1, MAX_PER_PAGE, sort="newest")
        ids = [h.id for h in first.hits]
        page = 1
        while len(ids) < first.total:
            page += 1
            hits = self._search(query, page, MAX_PER_PAGE, sort="newest").hits
            if not hits:
                break
            ids += [h.id for h in hits]
        return ids


# -- SQLite FTS5 ---------------------------------------------------------------------------------


def fts5_query(query: str) -> str:
    """Datasette's escaping: each whitespace-separated term double-quoted, all of them AND-ed."""
    terms = [t.replace('"', "") for t in query.split()]
    return " AND ".join(f'"{t}"' for t in terms if t)


class Fts5:
    """SQLite FTS5 with Datasette's defaults: what a newsroom gets from ``sqlite-utils enable-fts``."""

    name = "fts5"

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None
        self._ids: list[str] = []

    def build(self, docs: Sequence[Doc]) -> float:
        started = time.perf_counter()
        self.path.unlink(missing_ok=True)
        db = sqlite3.connect(self.path)
        db.execute('CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize="unicode61 remove_diacritics 2")')
        db.executemany(
            "INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)", ((i, d.title, d.body) for i, d in enumerate(docs))
        )
        db.commit()
        self._db = db
        self._ids = [d.id for d in docs]
        return time.perf_counter() - started

    def _rows(self, query: str, limit: int) -> list[str]:
        match = fts5_query(query)
        if not match or self._db is None:
            return []
        sql = "SELECT rowid FROM t WHERE t MATCH ? ORDER BY bm25(t, 3.0, 1.0), rowid LIMIT ?"
        try:
            return [self._ids[r] for (r,) in self._db.execute(sql, (match, limit))]
        except sqlite3.OperationalError:  # a syntax FTS5 rejects: Datasette shows an error, i.e. nothing
            return []

    def top(self, query: str, k: int) -> list[str]:
        return self._rows(query, k)

    def matches(self, query: str) -> list[str]:
        return self._rows(query, -1)


# -- tantivy: the Elasticsearch recipe -----------------------------------------------------------


def recipe_fields(title: str, body: str) -> dict[str, str]:
    """Exact (lowercased) and folded twins of title and body, folded before indexing (đ -> d)."""
    title, body = normalize(title).lower(), normalize(body).lower()
    return {"title": title, "body": body, "title_f": fold(title), "body_f": fold(body)}


class TantivyRecipe:
    """bool{must: every folded syllable in title_f|body_f; should: exact syllables, folded phrase}."""

    name = "tantivy"
    TITLE_BOOST = 2.0
    PHRASE_BOOST = {"title_f": 3.0, "body_f": 2.0}

    def __init__(self, index_dir: Path) -> None:
        try:
            import tantivy
        except ImportError:
            raise EngineUnavailable("tantivy is not installed (pip install -e '.[eval]')") from None
        self.tantivy = tantivy
        self.index_dir = index_dir
        self._index: Any = None
        self._searcher: Any = None
        self._ids: list[str] = []

    def build(self, docs: Sequence[Doc]) -> float:
        started = time.perf_counter()
        tv = self.tantivy
        shutil.rmtree(self.index_dir, ignore_errors=True)
        self.index_dir.mkdir(parents=True)
        sb = tv.SchemaBuilder()
        sb.add_unsigned_field("n", stored=True, indexed=True)
        for name in ("title", "body", "title_f", "body_f"):
            sb.add_text_field(name, stored=False, tokenizer_name="default", index_option="position")
        schema = sb.build()
        index = tv.Index(schema, path=str(self.index_dir))
        writer = index.writer(heap_size=200_000_000, num_threads=2)
        for n, d in enumerate(docs):
            row = tv.Document()
            row.add_unsigned("n", n)
            for name, value in recipe_fields(d.title, d.body).items():
                row.add_text(name, value)
            writer.add_document(row)
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        self._index, self._searcher = index, index.searcher()
        self._ids = [d.id for d in docs]
        return time.perf_counter() - started

    def query(self, text: str) -> Any:
        """The bool query of the recipe, or None when the text has no syllable."""
        tv = self.tantivy
        schema = self._index.schema
        Q, Occur = tv.Query, tv.Occur
        folded = TOKEN.findall(fold(text))
        exact = TOKEN.findall(normalize(text).lower())
        if not folded:
            return None

        def term(field: str, value: str, boost: float = 1.0) -> Any:
            q = Q.term_query(schema, field, value)
            return Q.boost_query(q, boost) if boost != 1.0 else q

        clauses: list[tuple[Any, Any]] = []
        for syl in dict.fromkeys(folded):
            either = Q.boolean_query(
                [(Occur.Should, term("title_f", syl, self.TITLE_BOOST)), (Occur.Should, term("body_f", syl))]
            )
            clauses.append((Occur.Must, either))
        for syl in dict.fromkeys(exact):
            clauses.append((Occur.Should, term("title", syl, self.TITLE_BOOST)))
            clauses.append((Occur.Should, term("body", syl)))
        if len(folded) > 1:
            for field, boost in self.PHRASE_BOOST.items():
                clauses.append((Occur.Should, Q.boost_query(Q.phrase_query(schema, field, folded), boost)))
        return Q.boolean_query(clauses)

    def _hits(self, query: str, limit: int) -> list[str]:
        q = self.query(query)
        if q is None:
            return []
        result = self._searcher.search(q, limit=limit, count=False)
        return [self._ids[self._searcher.doc(addr)["n"][0]] for _, addr in result.hits]

    def top(self, query: str, k: int) -> list[str]:
        return self._hits(query, k)

    def matches(self, query: str) -> list[str]:
        return self._hits(query, max(1, len(self._ids)))
