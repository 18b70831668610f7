"""Tests for the key-points summariser (newsletter.summarize)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsletter.summarize import article_sentences, select_key_points, summarize

DATA = Path(__file__).parents[1] / ".." / "shared" / "data"

ARTICLE = """\
Floods swept through the river town of Elmsford on Tuesday, forcing 3,000 residents from their homes.

The river rose four metres in six hours after two days of record rainfall, the regional weather office said. \
Emergency crews rescued 40 people from rooftops in the flooded eastern district.

"We have never seen water like this," said the mayor, Anna Berg. She asked residents to stay away from the river banks.

Schools will stay closed until Friday. \
The army has sent 200 soldiers and six boats to help with the evacuation of Elmsford.

Photo: Getty Images

Forecasters expect more rain over the weekend, which could push the river past its 1952 record.
"""


def _words(sentences: list[str]) -> int:
    return sum(len(s.split()) for s in sentences)


def test_output_is_verbatim_and_in_article_order():
    chosen = summarize(ARTICLE, "Floods force thousands from homes in Elmsford", sentences=3)
    sentences = article_sentences(ARTICLE)
    assert len(chosen) == 3
    assert all(s in sentences and s in ARTICLE for s in chosen)
    positions = [sentences.index(s) for s in chosen]
    assert positions == sorted(positions)


def test_lead_sentence_first_choice():
    assert summarize(ARTICLE, "Floods in Elmsford", sentences=1) == [article_sentences(ARTICLE)[0]]


def test_sentence_budget_respected():
    for n in (0, 1, 2, 5):
        assert len(summarize(ARTICLE, sentences=n)) == min(n, len(article_sentences(ARTICLE)))
    assert len(summarize(ARTICLE, sentences=100)) <= len(article_sentences(ARTICLE))


def test_word_budget_respected():
    for budget in (5, 20, 31, 60, 200):
        chosen = summarize(ARTICLE, words=budget)
        assert _words(chosen) <= budget
    assert summarize(ARTICLE, words=40)  # something fits in 40 words
    assert summarize(ARTICLE, words=3) == []  # nothing is that short


def test_exactly_one_budget():
    with pytest.raises(ValueError):
        summarize(ARTICLE)
    with pytest.raises(ValueError):
        summarize(ARTICLE, sentences=2, words=30)


def test_deterministic():
    first = summarize(ARTICLE, "Floods in Elmsford", sentences=3)
    assert all(summarize(ARTICLE, "Floods in Elmsford", sentences=3) == first for _ in range(5))
    articles = [("a", "Floods", ARTICLE.split("\n\n")), ("b", "Floods", ARTICLE.split("\n\n")[::-1])]
    picks = select_key_points(articles, count=4)
    assert select_key_points(articles, count=4) == picks


def test_caption_and_quote_not_preferred():
    chosen = summarize(ARTICLE, sentences=4)
    assert "Photo: Getty Images" not in chosen
    assert not any(s.startswith('"We have never') for s in chosen)


def test_empty_input():
    assert summarize("", sentences=3) == []
    assert summarize("   \n\n  ", words=30) == []
    assert select_key_points([], count=3) == []
    assert select_key_points([("a", "", [])], count=3) == []
    assert select_key_points([("a", "", [ARTICLE])], count=0) == []


def test_near_duplicates_across_articles_count_once():
    lead = "Floods swept through the river town of Elmsford on Tuesday, forcing 3,000 residents from their homes."
    echo = "Floods swept through the river town of Elmsford on Tuesday and forced 3,000 residents from their homes."
    a = ("a", "Elmsford floods", [lead, "The river rose four metres in six hours after two days of record rainfall."])
    b = ("b", "Elmsford floods", [echo, "The army has sent 200 soldiers and six boats to help with the evacuation."])
    points = select_key_points([a, b], count=4)
    texts = [text for text, _ in points]
    assert (lead in texts) != (echo in texts)
    assert len(points) == 3
    assert {aid for _, aid in points} == {"a", "b"}
    for text, aid in points:  # each point is credited to the article it comes from
        assert text in (a if aid == "a" else b)[2]


def test_pronoun_openers_avoided_when_alternatives_exist():
    paragraphs = [
        "The city council approved a new budget for the public library on Monday night.",
        "It includes money for longer opening hours and two new branches in the suburbs.",
        "However, the council rejected a plan to hire twelve additional librarians this year.",
        "Library users had collected 5,000 signatures in support of the longer opening hours.",
    ]
    points = select_key_points([("a", "Library budget approved", paragraphs)], count=2)
    texts = [t for t, _ in points]
    assert len(texts) == 2
    assert not any(t.startswith(("It ", "However")) for t in texts)
    # With nothing else left, they are still used.
    assert len(select_key_points([("a", "Library budget approved", paragraphs)], count=4)) == 4


def test_exclude_and_max_words_and_captions():
    paragraphs = ARTICLE.split("\n\n")
    quote = "We have never seen water like this"
    points = select_key_points([("a", "Floods", paragraphs)], count=10, max_words=20, exclude=[quote])
    texts = [t for t, _ in points]
    assert texts
    assert not any(quote in t for t in texts)
    assert all(len(t.split()) <= 20 for t in texts)
    assert "Photo: Getty Images" not in texts


def test_quality_on_cnn_sample():
    """A regression guard, not the benchmark (bench/summaries.py): ours vs Lead-3 on 100 CNN articles."""
    rouge_scorer = pytest.importorskip("rouge_score.rouge_scorer")
    path = DATA / "cnn-highlights-dev.jsonl"
    if not path.exists():
        pytest.skip("evaluation data not present")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()[:100]]
    scorer = rouge_scorer.RougeScorer(["rouge1"], use_stemmer=True)

    def r1(reference: str, chosen: list[str]) -> float:
        return scorer.score(reference, "\n".join(chosen))["rouge1"].fmeasure / len(rows)

    ours3 = lead3 = ours_w = lead_w = 0.0
    for row in rows:
        reference = "\n".join(line.strip() for line in row["summary"].splitlines() if line.strip())
        budget = len(reference.split())
        sentences = article_sentences(row["text"])
        lead, used = [], 0
        for sentence in sentences:  # Lead under the word budget: in order, skipping what does not fit
            if used + len(sentence.split()) <= budget:
                lead.append(sentence)
                used += len(sentence.split())
        ours3 += r1(reference, summarize(row["text"], sentences=3))
        lead3 += r1(reference, sentences[:3])
        ours_w += r1(reference, summarize(row["text"], words=budget))
        lead_w += r1(reference, lead)
    # On the whole set ours leads at both budgets; this sample is one where Lead-3 is strong.
    assert ours_w > lead_w
    assert ours3 > lead3 - 0.01
