"""Render an Issue: HTML (CSS inlined), plain text, and one multipart/alternative message."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import textwrap
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr, parseaddr
from pathlib import Path

from newsletter.errors import NewsletterError
from newsletter.models import Article, Issue

HTML_TEMPLATE = "email.html"
TEXT_TEMPLATE = "email.txt"


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


def make_environment(templates: Path):
    """A Jinja environment over the templates folder; HTML autoescaped, undefined names are errors."""
    import jinja2

    if not templates.is_dir():
        raise NewsletterError(f"{templates}: templates folder not found (set paths.templates)")
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "htm"), default_for_string=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
    )


def _context(issue: Issue, web_version: bool = False) -> dict:
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
    return {
        "issue": issue,
        "web_version": web_version,  # True for the archive's web page: leave out anything personal
        "cite": cite,
        "source_label": source_label,
        "long_date": long_date,
        "preheader": first_point,
        "intro_text": _html_to_text(issue.intro_html),
        "wrap": lambda text, indent="": textwrap.fill(text, width=76, subsequent_indent=indent,
                                                         break_long_words=False, break_on_hyphens=False),
    }


def _html_to_text(html: str) -> str:
    """Plain text of a small sanitised HTML fragment (the editor's intro)."""
    if not html:
        return ""
    import lxml.html

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    blocks = [" ".join(el.text_content().split()) for el in root.iter("p", "li", "h1", "h2", "h3", "h4", "pre")]
    return "\n\n".join(textwrap.fill(b, 76) for b in blocks if b)


def inline_css(html: str) -> str:
    """Inline the CSS into style attributes; @media rules and !important survive; nothing is fetched."""
    import cssutils
    from premailer import Premailer

    cssutils.log.setLevel(logging.CRITICAL)
    return Premailer(
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


def _render(name: str, issue: Issue, templates: Path, web_version: bool = False) -> str:
    """Render one template of the templates folder with the issue's context."""
    import jinja2

    env = make_environment(templates)
    try:
        return env.get_template(name).render(_context(issue, web_version))
    except jinja2.TemplateNotFound as error:
        raise NewsletterError(f"{templates / error.name}: template not found") from None
    except jinja2.TemplateError as error:
        raise NewsletterError(f"{templates / name}: template error: {error}") from None


def render_html(issue: Issue, templates: Path, web_version: bool = False) -> str:
    """The issue as an email-ready HTML document; web_version: the public web page (nothing personal)."""
    return inline_css(_render(HTML_TEMPLATE, issue, templates, web_version))


def render_text(issue: Issue, templates: Path) -> str:
    """The issue as plain text, from its own template."""
    lines = [line.rstrip() for line in _render(TEXT_TEMPLATE, issue, templates).splitlines()]
    collapsed: list[str] = []
    for line in lines:
        if line or (collapsed and collapsed[-1]):
            collapsed.append(line)
    return "\n".join(collapsed).strip() + "\n"


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
