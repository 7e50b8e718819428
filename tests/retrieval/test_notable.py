"""Notable words on a corpus built so that the answer is known, and the statistics they rest on."""

from __future__ import annotations

import json

import pytest

from search.indexing.build import build
from search.retrieval import notable
from search.retrieval.engine import Engine, SearchRequest

FARMING = "Hội nông dân xã tổ chức lớp tập huấn kỹ thuật trồng lúa cho bà con trong vụ đông xuân."
MEETING = "Ban Tuyên giáo Huyện ủy tổ chức hội nghị sơ kết công tác tuyên truyền sáu tháng đầu năm."
FOOD = (
    "Đoàn kiểm tra liên ngành về an toàn thực phẩm do đồng chí Nguyễn Văn Hùng dẫn đầu đã kiểm tra các bếp ăn "
    "tập thể tại Hải Hậu; các cơ sở đều được nhắc nhở về vệ sinh an toàn thực phẩm."
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("notable")
    records = [
        {"url": f"https://a.example.vn/{n}", "title": f"Tin {n}", "province": "Thái Bình", "body": FARMING}
        for n in range(30)
    ]
    records += [
        {"url": f"https://b.example.vn/{n}", "title": f"Tin {n}", "province": "Thái Bình", "body": MEETING}
        for n in range(30)
    ]
    records += [  # the food inspections, all in Nam Định, half of them also about the meeting
        {"url": f"https://c.example.vn/{n}", "title": f"Kiểm tra {n}", "province": "Nam Định",
         "body": FOOD + (" " + MEETING if n % 2 else "")}
        for n in range(12)
    ]  # fmt: skip
    (root / "corpus").mkdir()
    (root / "corpus" / "news.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    build([root / "corpus"], root / "index", workers=1, progress=False)
    return Engine(str(root / "index"))


def test_the_words_of_a_province_stand_out_against_the_index(engine: Engine) -> None:
    found = engine.notable(SearchRequest.build("", {"province": ["Nam Định"]}))
    assert (found.matched, found.sample, found.total) == (12, 12, 72)
    words = [t.text for t in found.words]
    assert {"thực phẩm", "an toàn", "kiểm tra", "liên ngành"} <= set(words), words
    assert all(t.docs == 12 for t in found.words[:4])  # in every Nam Định article, and nowhere else
    assert "hải hậu" not in words  # a place is listed as a place
    assert not {"lúa", "nông dân"} & set(words)  # the rest of the index's words are not notable here
    assert not notable.stop_words() & set(words)  # "các", "đều", "về" and the like never appear
    assert [t.text for t in found.people] == ["Nguyễn Văn Hùng"]
    assert [(t.text, t.docs) for t in found.places] == [("Hải Hậu", 12)]
    first = found.words[0]
    assert first.docs == 12 and first.background >= first.docs


def test_the_query_words_themselves_are_not_listed(engine: Engine) -> None:
    found = engine.notable(SearchRequest.build("thuc pham"))  # typed without accents
    words = [t.text for t in found.words]
    assert "thực phẩm" not in words  # what was searched for is no news
    assert "kiểm tra" in words


def test_the_whole_index_has_nothing_notable_against_itself(engine: Engine) -> None:
    found = engine.notable(SearchRequest.build(""))
    assert found.sample == 0 and found.words == []


def test_jlh_rewards_a_rare_word_found_often() -> None:
    assert notable.jlh(10, 10, 10, 1000) > notable.jlh(10, 10, 100, 1000) > 0
    assert notable.jlh(5, 100, 500, 1000) == 0.0  # as common in the sample as everywhere: nothing


def test_people_begin_with_a_family_name_and_places_come_from_the_gazetteer() -> None:
    people, places = notable.people_and_places(
        "Đồng chí Trần Văn Nam, Bí thư Huyện ủy Nam Trực, làm việc tại Nam Định. Ban Tuyên Giáo họp."
    )
    assert people == {"Trần Văn Nam"}
    assert {"Nam Trực", "Nam Định"} <= places


def test_a_broad_match_is_sampled_the_same_way_every_time() -> None:
    import numpy as np

    final = np.ones(10_000, dtype=bool)
    a, b = notable.sample(final), notable.sample(final)
    assert len(a) == notable.SAMPLE and (a == b).all() and (np.diff(a) > 0).all()


def test_a_word_mostly_past_the_opening_is_still_a_word(tmp_path) -> None:
    """The segmenter reads only each article's opening; a word most articles use further down is
    judged by the openings that hold its syllables side by side, not against every later mention."""
    filler = " ".join([FARMING] * 25)  # far past the opening the segmenter reads
    records = [{"url": f"https://a.example.vn/{n}", "title": f"Tin {n}", "body": FARMING} for n in range(30)]
    rate = f"Ngân hàng giảm lãi suất cho vay. {FARMING}"
    records += [  # the rate cut, in the opening
        {"url": f"https://b.example.vn/{n}", "title": f"Kinh tế {n}", "body": rate} for n in range(10)
    ]
    records += [  # and a mention deep in many other articles
        {"url": f"https://c.example.vn/{n}", "title": f"Đời sống {n}", "body": f"{filler} Người vay chờ lãi suất giảm."}
        for n in range(40)
    ]  # fmt: skip
    (tmp_path / "corpus").mkdir()
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    (tmp_path / "corpus" / "news.jsonl").write_text("\n".join(lines) + "\n")
    build([tmp_path / "corpus"], tmp_path / "index", workers=1, progress=False)
    found = Engine(str(tmp_path / "index")).notable(SearchRequest.build("ngan hang"))
    words = [t.text for t in found.words]
    assert "lãi suất" in words and not {"lãi", "suất"} & set(words), words
