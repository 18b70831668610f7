"""The `key_points` module: the sentences a busy reader needs, verbatim, each linked to its article."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsletter.config import Option
from newsletter.models import KeyPoint, Section, Story
from newsletter.modules import ContentModule


def build(story: Story, options: Mapping[str, Any], earlier: Mapping[str, Section]) -> Section:
    """Key points drawn from all of the story's articles, without repeating the pull quotes."""
    from newsletter.summarize import select_key_points

    shown_quotes = earlier.get("quotes")
    exclude = [quote.text for quote in shown_quotes.items] if shown_quotes else []
    chosen = select_key_points(
        [(article.id, article.title, article.paragraphs) for article in story.articles],
        count=options["points"],
        max_words=options["max_words"] or None,
        exclude=exclude,
    )
    items = tuple(KeyPoint(text=text, article_id=article_id) for text, article_id in chosen)
    return Section(module="key_points", heading=options["heading"], items=items)


MODULE = ContentModule(
    name="key_points",
    heading="Key points",
    doc="The most important sentences of the story, verbatim, each linked to its article.",
    build=build,
    options=(
        Option("points", "integer", 4, "Key points per story.", minimum=1),
        Option("max_words", "integer", 45, "Longest sentence (in words) used as a key point; 0 for no limit.", minimum=0),
        Option("heading", "string", "Key points", "Heading of the section."),
    ),
    runs_after=("quotes",),
)
