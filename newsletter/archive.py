"""The web archive: index.html (every issue, newest first) and feed.xml (an Atom feed with full content).

Both are pure functions of the published issues (as the state records them) and the config, so
the same issues give the same bytes; `write_archive` is the only part that touches the disk. The
archive is made only from what every reader sees: nothing personal to a subscriber goes in.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from newsletter.config import Config
from newsletter.state import PublishedIssue

ATOM = "http://www.w3.org/2005/Atom"
INDEX = "index.html"
FEED = "feed.xml"
ARCHIVE_FILES = (INDEX, FEED)
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)

_INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ name }}: all issues</title>
<link rel="alternate" type="application/atom+xml" title="{{ name }}" href="{{ feed_href }}">
<style>
  body { margin: 0; padding: 0; background-color: #f4f2ee; color: #1f2328; font-family: Georgia, 'Times New Roman', serif; }
  main { max-width: 600px; margin: 0 auto; padding: 28px 32px; background-color: #ffffff; }
  h1 { font-size: 28px; line-height: 34px; margin: 0 0 6px 0; }
  .meta, .date { font-family: Arial, Helvetica, sans-serif; font-size: 13px; line-height: 18px; color: #5b6169; }
  .meta { margin: 0 0 18px 0; border-bottom: 3px solid #1f2328; padding-bottom: 14px; }
  ol { list-style: none; margin: 0; padding: 0; }
  li { padding: 12px 0; border-bottom: 1px solid #e3e0d8; }
  a { color: #0b5cad; }
  .subject { display: block; font-size: 18px; line-height: 24px; }
</style>
</head>
<body>
<main>
<h1>{{ name }}</h1>
<p class="meta">{{ issues|length }} {{ "issue" if issues|length == 1 else "issues" }} &middot; <a href="{{ feed_href }}">Atom feed</a></p>
<ol>
{% for issue in issues %}<li><a class="subject" href="{{ href(issue) }}">{{ issue.subject }}</a><span class="date">Issue {{ issue.number }}{% if issue.date %} &middot; <time datetime="{{ issue.date.isoformat() }}">{{ long_date(issue.date) }}</time>{% endif %}</span></li>
{% endfor %}</ol>
</main>
</body>
</html>
"""


def issue_path(number: int) -> str:
    """Where issue N's web version lives, relative to the archive: issues/NNNN/."""
    return f"issues/{number:04d}/"


def absolute(web_url: str, relative: str) -> str:
    """A link into the archive: absolute when the archive's public URL is known, else relative."""
    return f"{web_url.rstrip('/')}/{relative}" if web_url else relative


def feed_id(name: str) -> str:
    """The feed's stable id, derived from the newsletter's name."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"newsletter:{name}").urn


def entry_id(name: str, number: int) -> str:
    """An issue's stable id in the feed, derived from the newsletter's name and the issue number."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"newsletter:{name}/issue/{number}").urn


def web_body(html: str) -> str:
    """The body of an issue's web page, for a feed entry: hidden parts (the preheader) left out."""
    import lxml.html

    document = lxml.html.document_fromstring(html)
    body = document.body
    for element in list(body.iter()):
        if isinstance(element.tag, str) and _HIDDEN.search(element.get("style", "")) and element is not body:
            element.drop_tree()
    parts = [body.text or ""]
    parts.extend(lxml.html.tostring(child, encoding="unicode") for child in body)
    return "".join(parts).strip() + "\n"


def render_index(issues: Sequence[PublishedIssue], config: Config) -> bytes:
    """index.html: every issue, newest first, each with its number, date and subject, linked to its web page."""
    import jinja2

    from newsletter.render import long_date

    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    html = environment.from_string(_INDEX_TEMPLATE).render(
        name=config["newsletter.name"],
        issues=sorted(issues, key=lambda issue: issue.number, reverse=True),
        href=lambda issue: issue_path(issue.number),
        feed_href=FEED,
        long_date=long_date,
    )
    return html.encode("utf-8")


def render_feed(issues: Sequence[PublishedIssue], config: Config) -> bytes:
    """feed.xml: an Atom 1.0 feed of every issue, newest first, each with its full content."""
    import xml.etree.ElementTree as ET

    name = config["newsletter.name"]
    web_url = config["newsletter.web_url"]
    newest_first = sorted(issues, key=lambda issue: issue.number, reverse=True)

    def add(parent, tag: str, text: str | None = None, **attributes: str):
        element = ET.SubElement(parent, tag, attributes)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element("feed", xmlns=ATOM)  # plain names in the default namespace: no global prefix registry
    add(feed, "id", feed_id(name))
    add(feed, "title", name)
    newest = max((issue.published_at for issue in issues), default=dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc))
    add(feed, "updated", newest.isoformat())
    author = add(feed, "author")
    add(author, "name", name)
    add(feed, "link", rel="alternate", type="text/html", href=absolute(web_url, "") or "./")
    if web_url:
        add(feed, "link", rel="self", type="application/atom+xml", href=absolute(web_url, FEED))
    add(feed, "generator", "newsletter")
    for issue in newest_first:
        entry = add(feed, "entry")
        add(entry, "id", entry_id(name, issue.number))
        add(entry, "title", issue.subject)
        add(entry, "link", rel="alternate", type="text/html", href=absolute(web_url, issue_path(issue.number)))
        add(entry, "published", issue.published_at.isoformat())
        add(entry, "updated", issue.published_at.isoformat())
        add(entry, "content", issue.content_html, type="html")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def archive_files(issues: Sequence[PublishedIssue], config: Config) -> dict[str, bytes]:
    """The archive's files by name; none before the first issue."""
    if not issues:
        return {}
    return {INDEX: render_index(issues, config), FEED: render_feed(issues, config)}


def write_archive(out: Path, files: Mapping[str, bytes], between: Callable[[str], None] | None = None) -> list[str]:
    """Write the archive's files into out, each atomically, skipping files that are already up to date.

    Returns the names written; between(name) is called after each file (crash tests).
    """
    from newsletter.output import write_file_atomic

    written = []
    for name, data in files.items():
        if write_file_atomic(out / name, data):
            written.append(name)
        if between is not None:
            between(name)
    return written
