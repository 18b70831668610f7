"""Group articles about the same event into stories."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from functools import cache

from newsletter.models import Article, Story
from newsletter.text import light_stem, words

# Words too common in news to say anything about which event an article covers.
_NEWS_STOP = frozenset(
    "said says say told year years week weeks day days time people new also would could one two "
    "first last according percent per cent mr mrs ms".split()
)


@cache
def _weight(word: str) -> float:
    """An IDF proxy from general word frequency: rare words weigh more, so no corpus is needed."""
    from wordfreq import zipf_frequency

    if word in _NEWS_STOP or len(word) < 3:
        return 0.0
    return max(0.0, 7.0 - zipf_frequency(word, "en"))


def term_vector(article: Article) -> dict[str, float]:
    """Weighted terms of an article, its title counted twice."""
    text = " ".join((article.title,) * 2 + article.paragraphs)
    counts = Counter(light_stem(w.lower().replace("’", "'")) for w in words(text) if not w.isdigit())
    vector = {}
    for term, count in counts.items():
        weight = _weight(term)
        if weight > 0:
            vector[term] = (1 + math.log(count)) * weight
    return vector


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine similarity of two sparse vectors."""
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    dot = sum(value * b.get(term, 0.0) for term, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def _too_far_apart(a: Article, b: Article, max_days: int) -> bool:
    return a.date is not None and b.date is not None and abs((a.date - b.date).days) > max_days


def group_articles(articles: Sequence[Article], similarity: float = 0.3, max_days_apart: int = 7) -> list[Story]:
    """Stories from articles: average-link clustering on weighted word overlap, biggest story first."""
    vectors = [term_vector(article) for article in articles]
    count = len(articles)
    pair = [[0.0] * count for _ in range(count)]
    for i in range(count):
        for j in range(i + 1, count):
            if not _too_far_apart(articles[i], articles[j], max_days_apart):
                pair[i][j] = pair[j][i] = cosine(vectors[i], vectors[j])
    clusters: list[list[int]] = [[i] for i in range(count)]

    def link(x: list[int], y: list[int]) -> float:
        if any(pair[i][j] == 0.0 and _too_far_apart(articles[i], articles[j], max_days_apart) for i in x for j in y):
            return 0.0
        return sum(pair[i][j] for i in x for j in y) / (len(x) * len(y))

    while len(clusters) > 1:
        best = (0.0, -1, -1)
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                score = link(clusters[i], clusters[j])
                if score > best[0]:
                    best = (score, i, j)
        score, i, j = best
        if score < similarity:
            break
        clusters[i] = sorted(clusters[i] + clusters[j])
        del clusters[j]

    stories = [make_story([articles[i] for i in cluster]) for cluster in clusters]
    stories.sort(key=lambda s: (-len(s.articles), -_newest_ordinal(s), s.title))
    return stories


def _newest_ordinal(story: Story) -> int:
    dates = [a.date for a in story.articles if a.date]
    return max(dates).toordinal() if dates else 0


def make_story(articles: Sequence[Article]) -> Story:
    """A story from its articles; the longest article, then the earliest, leads and gives the title."""
    ordered = sorted(articles, key=lambda a: (-sum(len(p) for p in a.paragraphs), a.date or 0, a.id))
    story_id = hashlib.sha256(",".join(sorted(a.id for a in articles)).encode()).hexdigest()[:12]
    return Story(id=story_id, title=ordered[0].title, articles=tuple(ordered))
