"""The relevance evaluation's judgements: what counts as relevant, and how each metric is computed."""

from __future__ import annotations

from bench.eval import metrics, queries


def test_containment_is_contiguous_syllables_with_or_without_accents() -> None:
    text = "Ban Tuyên giáo Huyện ủy tổ chức hội nghị. Tuyển giáo viên năm học mới."
    assert metrics.contains_phrase(text, "tuyên giáo")
    assert not metrics.contains_phrase(text, "tuyển giáo viên mới")
    assert not metrics.contains_phrase(text, "tuyên huyện")  # not adjacent
    assert metrics.contains_phrase(text, "tuyen giao", folded=True)
    assert not metrics.contains_phrase(text, "tuyen giao")  # accents matter unless folded
    assert metrics.contains_every_word(text, ["hội nghị", "tuyển giáo"])
    assert not metrics.contains_every_word(text, ["hội nghị tổng kết"])


def test_the_metrics() -> None:
    assert metrics.precision_at_k(["a", "x", "b"], {"a", "b"}, k=10) == 1.0  # at most 2 could be there
    assert metrics.precision_at_k(["x", "a"], {"a", "b", "c"}, k=2) == 0.5
    assert metrics.precision_at_k(["a"], set()) is None
    assert metrics.reciprocal_rank(["x", "y", "t"], "t") == 1 / 3
    assert metrics.reciprocal_rank(["x"] * 5, "t", depth=5) == 0.0
    assert metrics.success_at_1(["t", "x"], "t") == 1.0
    assert metrics.count_precision({"a", "b", "x", "y"}, {"a", "b", "c"}) == 0.5
    assert metrics.count_recall({"a", "b", "x", "y"}, {"a", "b", "c", "d"}) == 0.5
    assert metrics.count_precision(set(), set()) == 1.0 and metrics.count_precision(set(), {"a"}) == 0.0


def test_each_phrase_runs_in_three_forms() -> None:
    assert queries.forms("hội nghị tổng kết") == {
        "accented": "hội nghị tổng kết",
        "accentless": "hoi nghi tong ket",
        "half": "hội nghi tổng ket",
    }
    phrases = queries.load_phrases()
    assert len(phrases) >= 40
    assert all(1 <= len(p.phrase.split()) <= 5 and p.words for p in phrases)
