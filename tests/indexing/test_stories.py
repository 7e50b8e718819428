"""Republished copies: found at index time, grouped in results, carried through updates."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from search.indexing import stories
from search.indexing.build import build
from search.retrieval.engine import Engine, SearchRequest

REPORT = (
    "Sáng ngày 7/2, tại Trung tâm Chính trị huyện, Ban Tuyên giáo Huyện ủy tổ chức hội nghị triển khai nhiệm vụ "
    "công tác tuyên giáo năm 2023. Đồng chí Phó Bí thư Thường trực Huyện ủy dự và chỉ đạo hội nghị. Hội nghị đã "
    "đánh giá kết quả công tác tuyên truyền, giáo dục chính trị tư tưởng, nắm bắt dư luận xã hội năm 2022 và "
    "thống nhất các nhiệm vụ trọng tâm: đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, "
    "bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trên không gian mạng."
)
OTHER = (
    "Chiều 9/2, Hội Nông dân xã Nam Hồng tổ chức lớp tập huấn kỹ thuật trồng lúa vụ đông xuân cho gần một trăm "
    "hội viên. Các kỹ sư của Trạm khuyến nông hướng dẫn cách gieo mạ, bón phân cân đối, phòng trừ sâu bệnh và "
    "sử dụng giống lúa chất lượng cao phù hợp với đồng đất địa phương, giúp bà con nâng cao năng suất."
)


def record(key: str, body: str, date: str, title: str = "Hội nghị triển khai công tác tuyên giáo") -> dict:
    return {"url": f"https://{key}.example.vn/tin/1", "title": title, "body": body, "date": date}


COPIES = {
    "huyen": record("huyen", REPORT, "2023-02-07"),
    "tinh": record("tinh", "Theo Cổng TTĐT huyện. " + REPORT + " Nguồn: Ban Tuyên giáo Huyện ủy.", "2023-02-08"),
    "bao": record("bao", REPORT[: int(len(REPORT) * 0.7)], "2023-02-09", "Triển khai nhiệm vụ tuyên giáo 2023"),
    "xa": record("xa", OTHER, "2023-02-09", "Tập huấn trồng lúa"),
}


def write(folder: Path, records: dict[str, dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records.values()) + "\n")
    return folder


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("stories")
    build([write(root / "corpus", COPIES)], root / "index", workers=1, progress=False)
    return Engine(str(root / "index"))


def test_copies_under_other_headers_or_cut_are_one_story(engine: Engine) -> None:
    every = engine.search(SearchRequest.build("tuyên giáo", group=False))
    assert every.total == 3 and len({h.story for h in every.hits}) == 1  # three copies, one story id
    grouped = engine.search(SearchRequest.build("tuyên giáo", group=True))
    assert grouped.total == 3 and grouped.stories == 1 and len(grouped.hits) == 1
    (lead,) = grouped.hits
    assert sorted(c.date for c in lead.copies) == sorted(h.date for h in every.hits if h.id != lead.id)
    assert engine.search(SearchRequest.build("lúa", group=True)).hits[0].story is None  # a story of its own


def test_facets_can_count_stories(engine: Engine) -> None:
    articles = engine.search(SearchRequest.build("", filters={}, group=False))
    stories_counted = engine.search(SearchRequest.build("", count_stories=True))
    count = {v.value: v.count for v in articles.facets["year"].values}
    once = {v.value: v.count for v in stories_counted.facets["year"].values}
    assert count == {"2023": 4} and once == {"2023": 2}  # the report and the training course


def test_paging_counts_stories_when_grouped(engine: Engine) -> None:
    page = engine.search(SearchRequest.build("", group=True, per_page=1, sort="newest"))
    assert page.stories == 2 and page.pages == 2
    second = engine.search(SearchRequest.build("", group=True, per_page=1, page=2, sort="newest"))
    assert {page.hits[0].id, second.hits[0].id} != {page.hits[0].id}  # each story once across pages


def test_an_update_carries_signatures_and_a_new_copy_joins(tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", {k: COPIES[k] for k in ("huyen", "xa")})
    build([corpus], tmp_path / "index", workers=1, progress=False)
    first = Engine(str(tmp_path / "index")).search(SearchRequest.build("tuyên giáo", group=True))
    assert first.hits[0].story is None
    write(tmp_path / "more", {"tinh": COPIES["tinh"]})
    report = build([corpus, tmp_path / "more"], tmp_path / "index", workers=2, progress=False)
    assert report.added == 1 and report.unchanged == 2
    gen = sorted((tmp_path / "index").glob("gen-*"))[-1]
    assert len(stories.Signatures.load(gen).ids) == 3  # two carried over, one hashed now
    after = Engine(str(tmp_path / "index")).search(SearchRequest.build("tuyên giáo", group=True))
    assert after.total == 2 and after.stories == 1 and len(after.hits[0].copies) == 1


def test_an_index_from_before_signatures_gets_them(tmp_path: Path) -> None:
    corpus = write(tmp_path / "corpus", COPIES)
    build([corpus], tmp_path / "index", workers=1, progress=False)
    gen = sorted((tmp_path / "index").glob("gen-*"))[-1]
    (gen / stories.SIGNATURES).unlink()
    (gen / stories.STORIES).unlink()
    assert Engine(str(tmp_path / "index")).search(SearchRequest.build("tuyên giáo", group=True)).stories == 3
    write(tmp_path / "more", {"new": record("new", OTHER + " Thêm một đoạn.", "2024-01-01", "Tin mới")})
    build([corpus, tmp_path / "more"], tmp_path / "index", workers=1, progress=False)
    assert Engine(str(tmp_path / "index")).search(SearchRequest.build("tuyên giáo", group=True)).stories == 1


def test_short_and_empty_texts_are_never_grouped() -> None:
    texts = ["", "", "Lịch tiếp dân", "Lịch tiếp dân", REPORT, OTHER]
    sigs = [stories.signature(t) for t in texts]
    found = stories.Signatures(
        [str(i) for i in range(6)], np.array([s for s, _ in sigs]), np.array([n for _, n in sigs], dtype=np.int32)
    )
    assert stories.story_labels(found) == {}


def test_a_follow_up_quoting_a_short_report_whole_is_another_story() -> None:
    follow_up = "Sau hội nghị, các chi bộ đã triển khai kế hoạch. " + OTHER + " " + REPORT + " " + REPORT.upper()
    sigs = [stories.signature(t) for t in (OTHER, follow_up)]
    found = stories.Signatures(
        ["a", "b"], np.array([s for s, _ in sigs]), np.array([n for _, n in sigs], dtype=np.int32)
    )
    assert stories.story_labels(found) == {}


def test_a_story_republished_by_many_portals_is_one_story() -> None:
    """More copies than a crowded band links pair by pair: all still join their first article."""
    texts = [f"{REPORT} Nguồn: cổng thông tin số {i}." for i in range(60)] + [OTHER]
    sigs = [stories.signature(t) for t in texts]
    ids = [f"c{i:02d}" for i in range(60)] + ["other"]
    found = stories.Signatures(ids, np.array([s for s, _ in sigs]), np.array([n for _, n in sigs], dtype=np.int32))
    labels = stories.story_labels(found)
    assert set(labels) == set(ids[:60])
    assert set(labels.values()) == {"c00"}
