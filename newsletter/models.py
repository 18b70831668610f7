"""Plain data types that flow through the pipeline: Article -> Story -> Issue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One cleaned article: metadata plus body paragraphs."""

    id: str
    title: str
    paragraphs: tuple[str, ...]
    source: str | None = None
    url: str | None = None
    date: dt.date | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    path: str | None = None


@dataclass(frozen=True)
class KeyPoint:
    """A sentence quoted verbatim from an article."""

    text: str
    article_id: str


@dataclass(frozen=True)
class Quote:
    """A direct quotation with its speaker, as found in one article."""

    text: str
    speaker: str | None
    speaker_role: str | None
    article_id: str
    organisation: str | None = None
    kind: str = "quote"  # "quote" (a statement) or "fragment" (scare quote, a name)


@dataclass(frozen=True)
class Person:
    """Someone quoted in a story."""

    name: str
    role: str | None
    organisation: str | None


@dataclass(frozen=True)
class Figure:
    """A salient number, the clause that says what it counts, and its sentence."""

    value: str
    text: str
    article_id: str
    label: str = ""  # what the number counts ("troops"), when the sentence says
    sentence: str = ""  # the whole sentence the figure comes from


@dataclass(frozen=True)
class Section:
    """What one content module made of one story."""

    module: str
    heading: str
    items: tuple = ()
    extra: tuple = ()  # module-specific secondary items (e.g. the people quoted)


@dataclass(frozen=True)
class Story:
    """One event, told by one or more articles."""

    id: str
    title: str
    articles: tuple[Article, ...]
    sections: tuple[Section, ...] = ()
    read_more: str = ""  # set when the story was shortened to fit the size limit: where to read the rest

    def section(self, module: str) -> Section | None:
        """The section a module made, or None."""
        return next((s for s in self.sections if s.module == module), None)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Issue:
    """A finished newsletter issue, ready to render."""

    number: int
    name: str
    subject: str
    date: dt.date | None
    stories: tuple[Story, ...]
    intro_html: str = ""
    skipped: tuple[Skipped, ...] = field(default=())
    summary: str = ""  # the editor's one-line summary, shown as the inbox preview (preheader)
    web_url: str = ""  # this issue's web version, or "" when the newsletter has no web archive


@dataclass(frozen=True)
class Intro:
    """The editor's file for the coming issue (intro.md): the intro in Markdown, its summary and the controls."""

    markdown: str
    summary: str = ""
    path: str = ""
    subject: str = ""  # replaces the newsletter.subject pattern (same fields)
    pin: tuple[str, ...] = ()  # stories put first, in this order (see newsletter.editorial)
    drop: tuple[str, ...] = ()  # articles or stories left out of the next issue


@dataclass(frozen=True)
class Source:
    """Where articles come from: a folder of files, an RSS/Atom feed, or one web page ([[sources]] in config.toml)."""

    type: str  # "folder", "feed" or "page"
    name: str  # as configured, else the folder's path or the URL
    path: str | None = None  # a folder, relative to the config file
    url: str | None = None  # a feed or page
    tags: tuple[str, ...] = ()  # added to every article from this source
    max_items: int | None = None  # a feed's newest entries taken (None: all)

    @property
    def where(self) -> str:
        """The folder's path or the URL, as configured."""
        return self.url if self.url is not None else self.path or ""

    @property
    def label(self) -> str:
        """How reports name it: type 'name' (where), e.g. feed 'Harbour News' (https://example.com/feed.xml)."""
        return f"{self.type} {self.name!r} ({self.where})" if self.name != self.where else f"{self.type} {self.where}"
