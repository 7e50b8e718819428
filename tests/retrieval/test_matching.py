"""The numpy matcher reads postings a block at a time on the pinned Whoosh, and its cache keeps hot terms."""

from __future__ import annotations

from search.indexing.analysis import folded_term
from search.retrieval import matching


def test_pinned_whoosh_offers_block_reads(engine) -> None:
    """Without the codec's block reads every posting would be read one by one in Python: 100× slower."""
    gen = engine._generation()
    term = folded_term("tuyên")
    leaves = [leaf for leaf, _ in gen.terms._leaves if ("body", term) in leaf]
    assert leaves, "the sample index has no 'tuyên' in its bodies"
    assert all(matching.reads_blocks(leaf.postings("body", term)) for leaf in leaves)


def test_term_cache_evicts_the_least_recently_used(engine, monkeypatch) -> None:
    terms = matching.TermIndex(engine._searcher(engine._generation()), engine._generation().columns.live)
    monkeypatch.setattr(matching, "CACHE_TERMS", 2)
    hot, warm, cold = (("body", folded_term(s)) for s in ("tuyên", "giáo", "hội"))
    terms.postings(*hot)
    terms.postings(*warm)
    terms.postings(*hot)  # used again: now the most recent
    terms.postings(*cold)  # evicts warm, the least recently used
    assert list(terms._terms) == [hot, cold]


def test_field_lengths_read_as_a_block_equal_the_per_document_ones(engine) -> None:
    gen = engine._generation()
    for leaf, _ in gen.terms._leaves:
        for field in ("title", "body", "meta", "pairs"):
            block = matching.leaf_lengths(leaf, field)
            one_by_one = [leaf.doc_field_length(d, field, 0) or 0 for d in range(leaf.doc_count_all())]
            assert block.tolist() == one_by_one
            column = leaf._perdoc._cached_reader(matching._lenfield(field), matching.LENGTHS_COLUMN)
            assert all(hasattr(column, a) for a in ("_dbfile", "_basepos", "_count"))  # the block read applies
