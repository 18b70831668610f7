from newsletter.models import Article, Quote, Section, Story
from newsletter.modules.key_points import MODULE

A = Article(id="a", title="Council approves new harbour bridge", paragraphs=(
    "The city council voted 7-2 on Monday to approve a new bridge across the harbour.",
    "The bridge is expected to cost $42 million and take three years to build.",
    "\u201cThis is the most important decision this council has made in a generation,\u201d said Mayor Rosa Delgado.",
    "Opponents argued the money would be better spent on the ferry service.",
    "But the mayor rejected the criticism.",
))
B = Article(id="b", title="Harbour bridge wins council vote", paragraphs=(
    "The city council voted 7-2 on Monday to approve a new bridge across the harbour, officials said.",
    "Ferry operator Harbour Lines said it may cut services by a third once the bridge opens.",
))
STORY = Story(id="s", title="Bridge", articles=(A, B))
OPTIONS = {"points": 3, "max_words": 45, "heading": "Key points"}


def test_key_points_are_verbatim_linked_and_not_repeated_across_sources():
    section = MODULE.build(STORY, OPTIONS, {})
    texts = [p.text for p in section.items]
    assert len(texts) == 3
    for point in section.items:
        article = {"a": A, "b": B}[point.article_id]
        assert any(point.text in paragraph for paragraph in article.paragraphs)
    # the vote is reported by both sources: it appears once
    assert sum("voted 7-2" in t for t in texts) == 1
    assert "But the mayor rejected the criticism." not in texts  # dangling opener


def test_sentences_shown_as_pull_quotes_are_left_out():
    quote = Quote("This is the most important decision this council has made in a generation", "Rosa Delgado",
                  None, "a")
    earlier = {"quotes": Section("quotes", "In their words", (quote,))}
    section = MODULE.build(STORY, {**OPTIONS, "points": 5}, earlier)
    assert not any("most important decision" in p.text for p in section.items)


def test_points_and_max_words_options():
    section = MODULE.build(STORY, {**OPTIONS, "points": 2, "max_words": 14}, {})
    assert len(section.items) == 2
    assert all(len(p.text.split()) <= 14 for p in section.items)
