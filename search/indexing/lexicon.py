"""The domain's own words: what underthesea must keep whole, at index time and in queries.

Two kinds, because they behave differently in a query. A *name* is that of an organ of the Party or
the state ("Ủy ban nhân dân"), or of a person: people search it as one thing, so a query never divides it,
even where its parts are words of their own ("ủy ban" "nhân dân"). A *term* is a compound of the
genre that the segmenter's dictionary lacks ("báo cáo viên"); it may still be divided where the
index shows its parts standing as words apart. Set phrases are not words ("học tập và làm theo"):
listing them would make a query require them verbatim.
"""

from __future__ import annotations

import functools

NAMES = (
    # Party
    "Ban Chấp hành Trung ương",
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Ban Tuyên giáo",
    "Ban Dân vận",
    "Ban Tổ chức",
    "Ban Nội chính",
    "Ban Kinh tế",
    "Ban Đối ngoại",
    "Ủy ban Kiểm tra",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Thị ủy",
    "Đảng ủy",
    "Trung ương",
    # State
    "Quốc hội",
    "Chính phủ",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Ngân hàng Nhà nước",
    "Kiểm toán Nhà nước",
    "Văn phòng Chính phủ",
    "Ủy ban Thường vụ Quốc hội",
    "Bộ Chỉ huy Quân sự",
    "Bộ đội Biên phòng",
    # Front and mass organisations
    "Mặt trận Tổ quốc",
    "Hội Liên hiệp Phụ nữ",
    "Hội Nông dân",
    "Hội Cựu chiến binh",
    "Liên đoàn Lao động",
    # People
    "Hồ Chí Minh",
)

TERMS = (
    "báo cáo viên",
    "tuyên truyền viên",
    "cộng tác viên",
    "dư luận xã hội",
    "giao ban",
    "tổng kết",
    "sơ kết",
    "hội nghị",
    "Nghị quyết",
    "Chỉ thị",
    "Kết luận",
    "Quyết định",
    "thông tin đối ngoại",
    "lý luận chính trị",
    "khoa giáo",
)

LEXICON = [*NAMES, *TERMS]  # underthesea's fixed_words


@functools.cache
def _entries() -> dict[tuple[str, ...], bool]:
    """Every lexicon entry as lowercase syllables, with whether it is a name."""
    out = {tuple(t.lower().split()): False for t in TERMS}
    out.update({tuple(n.lower().split()): True for n in NAMES})
    return out


def spans(syllables: tuple[str, ...]) -> list[tuple[int, int, bool | None]]:
    """The run cut into lexicon entries and the stretches between them: (start, end, is a name).

    The accented syllables are matched whole and case-insensitively, the longest entry first (the
    segmenter's own ``fixed_words`` is case-sensitive, and people type names in lower case). None
    marks a stretch that is no entry.
    """
    entries = _entries()
    longest = max(len(k) for k in entries)
    lowered = tuple(s.lower() for s in syllables)
    out: list[tuple[int, int, bool | None]] = []
    i = free = 0
    while i < len(lowered):
        for size in range(min(longest, len(lowered) - i), 1, -1):
            kind = entries.get(lowered[i : i + size])
            if kind is not None:
                if free < i:
                    out.append((free, i, None))
                out.append((i, i + size, kind))
                i = free = i + size
                break
        else:
            i += 1
    if free < len(lowered):
        out.append((free, len(lowered), None))
    return out
