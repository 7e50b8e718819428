"""The bulk writer writes what Whoosh's own writer writes: the same terms, postings, weights, values, lengths."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import SegmentWriter

from search.indexing.build import analyse_row, content_hash
from search.indexing.postings import BulkSegmentWriter
from search.indexing.schema import IndexCodec, make_schema
from search.model import RawDocument, SiteDefaults

ROOT = Path(__file__).resolve().parents[2]

# Texts that stress the analysers: mixed case and tone styles, Đ/Ð, punctuation between syllables,
# digits and codes, a syllable repeated hundreds of times (frequency past one byte), empty fields.
ODD = [
    "Hội nghị Ban Tuyên giáo\n\nSáng 6/1/2022, BAN TUYÊN GIÁO Huyện ủy tổ chức hội nghị. Hoà, hòa; ÐẢNG – Đảng!",
    "Chỉ thị 05-CT/TW\n\nThực hiện Chỉ thị số 05-CT/TW, báo cáo, viên chức… " + "tuyên truyền " * 300,
    "Tiêu đề\n\n" + "Ngày 2/9/2021. ".join(f"câu {i} có số {i}" for i in range(400)),
    "x\n\n.",
]


def _rows() -> list[dict[str, Any]]:
    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))] + ODD
    rows = []
    for i, text in enumerate(pages):
        raw = RawDocument(origin=f"doc{i}.txt", kind="text", text=text, fields={}, site=SiteDefaults())
        rows.append(analyse_row(raw, content_hash(raw)))
    return rows


def _write(folder: Path, writer_class: type[SegmentWriter], rows: list[dict[str, Any]], blocklimit: int) -> Any:
    ix = FileStorage(str(folder)).create().create_index(make_schema())
    codec = IndexCodec()
    codec._blocklimit = blocklimit  # small blocks: long posting lists span several
    writer = writer_class(ix, codec=codec)
    for row in rows:
        writer.add_document(**row)
    writer.commit()
    return ix


def _contents(ix: Any) -> dict[str, Any]:
    """Everything the index says about each document, keyed by the document's id (not its number)."""
    with ix.searcher() as s:
        reader = s.reader()
        ids = [stored["id"] for stored in reader.all_stored_fields()]
        postings: dict[tuple[str, bytes], list[tuple[str, float, bytes]]] = {}
        for field, text in reader.all_terms():
            m = reader.postings(field, text)
            while m.is_active():
                postings.setdefault((field, text), []).append((ids[m.id()], m.weight(), m.value()))
                m.next()
        names = list(ix.schema.names())
        return {
            "postings": {key: sorted(found) for key, found in postings.items()},
            "lengths": {(ids[d], f): reader.doc_field_length(d, f) for d in range(len(ids)) for f in names},
            "stats": {(f, t): (reader.doc_frequency(f, t), reader.frequency(f, t)) for f, t in postings},
            "totals": {f: reader.field_length(f) for f in names},
            "stored": sorted(reader.all_stored_fields(), key=lambda stored: stored["id"]),
        }


@pytest.mark.parametrize("blocklimit", [256, 3])
def test_bulk_writer_writes_what_whoosh_writes(tmp_path: Path, blocklimit: int) -> None:
    rows = _rows()
    plain = _contents(_write(tmp_path / "plain", SegmentWriter, rows, blocklimit))
    bulk = _contents(_write(tmp_path / "bulk", BulkSegmentWriter, rows, blocklimit))
    assert len(plain["postings"]) > 1000
    assert plain["postings"].keys() == bulk["postings"].keys()
    assert plain == bulk
    # The frequency past one byte took the packed-value path (300 repeats of "tuyên truyền").
    assert max(w for found in bulk["postings"].values() for _, w, _ in found) >= 300


def _merged(folder: Path, writer_class: type[SegmentWriter], rows: list[dict[str, Any]]) -> Any:
    ix = FileStorage(str(folder)).create().create_index(make_schema())
    for n, part in enumerate((rows[:3], rows[3:6], rows[6:])):
        writer = writer_class(ix, codec=IndexCodec())
        for row in part:
            writer.add_document(**row)
        writer.commit(optimize=n == 2)  # the last commit reads the old segments back through the merge path
    assert len(ix._segments()) == 1
    return ix


def test_merged_segments_keep_every_posting(tmp_path: Path) -> None:
    """Old segments merged by the bulk writer join its own postings, each field written once.

    (Whoosh's merge copies lengths as their one-byte codes, so field totals after a merge are
    approximate: compared with Whoosh's own merge, not with a fresh build.)
    """
    rows = _rows()
    merged = _contents(_merged(tmp_path / "bulk", BulkSegmentWriter, rows))
    assert merged == _contents(_merged(tmp_path / "plain", SegmentWriter, rows))
    fresh = _contents(_write(tmp_path / "fresh", SegmentWriter, rows, 256))
    assert merged["postings"] == fresh["postings"]


@pytest.mark.slow
def test_workers_past_their_budget_start_new_segments(tmp_path: Path) -> None:
    """A worker over its postings budget ends its segment and goes on in a new one: nothing is lost."""
    from whoosh import index as whoosh_index

    from search.indexing.parallel import Job, SegmentWorkers, commit_with

    pages = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))] * 40
    raws = [
        RawDocument(origin=f"doc{i}.txt", kind="text", text=f"Bài {i}\n\n{text}", fields={}, site=SiteDefaults())
        for i, text in enumerate(pages)
    ]
    folder = tmp_path / "index"
    ix = FileStorage(str(folder)).create().create_index(make_schema())
    writer = BulkSegmentWriter(ix, codec=IndexCodec())
    workers = SegmentWorkers(folder, analyse_row, 2, budget=2_000)  # a few documents a segment
    done = list(workers.run(Job(raw, content_hash(raw), raw.origin) for raw in raws))
    assert not [d.error for d in done if d.error]
    assert len(workers.segments) >= 4  # checked after each batch of 32
    commit_with(writer, workers.segments)
    reopened = whoosh_index.open_dir(str(folder))
    assert len(reopened._segments()) == len(workers.segments)
    assert reopened.doc_count() == len(raws)
    with reopened.searcher() as searcher:
        every = {searcher.stored_fields(n)["id"] for n in range(searcher.doc_count_all())}
    assert every == {d.doc_id for d in done}
