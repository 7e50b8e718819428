"""Every ranking constant, and the ranking rules in the order they apply (Meilisearch's idea).

Results are sorted by the first rule; ties go to the next, and so on. Each rule is a column of
numbers over the candidate documents, larger is better (:mod:`search.retrieval.features` computes
them); no rule can be outweighed by a later one, so "the exact phrase in the body" always beats
"scattered syllables in the title", whatever BM25 says.
"""

from __future__ import annotations

RULES: tuple[tuple[str, str], ...] = (
    ("directive", 'cites the directive the query names ("chi thi 05")'),
    ("words", "holds every query word, each word's syllables together (differs only for a loose match)"),
    ("phrase", "holds the whole query as a phrase"),
    ("proximity", "how many neighbouring query syllables stand together"),
    ("exactness", "how many query syllables and pairs have exactly the accents typed (or restored)"),
    ("title_exact", "the title is exactly the query"),
    ("title", "how much of the query stands in the title"),
    ("lead", "how much of the query stands in the lead"),
    ("bm25", "BM25 over the folded syllables, title and place names weighted"),
    ("recency", "newer first"),
)
RULE_NAMES = tuple(name for name, _ in RULES)

# BM25 and the weight of each field in it (applied once, at query time; the index holds raw counts).
K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"title": 3.0, "body": 1.0, "meta": 2.0}

# Dividing queries into words (search.retrieval.words).
MAX_WORD_SYLLABLES = 4  # the longest compound looked up ("tư tưởng đạo đức", "biến đổi khí hậu")
MIN_COMPOUND_DF = 1  # documents in which underthesea found the compound (or a compound containing it)
# ...out of the documents holding its syllables side by side in the opening the segmenter reads (both
# counted in ``seg``). On the real corpora the words of bench/eval/queries.toml that the segmenter
# joins on their own score 0.22-1.00 (most above 0.8); runs of two words 0.00-0.03, but "hội nghị tổng
# kết" 0.25, which the split of long compounds below divides again.
COMPOUND_SHARE = 0.2
STICKY_SHARE = 0.5  # two syllables side by side in at least this share of the documents holding the rarer

# Restoring accents: how many accented forms of a syllable are considered, and the smoothing of pairs.
MAX_ACCENT_FORMS = 8
PAIR_SMOOTHING = 1.0  # k of the interpolated bigram P(b | a) = (c(a b) + k P(b)) / (c(a) + k)
# Other readings offered for a query typed without accents ("bao": báo, bảo, bão...): how many, and
# up to how many syllables (a longer query's context settles its accents).
MAX_READINGS = 6
MAX_READING_SYLLABLES = 3
MAX_CACHED_COUNTS = 200_000  # document counts a generation's vocabulary keeps (a few MB)
MIN_READING_SHARE = 0.05  # a reading at least a twentieth as likely as the likeliest is offered

# A phrase of three or more syllables is checked in the stored text of at most this many documents
# a page (search.retrieval.verify): the head of the ranking, where a wrong "phrase" tier shows.
VERIFY_LIMIT = 400

# A prefix ("tuyen*") stands for at most this many of its most frequent completions.
MAX_PREFIX_TERMS = 64
