"""Render an Issue: HTML (CSS inlined), plain text, and one multipart/alternative message."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
import os
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, replace
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path
from types import MappingProxyType
from typing import Any

from newsletter.errors import NewsletterError
from newsletter.models import Article, Issue

HTML_TEMPLATE = "email.html"
TEXT_TEMPLATE = "email.txt"
MAX_HTML_BYTES = 100_000  # Gmail clips a message whose HTML passes about 102 KB
MAX_STYLE_BYTES = 16_000  # Gmail drops a <style> element larger than 16 KB
INLINERS = ("premailer", "css_inline")
TEXT_WIDTH = 76  # plain-text lines stay within 78 characters, with room to spare
PREHEADER_SPACER = "\u034f\u200c\u00a0" * 40  # keeps inbox previews from running on into the body


def source_label(article: Article, limit: int = 40) -> str:
    """How an article is credited: its source, else its title shortened at a word boundary."""
    if article.source:
        return article.source
    title = article.title
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def long_date(date: dt.date) -> str:
    """A date as '22 October 2024', the same on every platform."""
    return f"{date.day} {date.strftime('%B')} {date.year}"


@dataclass(frozen=True)
class EmailSettings:
    """How the newsletter looks and signs off: theme, language, footer, inliner (from config)."""

    theme: Mapping[str, Any]
    language: str = "en"
    postal_address: str = ""
    unsubscribe_url: str = ""
    footer: str = ""
    inliner: str = "premailer"


def email_settings(config=None) -> EmailSettings:
    """The EmailSettings of a Config (the schema's defaults without one)."""
    from newsletter.config import SCHEMA

    values = dict(config.values) if config is not None else {o.key: o.default for o in SCHEMA}
    theme = {key.split(".", 1)[1]: value for key, value in values.items() if key.startswith("theme.")}
    unsubscribe = values["newsletter.unsubscribe_url"]
    if not unsubscribe and values["serve.public_url"]:  # `newsletter send` puts each reader's own link here
        unsubscribe = values["serve.public_url"].rstrip("/") + "/unsubscribe"
    if not unsubscribe:
        _name, address = parseaddr(values["newsletter.sender"])
        unsubscribe = f"mailto:{address}?subject=unsubscribe"
    return EmailSettings(
        theme=MappingProxyType(theme),
        language=values["newsletter.language"],
        postal_address=values["newsletter.postal_address"],
        unsubscribe_url=unsubscribe,
        footer=values["newsletter.footer"],
        inliner=values["render.inliner"],
    )


def make_environment(templates: Path):
    """A Jinja environment over the templates folder; HTML autoescaped, undefined names are errors.

    One environment per folder is kept, so templates compile once; an edited template is reloaded.
    """
    if not templates.is_dir():
        raise NewsletterError(f"{templates}: templates folder not found (set paths.templates)")
    return _environment(str(templates))


@functools.lru_cache(maxsize=16)
def _environment(templates: str):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        extensions=["jinja2.ext.do"],
        auto_reload=True,
    )
    env.filters["css"] = css_value
    env.filters["nbsp"] = lambda text: str(text).replace(" ", "\u00a0")  # keeps a short label on one line
    return env


_CSS_VALUE = re.compile(r"[A-Za-z0-9 ,.'\"#%()-]*")


def css_value(value: str):
    """A theme value for a <style> element, unescaped (quotes in font names must survive) once checked."""
    from markupsafe import Markup

    if not _CSS_VALUE.fullmatch(str(value)):
        raise NewsletterError(f"theme value {value!r} cannot be used in CSS")
    return Markup(str(value))


class References:
    """Numbered links for the plain text: [1], [2], … in order of first use, listed at the end."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def __call__(self, url: str) -> str:
        if url not in self.urls:
            self.urls.append(url)
        return f"[{self.urls.index(url) + 1}]"


def wrap(text: str, indent: str = "", first: str = "") -> str:
    """Text wrapped to TEXT_WIDTH; `first` opens the first line, `indent` the others.

    Words are never split, nor are words joined by no-break spaces.
    """
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()  # no-break spaces (from |nbsp) hold words together
    return textwrap.fill(text, width=TEXT_WIDTH, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False).replace("\u00a0", " ")


def _context(issue: Issue, settings: EmailSettings, refs: References | None = None, web_version: bool = False) -> dict:
    articles = {a.id: a for story in issue.stories for a in story.articles}

    def cite(article_id: str) -> str:
        article = articles.get(article_id)
        return source_label(article) if article else ""

    first_point = ""
    for story in issue.stories:
        section = story.section("key_points")
        if section and section.items:
            first_point = section.items[0].text
            break
    refs = refs or References()
    if issue.web_url:
        refs(issue.web_url)  # the first link a reader meets: "View in browser"
    return {
        "issue": issue,
        "web_version": web_version,  # True for the archive's web page: leave out anything personal
        "settings": settings,
        "theme": settings.theme,
        "footer": settings.footer.replace("{name}", issue.name),
        "unsubscribe_url": settings.unsubscribe_url,
        "cite": cite,
        "source_label": source_label,
        "long_date": long_date,
        "preheader": issue.summary or first_point,
        "preheader_spacer": PREHEADER_SPACER,
        "intro_text": _html_to_text(issue.intro_html, refs),
        "ref": refs,
        "references": refs.urls,
        "wrap": wrap,
    }


def _html_to_text(html: str, refs: References) -> str:
    """Plain text of a small sanitised HTML fragment (the editor's intro); links become [n] references."""
    if not html:
        return ""
    import lxml.html

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for link in root.iter("a"):
        href = (link.get("href") or "").strip()
        if href:
            link.tail = f" {refs(href)}" + (link.tail or "")
    blocks = []
    for element in root.iter("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"):
        if element.tag == "blockquote" and len(element):
            continue  # its paragraphs are blocks of their own
        text = " ".join(element.text_content().split())
        if text:
            blocks.append(wrap(text, "  ", "* ") if element.tag == "li" else wrap(text))
    return "\n\n".join(blocks)


_TAG = re.compile(r"""<[a-zA-Z][\w:-]*(?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*\s*/?>""")
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle=(?:"([^"]*)"|'([^']*)')""")
_DECLARATION = re.compile(r"""((?:[^;'"(]|'[^']*'|"[^"]*"|\([^)]*\))+)""")
_STYLE_ELEMENT = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S | re.I)


def canonical_css(css: str) -> str:
    """A stylesheet written one compact way: `selector{name:value;name:value !important}`, comments dropped."""
    import tinycss2

    def rules(nodes) -> str:
        out = []
        for rule in nodes:
            prelude = " ".join(tinycss2.serialize(getattr(rule, "prelude", []) or []).split())
            if rule.type == "at-rule":
                if rule.content is None:
                    out.append(f"@{rule.at_keyword} {prelude};")
                elif rule.lower_at_keyword in ("media", "supports"):
                    inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                    out.append(f"@{rule.at_keyword} {prelude}{{{rules(inner)}}}")
                else:
                    out.append(f"@{rule.at_keyword} {prelude}{{{declarations(rule.content)}}}")
            elif rule.type == "qualified-rule":
                out.append(f"{prelude}{{{declarations(rule.content)}}}")
        return "".join(out)

    def declarations(content) -> str:
        parsed = tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        return ";".join(
            f"{d.lower_name}:{' '.join(tinycss2.serialize(d.value).split())}" + (" !important" if d.important else "")
            for d in parsed if d.type == "declaration")

    return rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))


@functools.lru_cache(maxsize=4096)  # an issue repeats a few dozen distinct styles thousands of times
def _compact_style(raw: str) -> str:
    """One style attribute's value, as ` style="name:value;…"`."""
    from html import unescape

    declarations = []
    for part in _DECLARATION.findall(unescape(raw)):
        name, colon, value = part.partition(":")
        if colon and name.strip() and value.strip():
            value = " ".join(value.split()).replace('"', "'")
            value = re.sub(r"\s*!\s*important$", " !important", value)
            declarations.append(f"{name.strip().lower()}:{value}")
    text = ";".join(declarations).replace("&", "&amp;").replace("<", "&lt;")
    return f' style="{text}"'


def compact_styles(html: str) -> str:
    """Style attributes as `name:value;name:value` in double quotes, <style> elements as canonical_css.

    Both inliners' output then reads alike, and a 20-story issue saves a few kilobytes.
    """
    html = _STYLE_ELEMENT.sub(lambda m: m.group(1) + canonical_css(m.group(2)) + m.group(3), html)

    def compact(match: re.Match) -> str:
        return _compact_style(match.group(1) if match.group(1) is not None else match.group(2))

    return _TAG.sub(lambda tag: _STYLE_ATTRIBUTE.sub(compact, tag.group(0)), html)


def inline_css(html: str, inliner: str = "premailer") -> str:
    """Inline the CSS into style attributes; @media rules and !important survive; nothing is fetched.

    `inliner` is "premailer" (the default) or "css_inline" (faster, optional: pip install css-inline).
    Either way, style attributes come out in one compact form (compact_styles).
    """
    if inliner == "css_inline":
        return compact_styles(_inline_css_inline(html))
    if inliner != "premailer":
        raise NewsletterError(f"render.inliner: unknown inliner {inliner!r} (known: {', '.join(INLINERS)})")
    import cssutils
    from premailer import Premailer

    cssutils.log.setLevel(logging.CRITICAL)  # vendor properties (mso-*) are not warnings worth showing
    logging.getLogger("premailer").setLevel(logging.ERROR)
    inlined = Premailer(
        html,
        base_url=None,
        allow_network=False,
        allow_loading_external_files=False,
        keep_style_tags=False,
        strip_important=False,
        remove_classes=False,
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
    ).transform(pretty_print=False)
    return compact_styles(inlined)


def _inline_css_inline(html: str) -> str:
    try:
        import css_inline
    except ImportError:
        raise NewsletterError(
            "render.inliner: css_inline is not installed (pip install css-inline, or 'newsletter[fast]')"
        ) from None
    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_link_tags=False, keep_at_rules=True,
                                    load_remote_stylesheets=False)
    return inliner.inline(html)


def _render(name: str, context: dict, templates: Path) -> str:
    """Render one template of the templates folder with the given context."""
    import jinja2

    env = make_environment(templates)
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateNotFound as error:
        raise NewsletterError(f"{templates / error.name}: template not found") from None
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or templates / (error.name or name)}:{error.lineno}"
        raise NewsletterError(f"{where}: template error: {error.message}") from None
    except jinja2.TemplateError as error:
        raise NewsletterError(f"{_template_line(error, templates) or templates / name}: template error: {error}") from None


def _template_line(error: Exception, templates: Path) -> str:
    """Where in the templates a rendering error happened, as FILE:LINE (the innermost template), or ""."""
    folder = os.path.join(str(templates), "")
    where = ""
    frame = error.__traceback__
    while frame is not None:
        filename = frame.tb_frame.f_code.co_filename
        if filename.startswith(folder):
            where = f"{filename}:{frame.tb_lineno}"
        frame = frame.tb_next
    return where


def render_html(issue: Issue, templates: Path, settings: EmailSettings | None = None, web_version: bool = False) -> str:
    """The issue as an email-ready HTML document (CSS inlined by settings.inliner); web_version:
    the public web page (nothing personal)."""
    settings = settings or email_settings()
    return inline_css(_render(HTML_TEMPLATE, _context(issue, settings, web_version=web_version), templates), settings.inliner)


def render_text(issue: Issue, templates: Path, settings: EmailSettings | None = None) -> str:
    """The issue as plain text, from its own template; links are numbered references listed at the end."""
    settings = settings or email_settings()
    lines = [line.rstrip() for line in _render(TEXT_TEMPLATE, _context(issue, settings), templates).splitlines()]
    collapsed: list[str] = []
    for line in lines:
        if line or (collapsed and collapsed[-1]):
            collapsed.append(line)
    return "\n".join(collapsed).strip() + "\n"


def shorten(issue: Issue, level: int) -> Issue:
    """The issue made shorter, step by step (0: unchanged).

    Level 1 drops the lists of people quoted; each further level drops one more item (key point,
    quote, figure) from every section of every story, keeping at least one key point. A story that
    lost anything links to where it can be read in full (its first article with a URL).
    """
    if level <= 0:
        return issue
    cut = level - 1
    stories = []
    for story in issue.stories:
        sections = []
        for section in story.sections:
            keep_one = section.module not in ("quotes", "figures")
            keep = max(1 if keep_one else 0, len(section.items) - cut)
            sections.append(replace(section, items=section.items[:keep], extra=()))
        shortened = any(len(a.items) != len(b.items) or a.extra != b.extra
                        for a, b in zip(story.sections, sections))
        more = next((a.url for a in story.articles if a.url), "") if shortened else ""
        stories.append(replace(story, sections=tuple(sections), read_more=more or story.read_more))
    return replace(issue, stories=tuple(stories))


def render_html_within(issue: Issue, templates: Path, settings: EmailSettings | None = None,
                       limit: int = MAX_HTML_BYTES) -> tuple[Issue, str]:
    """The issue's HTML within `limit` bytes: shortened (fewer items, "read more" links) only if need be.

    Returns the issue as rendered (shortened or not) and its HTML. If even the shortest form is
    over the limit, that form is returned and a warning is logged.
    """
    settings = settings or email_settings()
    html = render_html(issue, templates, settings)
    if len(html.encode("utf-8")) <= limit:
        return issue, html
    deepest = max((len(s.items) for story in issue.stories for s in story.sections), default=0)
    low, high = 1, deepest + 1
    best = (shorten(issue, high), None)
    while low <= high:  # the smallest level that fits: sizes only shrink as the level grows
        middle = (low + high) // 2
        candidate = shorten(issue, middle)
        candidate_html = render_html(candidate, templates, settings)
        if len(candidate_html.encode("utf-8")) <= limit:
            best, high = (candidate, candidate_html), middle - 1
        else:
            low = middle + 1
    shortened, html = best
    if html is None:
        html = render_html(shortened, templates, settings)
        logging.getLogger("newsletter").warning(
            "issue %d: the HTML is %.0f KB even shortened (limit %.0f KB); Gmail will clip it",
            issue.number, len(html.encode("utf-8")) / 1000, limit / 1000)
    return shortened, html


def build_message(issue: Issue, html: str, text: str, sender: str, recipients: list[str]) -> EmailMessage:
    """One multipart/alternative message (text first, then HTML) with deterministic headers."""
    message = EmailMessage(policy=SMTP)
    name, address = parseaddr(sender)
    message["Subject"] = issue.subject
    message["From"] = formataddr((name, address))
    if recipients:
        message["To"] = ", ".join(formataddr(parseaddr(r)) for r in recipients)
    when = dt.datetime.combine(issue.date or dt.date(1970, 1, 1), dt.time(6, 0), tzinfo=dt.timezone.utc)
    message["Date"] = format_datetime(when)
    digest = hashlib.sha256((html + "\0" + text).encode("utf-8")).hexdigest()
    domain = address.rpartition("@")[2] or "localhost"
    message["Message-ID"] = f"<issue-{issue.number:04d}.{digest[:16]}@{domain}>"
    message["MIME-Version"] = "1.0"
    message.set_content(text, subtype="plain", charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message.set_boundary(f"=_newsletter_{digest[16:40]}")
    return message
