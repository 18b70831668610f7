"""Readers: turn input files (.txt, .md, .html) into Articles. Disk access lives here."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from newsletter.errors import InputError
from newsletter.models import Article, Intro, Skipped
from newsletter.text import fold, words

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
INTRO_FILE = "intro.md"  # the editor's intro in the content folder; never read as an article


def article_id(title: str, paragraphs: Sequence[str], url: str | None = None) -> str:
    """A stable id: the same article (same URL, or same title and opening) gets the same id every run."""
    if url:
        key = "url:" + url.strip()
    else:
        opening = " ".join(paragraphs)[:400]
        key = "text:" + fold(title) + "\n" + fold(opening)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def decode(data: bytes) -> str:
    """Bytes of an input file as text, or InputError's reason for why they are not usable text."""
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:8192]:
        raise ValueError("binary file (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


def parse_date(value: object) -> dt.date | None:
    """A date from front matter or metadata: a date, a datetime or an ISO-like string."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise ValueError(f"expected a date like 2024-10-22, got {text!r}")


def _read_txt(text: str, path: str) -> Article:
    from newsletter.cleaning import clean_plain_text

    cleaned = clean_plain_text(text)
    return _article(cleaned.title, cleaned.paragraphs, path, source=cleaned.source, date=cleaned.date,
                    author=cleaned.author)


def _html_paragraphs(html: str) -> list[str]:
    """Text of the block elements (p, li, blockquote, pre) of an HTML fragment."""
    import lxml.html

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks: list[str] = []
    for element in root.iter("p", "li", "pre", "td"):
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(text)
    return blocks


def _front_matter(text: str, path: str):
    """Markdown with YAML front matter, parsed (python-frontmatter); a bad front matter is an InputError naming its line."""
    import frontmatter

    try:
        return frontmatter.loads(text)
    except Exception as error:  # yaml raises many kinds
        first = str(error).splitlines()[0] if str(error) else type(error).__name__
        line = front_matter_error_line(text)
        raise InputError(path, f"invalid front matter: {first}" + (f" (line {line})" if line else "")) from None


def _read_markdown(text: str, path: str) -> Article:
    import markdown

    from newsletter.cleaning import clean_paragraphs

    post = _front_matter(text, path)
    meta = post.metadata
    try:
        date = parse_date(meta.get("date"))
    except ValueError as error:
        raise InputError(path, f"front matter 'date': {error}") from None
    tags = meta.get("tags") or ()
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    html = markdown.markdown(post.content)
    title = str(meta.get("title") or "").strip() or None
    paragraphs = clean_paragraphs(_html_paragraphs(html), title=title)
    return _article(
        title,
        paragraphs,
        path,
        source=_opt_str(meta.get("source")),
        url=_opt_str(meta.get("url")),
        date=date,
        author=_opt_str(meta.get("author")),
        tags=tuple(str(t) for t in tags),
    )


def _read_html(text: str | bytes, path: str) -> Article:
    import trafilatura

    from newsletter.cleaning import clean_paragraphs

    # deduplicate=False: trafilatura's deduplication remembers text across calls in the process, so the same page
    # read again (a feed's teaser page on every build of the schedule service) would lose its paragraphs;
    # clean_paragraphs drops repeats within the page.
    document = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True,
        deduplicate=False,
    )
    if document is None or not (document.text or "").strip():
        raise InputError(path, "no article text found in the HTML")
    raw_paragraphs = [line for line in document.text.split("\n") if line.strip()]
    title = (document.title or "").strip() or None
    paragraphs = clean_paragraphs(raw_paragraphs, title=title)
    try:
        date = parse_date(document.date)
    except ValueError:
        date = None
    return _article(title, paragraphs, path, source=document.sitename or None, url=document.url or None,
                    date=date, author=document.author or None)


def _opt_str(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


def _article(title, paragraphs, path, **meta) -> Article:
    paragraphs = tuple(p for p in paragraphs if p.strip())
    if not paragraphs or len(words(" ".join(paragraphs))) < 3:
        raise InputError(path, "no usable text after cleaning")
    title = title or _title_from(paragraphs)
    return Article(
        id=article_id(title, paragraphs, meta.get("url")),
        title=title,
        paragraphs=paragraphs,
        path=path,
        **meta,
    )


def _title_from(paragraphs: Sequence[str]) -> str:
    """A title for an article that has none: its first sentence, shortened."""
    first = " ".join(paragraphs[0].split()[:14])
    return first if len(paragraphs[0].split()) <= 14 else first + "…"


READERS: dict[str, Callable[[str, str], Article]] = {
    ".txt": _read_txt,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
}


def read_article(path: Path, shown_as: str | None = None) -> Article:
    """Read one input file into an Article, or raise InputError naming the file and the reason."""
    shown = shown_as or str(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(shown, f"unsupported file type {path.suffix or '(none)'!r}, expected one of {', '.join(READERS)}")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from None
    try:
        text = decode(data)
    except ValueError as error:
        raise InputError(shown, str(error)) from None
    return reader(text, shown)


def discover(paths: Iterable[Path], relative_to: Path | None = None) -> list[tuple[Path, str]]:
    """Input files under the given files or folders, sorted, each with the path to show for it.

    The path shown is the one the user gave, or relative to `relative_to` when given.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                child
                for child in sorted(path.iterdir())
                if child.is_file() and child.suffix.lower() in SUFFIXES and not child.name.startswith(".")
                and child.name.lower() != INTRO_FILE
            )
        else:
            found.append(path)
    if relative_to is None:
        return [(path, str(path)) for path in found]
    return [(path, os.path.relpath(path, relative_to)) for path in found]


def read_articles(paths: Iterable[Path], relative_to: Path | None = None) -> tuple[list[Article], list[Skipped]]:
    """Articles from the given files and folders; a file that can't be used is skipped with its reason."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()
    for path, shown in discover(paths, relative_to):
        try:
            article = read_article(path, shown)
        except InputError as error:
            skipped.append(Skipped(error.path, error.reason))
            continue
        except Exception as error:  # one bad article never stops an issue
            skipped.append(Skipped(shown, f"could not be processed ({type(error).__name__}: {error})"))
            continue
        if article.id in seen:
            skipped.append(Skipped(shown, "duplicate of an article already read"))
            continue
        seen.add(article.id)
        articles.append(article)
    return articles, skipped


def read_intro(content_dir: Path, relative_to: Path | None = None) -> Intro | None:
    """The editor's intro and controls (content_dir/intro.md), or None if there is none.

    The file is Markdown with optional front matter: `summary:` (the one-line inbox preview),
    `subject:`, `pin:` and `drop:` (see newsletter.editorial). Errors name the file (InputError),
    shown relative to `relative_to` when given.
    """

    from newsletter.editorial import intro_from_front_matter

    path = content_dir / INTRO_FILE
    if not path.is_file():
        return None
    shown = os.path.relpath(path, relative_to) if relative_to is not None else str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(shown, f"cannot read: {error.strerror or error}") from None
    if not data.strip():
        return Intro(markdown="", path=shown)
    try:
        text = decode(data)
    except ValueError as error:
        raise InputError(shown, str(error)) from None
    post = _front_matter(text, shown)
    return intro_from_front_matter(post.metadata, post.content, shown)


def front_matter_error_line(text: str) -> int | None:
    """The line of the file (1-based) where its YAML front matter (between two '---' lines) is broken, if known."""
    import yaml

    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), len(lines))
    try:
        yaml.safe_load("\n".join(lines[1:end]))
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark or error.problem_mark
        return mark.line + 2 if mark is not None else None
    except yaml.YAMLError:
        return None
    return None
