"""The `quotes` module: pull quotes with speaker and role, and who's quoted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsletter.config import Option
from newsletter.models import Person, Quote, Section, Story
from newsletter.modules import ContentModule


def _found_quotes(story: Story) -> list[tuple[Any, str]]:
    """(FoundQuote, article id) for every quoted span in the story, in article order."""
    from newsletter.quotes import extract_quotes

    return [(found, article.id) for article in story.articles for found in extract_quotes(list(article.paragraphs))]


def _as_quote(found: Any, article_id: str) -> Quote:
    return Quote(
        text=found.text,
        speaker=found.speaker,
        speaker_role=found.speaker_role,
        article_id=article_id,
        organisation=found.organisation,
        kind=found.kind,
    )


def story_quotes(story: Story) -> list[Quote]:
    """Every quoted span of every article in the story (fragments included), in article order."""
    return [_as_quote(found, article_id) for found, article_id in _found_quotes(story)]


def build(story: Story, options: Mapping[str, Any], earlier: Mapping[str, Section]) -> Section:
    """Pull quotes (items) and the people quoted (extra) for one story."""
    from newsletter.quotes import pull_quotes, quoted_people

    found = _found_quotes(story)
    article_of = {id(quote): article_id for quote, article_id in found}
    chosen = pull_quotes([quote for quote, _ in found], limit=options["pull_quotes"])
    items = tuple(_as_quote(quote, article_of[id(quote)]) for quote in chosen)
    people: tuple[Person, ...] = ()
    if options["show_people"]:
        people = tuple(Person(*person) for person in quoted_people([quote for quote, _ in found]))
    return Section(module="quotes", heading=options["heading"], items=items, extra=people)


MODULE = ContentModule(
    name="quotes",
    heading="In their words",
    doc="Direct quotes, word for word, with the speaker's name and role; and who's quoted.",
    build=build,
    options=(
        Option("pull_quotes", "integer", 3, "Most pull quotes shown per story (2–4 reads best).", minimum=0),
        Option("heading", "string", "In their words", "Heading of the section."),
        Option("show_people", "boolean", True, "Show the list of people quoted."),
    ),
)
