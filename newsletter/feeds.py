"""Feeds: RSS/Atom bytes -> entries -> Articles, with the same cleaning as files. No network here.

feedparser reads the bytes (RSS 0.9x/1.0/2.0, Atom 0.3/1.0, any encoding). An entry whose text
is only a teaser (no full content and under TEASER_WORDS words) is marked so; sources.py then
fetches its page, and `entry_article` takes the page's main text (trafilatura, as for a saved
.html file) under the entry's own title, link, date and author.

Ids are stable across fetches, reorderings and republications: the entry's guid (within its
feed), else its canonical link (tracking parameters and fragment removed), else a hash of its
title and opening text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from newsletter.models import Article, Source

TEASER_WORDS = 80  # an entry without full content and with fewer words than this is a teaser
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "_hsmi",
                   "mkt_tok", "igshid", "ref_src", "cmpid")


@dataclass(frozen=True)
class Entry:
    """What an article needs from one feed entry."""

    guid: str | None
    link: str | None  # canonical
    title: str | None
    date: dt.date | None
    author: str | None
    tags: tuple[str, ...]
    html: str  # the entry's content, else its summary (HTML)
    teaser: bool  # only a teaser: the article is on its page (link)
    published: dt.datetime | None = None  # for newest-first


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title and entries, in the feed's order."""

    title: str | None
    entries: tuple[Entry, ...]


def canonical_url(url: str) -> str:
    """url without tracking parameters (utm_*, fbclid, …) and fragment, scheme and host in lower case."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS)]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", urlencode(query), ""))


def parse_feed(body: bytes, url: str) -> Feed:
    """The entries of an RSS or Atom document; ValueError with the reason if it is not a feed."""
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    problem = parsed.get("bozo_exception")
    if problem is not None and _not_well_formed(problem) and not _all_usable(parsed.entries):
        where = f"line {problem.getLineNumber()}: " if hasattr(problem, "getLineNumber") else ""
        message = problem.getMessage() if hasattr(problem, "getMessage") else str(problem)
        raise ValueError(f"malformed feed: {where}{message}")
    if not parsed.get("version") and not parsed.entries:
        raise ValueError("not an RSS or Atom feed")
    title = _plain(parsed.feed.get("title", "")) or None
    return Feed(title=title, entries=tuple(_entry(item) for item in parsed.entries))


def _not_well_formed(problem: Exception) -> bool:
    """True for an XML syntax error (feedparser's other complaints, e.g. about the encoding, are harmless)."""
    import xml.sax

    return isinstance(problem, xml.sax.SAXException)


def _all_usable(entries) -> bool:
    """True if feedparser's lenient parser still found entries, each with a title and a link (e.g. an undefined
    &nbsp; in an otherwise sound feed); a feed broken in its structure gives fragments and is rejected."""
    return bool(entries) and all(item.get("title") and item.get("link") for item in entries)


def _entry(item) -> Entry:
    contents = [c.get("value", "") for c in item.get("content", []) if c.get("value")]
    summary = item.get("summary", "") or ""
    html = max(contents, key=len) if contents else summary
    link = item.get("link")
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.timezone.utc) if stamp else None
    tags = tuple(dict.fromkeys(t.get("term", "").strip() for t in item.get("tags", []) if t.get("term", "").strip()))
    return Entry(
        guid=(item.get("id") or "").strip() or None,
        link=canonical_url(link) if link else None,
        title=_plain(item.get("title", "")) or None,
        date=published.date() if published else None,
        author=_author(item.get("author", "")),
        tags=tags,
        html=html,
        teaser=not contents and bool(link) and _word_count(html) < TEASER_WORDS,
        published=published,
    )


def _author(text: str) -> str | None:
    """The author's name: RSS gives 'email (Name)' or just an email (no name then)."""
    import re

    text = _plain(text)
    if match := re.fullmatch(r"\S+@\S+\s*\((.+)\)", text):
        return match[1].strip() or None
    return None if re.fullmatch(r"\S+@\S+", text) else text or None


def _plain(text: str) -> str:
    """Text of a string that may hold HTML markup or entities, on one line."""
    import html

    if "<" in text:
        import lxml.html

        try:
            text = lxml.html.fragment_fromstring(text, create_parent="div").text_content()
        except Exception:  # lxml raises several kinds on odd input; keep the raw text then
            pass
    return " ".join(html.unescape(text).split())


def _word_count(html: str) -> int:
    return len(_plain(html).split())


def newest(entries: Sequence[Entry], max_items: int | None) -> list[Entry]:
    """The newest max_items entries (all with None), newest first; undated ones after, in feed order."""
    def age(index: int) -> tuple[bool, float, int]:
        published = entries[index].published
        return published is None, -published.timestamp() if published else 0.0, index

    chosen = [entries[i] for i in sorted(range(len(entries)), key=age)]
    return chosen[:max_items] if max_items else chosen


def entry_id(entry: Entry, feed_url: str, title: str, paragraphs: Sequence[str]) -> str:
    """A stable id: the guid within its feed, else the canonical link, else title and opening text."""
    from newsletter.readers import article_id

    if entry.guid:
        return hashlib.sha256(f"guid:{feed_url}\n{entry.guid}".encode("utf-8")).hexdigest()[:12]
    return article_id(title, paragraphs, entry.link)


def html_paragraphs(html: str) -> list[str]:
    """Paragraphs of an entry's HTML (its block elements; plain text split on blank lines)."""
    import lxml.html

    from newsletter.readers import _html_paragraphs

    if not html.strip():
        return []
    try:
        blocks = _html_paragraphs(html)
        if blocks:
            return blocks
        text = lxml.html.fragment_fromstring(html, create_parent="div").text_content()
    except Exception:  # not parseable as HTML: take it as text
        text = html
    return [" ".join(block.split()) for block in text.split("\n\n") if block.strip()]


def entry_article(entry: Entry, source: Source, feed_title: str | None, page: bytes | None = None) -> Article:
    """The Article of one entry of source's feed: its own text, or (for a teaser) its page's; InputError if none.

    Its source (outlet) is the source's configured name, else the feed's title, else the feed's host.
    """
    from newsletter.cleaning import clean_paragraphs
    from newsletter.readers import _article, _read_html

    feed_url = source.url or ""
    outlet = source.name if source.name != source.where else feed_title or urlsplit(feed_url).hostname
    shown = entry.link or f"{feed_url}#{entry.guid or entry.title}"
    tags = tuple(dict.fromkeys((*source.tags, *entry.tags)))
    if page is not None:
        extracted = _read_html(page, shown)  # InputError when the page has no text
        paragraphs = extracted.paragraphs
        title = entry.title or extracted.title
        author = entry.author or extracted.author
        date = entry.date or extracted.date
    else:
        title = entry.title
        paragraphs = clean_paragraphs(html_paragraphs(entry.html), title=title)
        author, date = entry.author, entry.date
    article = _article(title, paragraphs, shown, source=outlet, url=entry.link, date=date, author=author, tags=tags)
    return replace(article, id=entry_id(entry, feed_url, article.title, article.paragraphs))


def page_article(body: bytes, source: Source, url: str) -> Article:
    """The Article of a page source: its main text (trafilatura); InputError if it has none."""
    from newsletter.readers import _read_html

    article = _read_html(body, url)
    link = canonical_url(url)
    outlet = source.name if source.name != source.where else article.source or urlsplit(url).hostname
    tags = tuple(dict.fromkeys((*source.tags, *article.tags)))
    return replace(article, url=link, path=link, source=outlet, tags=tags, id=_page_id(link))


def _page_id(link: str) -> str:
    from newsletter.readers import article_id

    return article_id("", (), link)
