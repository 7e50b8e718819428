"""Postings of the analysed text fields, counted per document and written a term at a time.

Whoosh's writer sends every posting through a chain of token objects, then as a tuple into a sorting
pool, then one call at a time (with type assertions) into the codec: about 33 ms of CPU an article
here, more than extraction and segmentation together. For the fields that name a ``counts``
function (:class:`CountedText`), :class:`BulkSegmentWriter` takes a document's term counts from
that function, keeps the postings in flat arrays, and at the end sorts them once with numpy and
hands each term's postings to the codec a block at a time. The segment it writes holds the
postings Whoosh would write (``tests/indexing/test_postings.py`` compares them); every other
field, and every merge of old segments, still takes Whoosh's own way.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from whoosh import fields
from whoosh.system import pack_uint
from whoosh.writing import SegmentWriter

Counts = Callable[[str], Counter[str]]
_PACKED = [pack_uint(n) for n in range(256)]  # a posting's value is its frequency, packed


def _packed(freq: int) -> bytes:
    return _PACKED[freq] if freq < 256 else pack_uint(freq)


class CountedText(fields.TEXT):
    """A text field whose index terms are also counted by a plain function, for the bulk writer.

    ``counts(value)`` must count exactly the texts the field's analyzer yields in index mode; the
    analyzer stays for queries and for any other writer.
    """

    def __init__(self, counts: Counts, **kwargs: Any):
        super().__init__(**kwargs)
        self.counts = counts


class _FieldPostings:
    """One field's postings in the order they were added: a term number, a document, a frequency each."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.term = array("I")
        self.doc = array("I")
        self.freq = array("I")

    def add(self, docnum: int, counts: Counter[str]) -> None:
        numbers = self.numbers
        for text in counts:
            if text not in numbers:
                numbers[text] = len(numbers)
        self.term.extend(map(numbers.__getitem__, counts))
        self.doc.extend(array("I", [docnum]) * len(counts))
        self.freq.extend(counts.values())

    def add_one(self, docnum: int, text: str, freq: int) -> None:
        number = self.numbers.setdefault(text, len(self.numbers))
        self.term.append(number)
        self.doc.append(docnum)
        self.freq.append(freq)

    def __len__(self) -> int:
        return len(self.term)

    def by_term(self) -> Iterable[tuple[bytes, np.ndarray, np.ndarray]]:
        """(term bytes, documents, frequencies) in term order; documents ascend, as they were added."""
        term = np.frombuffer(self.term, dtype=np.uint32)
        order = np.argsort(term, kind="stable")
        docs = np.frombuffer(self.doc, dtype=np.uint32)[order]
        freqs = np.frombuffer(self.freq, dtype=np.uint32)[order]
        ends = np.cumsum(np.bincount(term, minlength=len(self.numbers)))
        # UTF-8 keeps code point order, so sorting the strings sorts the keys the codec writes.
        for text, number in sorted(self.numbers.items()):
            start = ends[number - 1] if number else 0
            yield text.encode("utf-8"), docs[start : ends[number]], freqs[start : ends[number]]


class BulkSegmentWriter(SegmentWriter):
    """A SegmentWriter that keeps the postings of :class:`CountedText` fields itself (see the module)."""

    def __init__(self, ix: Any, **kwargs: Any):
        super().__init__(ix, **kwargs)
        self._bulk: dict[str, _FieldPostings] = {}

    @property
    def postings_held(self) -> int:
        """Postings kept in memory so far: a worker starts a new segment past its budget."""
        return sum(len(p) for p in self._bulk.values())

    def add_document(self, **values: Any) -> None:
        """Whoosh's ``add_document`` for this project's schemas (no boosts, vectors or spelling fields)."""
        self._check_state()
        schema = self.schema
        names = sorted(name for name in values if not name.startswith("_"))
        self._check_fields(schema, names)
        docnum = self.docnum
        perdoc = self.perdocwriter
        perdoc.start_doc(docnum)
        try:
            for name in names:
                value = values[name]
                if value is None:
                    continue
                field = schema[name]
                length = 0
                counter = getattr(field, "counts", None)
                if counter is not None:
                    counts = counter(value)
                    self._bulk.setdefault(name, _FieldPostings()).add(docnum, counts)
                    if field.scorable:
                        length = sum(counts.values())
                elif field.indexed:
                    for tbytes, freq, weight, vbytes in field.index(value):
                        if field.scorable:
                            length += freq
                        self.pool.add((name, tbytes, docnum, weight, vbytes))
                perdoc.add_field(name, field, value if field.stored else None, length)
                column = field.column_type
                if column:
                    perdoc.add_column_value(name, column, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def add_postings_to_pool(self, reader: Any, startdoc: int, docmap: Any) -> None:
        """Postings of merged segments: the bulk fields' join the bulk arrays, so each field is written once."""
        add = self.pool.add
        for name, tbytes, docnum, weight, vbytes in self._process_posts(reader.iter_postings(), startdoc, docmap):
            if getattr(self.schema[name], "counts", None) is None:
                add((name, tbytes, docnum, weight, vbytes))
            else:
                freq = self.schema[name].format.decode_frequency(vbytes) if vbytes else int(weight)
                self._bulk.setdefault(name, _FieldPostings()).add_one(docnum, tbytes.decode("utf-8"), freq)

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        writer = self.fieldwriter
        writer.add_postings(self.schema, lengths, self.pool.iter_postings())
        for name in sorted(self._bulk):
            _write_field(writer, name, self.schema[name], self._bulk[name], lengths)
        self._bulk = {}
        writer.close()
        if lengths:
            lengths.close()


def _write_field(writer: Any, name: str, field: Any, postings: _FieldPostings, lengths: Any) -> None:
    """One field's terms through the W3 field writer, each posting list a block (of the codec's size) at a time."""
    writer.start_field(name, field)
    for tbytes, docs, freqs in postings.by_term():
        writer.start_term(tbytes)
        block = writer._postwriter  # noqa: SLF001 - the W3 codec's block buffer, filled a block at once
        limit = block._blocklimit  # noqa: SLF001
        for start in range(0, len(docs), limit):
            ids = docs[start : start + limit].tolist()
            counts = freqs[start : start + limit].tolist()
            if lengths is not None:  # a codec keeping length statistics needs them posting by posting
                for docnum, freq in zip(ids, counts, strict=True):
                    block.add_posting(docnum, float(freq), _packed(freq), lengths.doc_field_length(docnum, name))
            else:
                block._ids = array("I", ids)  # noqa: SLF001
                block._weights = array("f", counts)  # noqa: SLF001
                block._values = [_packed(f) for f in counts]  # noqa: SLF001
                block._maxweight = float(max(counts))  # noqa: SLF001
            if start + limit < len(docs) and len(block):
                block._write_block()  # noqa: SLF001 - the last one is written by finish_term
        writer.finish_term()
    writer.finish_field()
