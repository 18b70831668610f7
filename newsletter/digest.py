"""Stages between articles and an issue: stories with their sections, the issue, the JSON digest."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from newsletter.config import Config
from newsletter.errors import ConfigError
from newsletter.models import Article, Intro, Issue, Skipped, Story
from newsletter.modules import Registry, build_sections
from newsletter.stories import group_articles

SUBJECT_FIELDS = ("name", "number", "date", "top_story", "stories")


def make_stories(articles: Sequence[Article], config: Config, registry: Registry) -> list[Story]:
    """Group articles into stories and run the enabled content modules on each."""
    return add_sections(group_stories(articles, config), config, registry)


def group_stories(articles: Sequence[Article], config: Config) -> list[Story]:
    """Articles grouped into stories (without sections), the biggest and newest first."""
    return group_articles(articles, config["stories.similarity"], config["stories.max_days_apart"])


def add_sections(stories: Sequence[Story], config: Config, registry: Registry) -> list[Story]:
    """The stories with the sections of the enabled content modules."""
    enabled = list(config["modules.enabled"])
    return [
        replace(story, sections=build_sections(story, enabled, config.module_options, registry))
        for story in stories
    ]


def issue_date(articles: Sequence[Article], config: Config, today: dt.date | None = None) -> dt.date:
    """The issue's date: the newest article date, else the configured date, else today."""
    dates = [a.date for a in articles if a.date]
    if dates:
        return max(dates)
    if config["newsletter.date"]:
        try:
            return dt.date.fromisoformat(config["newsletter.date"])
        except ValueError:
            raise ConfigError(config.source, [
                f"newsletter.date: expected a date like 2024-10-22, got {config['newsletter.date']!r}"
            ]) from None
    return today or dt.date.today()


def format_subject(pattern: str, source: str, key: str = "newsletter.subject", **fields: Any) -> str:
    """The subject line from its pattern; an unknown field is an error naming source and key."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(pattern)]
    except ValueError as error:
        raise ConfigError(source, [f"{key}: invalid pattern ({error})"]) from None
    for name in names:
        if name is not None and name not in SUBJECT_FIELDS:
            known = ", ".join("{" + f + "}" for f in SUBJECT_FIELDS)
            raise ConfigError(source, [f"{key}: unknown field {{{name}}} (known: {known})"])
    try:
        subject = pattern.format(**fields)
    except (ValueError, IndexError) as error:
        raise ConfigError(source, [f"{key}: invalid pattern ({error})"]) from None
    return " ".join(subject.split())


def issue_web_url(web_url: str, number: int) -> str:
    """Where issue `number` is on the web (WEB_URL/issues/NNNN/), or "" without a web archive."""
    return f"{web_url.rstrip('/')}/issues/{number:04d}/" if web_url.strip() else ""


def make_issue(stories: Sequence[Story], articles: Sequence[Article], config: Config, number: int,
               skipped: Sequence[Skipped] = (), today: dt.date | None = None, intro: Intro | None = None) -> Issue:
    """An Issue: numbered, dated, with its subject and the editor's intro rendered.

    The intro is the content folder's intro.md when there is one (`intro`), else `newsletter.intro`;
    its `subject:` replaces the `newsletter.subject` pattern.
    """
    date = issue_date(articles, config, today)
    name = config["newsletter.name"]
    override = intro is not None and bool(intro.subject)
    subject = format_subject(
        intro.subject if override else config["newsletter.subject"],
        intro.path if override else config.source,
        key="subject" if override else "newsletter.subject",
        name=name,
        number=number,
        date=date.isoformat(),
        top_story=stories[0].title if stories else "",
        stories=len(stories),
    )
    return Issue(
        number=number,
        name=name,
        subject=subject,
        date=date,
        stories=tuple(stories),
        intro_html=markdown_to_safe_html(intro.markdown if intro else config["newsletter.intro"]),
        skipped=tuple(skipped),
        summary=intro.summary if intro else "",
        web_url=issue_web_url(config["newsletter.web_url"], number),
    )


def markdown_to_safe_html(text: str) -> str:
    """Editor-written Markdown as sanitised HTML (no scripts, no event handlers, no styles).

    Links keep only http(s) and mailto addresses; a link that loses its address is left as its text.
    """
    if not text.strip():
        return ""
    import markdown
    import nh3

    html = nh3.clean(markdown.markdown(text), link_rel="noopener noreferrer", url_schemes={"http", "https", "mailto"})
    return re.sub(r'<a rel="noopener noreferrer">(.*?)</a>', r"\1", html, flags=re.S)  # links nh3 emptied: text


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None


def article_dict(article: Article, with_paragraphs: bool = False) -> dict[str, Any]:
    """An article as JSON."""
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "source": article.source,
        "date": _iso(article.date),
    }
    if with_paragraphs:
        data["path"] = article.path
        data["paragraphs"] = list(article.paragraphs)
    else:
        data["url"] = article.url
        data["path"] = article.path
    return data


def digest_dict(stories: Sequence[Story], articles: Sequence[Article]) -> dict[str, Any]:
    """The structured digest, as printed by `newsletter digest --json` and saved as digest.json."""
    from newsletter.modules.quotes import story_quotes

    result: dict[str, Any] = {"stories": [], "articles": []}
    for story in stories:
        key_points = story.section("key_points")
        figures = story.section("figures")
        result["stories"].append(
            {
                "id": story.id,
                "title": story.title,
                "articles": [article_dict(a) for a in story.articles],
                "key_points": [
                    {"text": p.text, "article_id": p.article_id} for p in (key_points.items if key_points else ())
                ],
                "quotes": [
                    {
                        "text": q.text,
                        "speaker": q.speaker,
                        "speaker_role": q.speaker_role,
                        "organisation": q.organisation,
                        "kind": q.kind,
                        "article_id": q.article_id,
                    }
                    for q in story_quotes(story)
                ],
                "figures": [
                    {"value": f.value, "label": f.label, "text": f.text, "sentence": f.sentence,
                     "article_id": f.article_id}
                    for f in (figures.items if figures else ())
                ],
            }
        )
    result["articles"] = [article_dict(a, with_paragraphs=True) for a in articles]
    return result
