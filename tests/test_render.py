import datetime as dt
import email
import re
from dataclasses import replace
from email import policy
from pathlib import Path

import lxml.html
import pytest

from newsletter.models import Article, Figure, Issue, KeyPoint, Person, Quote, Section, Story
from newsletter.render import (
    build_message,
    email_settings,
    inline_css,
    render_html,
    render_html_within,
    render_text,
    shorten,
)

EVIL = '<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %} & "quoted"'


def make_issue(intro_html=""):
    article = Article(id="a1", title="Title " + EVIL, paragraphs=(EVIL,), source="Gazette <b>bold</b>",
                      url="https://example.com/a?x=1&y=2")
    story = Story(
        id="s1",
        title="Story " + EVIL,
        articles=(article,),
        sections=(
            Section("key_points", "Key points", (KeyPoint("Point " + EVIL, "a1"),)),
            Section("quotes", "In their words", (Quote("Quote " + EVIL, "Jo Bloggs", "mayor of <Town>", "a1"),),
                    extra=(Person("Jo Bloggs", "mayor of <Town>", None),)),
        ),
    )
    return Issue(number=7, name="The Test", subject="The Test #7", date=dt.date(2024, 10, 22),
                 stories=(story,), intro_html=intro_html)


def test_article_text_cannot_inject_html_or_template_code(repo):
    html = render_html(make_issue(), repo / "templates")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} {% if true %}x{% endif %}" in html
    assert "49" not in html
    assert "Gazette &lt;b&gt;bold&lt;/b&gt;" in html
    assert 'href="https://example.com/a?x=1&amp;y=2"' in html


def test_plain_text_keeps_characters_unescaped(repo):
    text = render_text(make_issue(), repo / "templates")
    assert "Point <script>alert(1)</script> {{ 7*7 }}" in text
    assert "“Quote <script>alert(1)</script>" in text
    assert "— Jo Bloggs, mayor of <Town>" in text
    assert "&lt;" not in text


def test_css_is_inlined_and_media_queries_and_important_survive():
    html = inline_css(
        "<html><head><style>.a { color: red; } .b { color: blue !important; }"
        "@media only screen and (max-width: 620px) { .a { width: 100% !important; } }</style></head>"
        '<body><p class="a">x</p><p class="b">y</p><img src="https://tracker.invalid/p.png"></body></html>'
    )
    assert '<p class="a" style="color:red">x</p>' in html
    assert "color:blue !important" in html
    assert "@media only screen and (max-width: 620px)" in html
    assert "width:100% !important" in html


def test_message_is_multipart_alternative_with_headers(repo):
    issue = make_issue()
    html = render_html(issue, repo / "templates")
    text = render_text(issue, repo / "templates")
    message = build_message(issue, html, text, "The Test <test@example.org>", ["Reader <r@example.org>"])
    parsed = email.message_from_bytes(message.as_bytes(), policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in parsed.iter_parts()] == ["text/plain", "text/html"]
    assert parsed["Subject"] == "The Test #7"
    assert parsed["From"] == "The Test <test@example.org>"
    assert parsed["To"] == "Reader <r@example.org>"
    assert parsed["Date"] == "Tue, 22 Oct 2024 06:00:00 +0000"
    assert parsed["Message-ID"].startswith("<issue-0007.") and parsed["Message-ID"].endswith("@example.org>")
    assert len(parsed.get_all("MIME-Version")) == 1
    assert parsed.get_body(("plain",)).get_content().replace("\r\n", "\n") == text
    # same input, same bytes
    again = build_message(issue, html, text, "The Test <test@example.org>", ["Reader <r@example.org>"])
    assert again.as_bytes() == message.as_bytes()


def test_editor_intro_markdown_is_sanitised():
    from newsletter.digest import markdown_to_safe_html

    html = markdown_to_safe_html("Hello **readers**.\n\n<script>x()</script><a href='javascript:x()' onclick='y()'>l</a>")
    assert "<strong>readers</strong>" in html
    assert "<script>" not in html and "onclick" not in html and "javascript:" not in html


def test_template_errors_name_the_file(tmp_path):
    from newsletter.errors import NewsletterError

    (tmp_path / "email.html").write_text("<p>\n{% include 'part.html' %}\n</p>")
    (tmp_path / "part.html").write_text("one\ntwo {{ issue.nope }}\n")
    with pytest.raises(NewsletterError) as caught:
        render_html(make_issue(), tmp_path)
    assert str(caught.value) == (f"{tmp_path / 'part.html'}:2: template error: "
                                 "'newsletter.models.Issue object' has no attribute 'nope'")
    (tmp_path / "part.html").write_text("one\n{% if %}\n")
    with pytest.raises(NewsletterError) as caught:
        render_html(make_issue(), tmp_path)
    assert str(caught.value) == f"{tmp_path / 'part.html'}:2: template error: Expected an expression, got 'end of statement block'"
    with pytest.raises(NewsletterError) as caught:
        render_text(make_issue(), tmp_path)
    assert str(caught.value) == f"{tmp_path / 'email.txt'}: template not found"


# --- the email as a reader gets it -------------------------------------------------------------------


def story(number, points=4, quotes=2, figures=2, url=True):
    article = Article(id=f"a{number}", title=f"Article {number}", paragraphs=("x",), source=f"Outlet {number}",
                      url=f"https://news.example.com/{number}" if url else None, date=dt.date(2024, 10, 20))
    return Story(
        id=f"s{number}",
        title=f"Story number {number} about the harbour",
        articles=(article,),
        sections=(
            Section("key_points", "Key points",
                    tuple(KeyPoint(f"Point {i} of story {number}, " + "with words " * 12, article.id)
                          for i in range(points))),
            Section("quotes", "In their words",
                    tuple(Quote(f"Quote {i} of story {number}.", "Jo Bloggs", "mayor", article.id) for i in range(quotes)),
                    extra=(Person("Jo Bloggs", "mayor", None),)),
            Section("figures", "By the numbers",
                    tuple(Figure(f"{i + 2},000", f"{i + 2},000 people came", article.id) for i in range(figures))),
        ),
    )


def issue_of(count, **fields):
    return Issue(number=12, name="The Test", subject="The Test #12", date=dt.date(2024, 10, 22),
                 stories=tuple(story(n) for n in range(1, count + 1)), **fields)


def settings(**values):
    from newsletter.config import parse_config

    text = "\n".join(f"[{section}]\n" + "\n".join(f"{k} = {v!r}".replace("'", '"') for k, v in keys.items())
                     for section, keys in values.items())
    return email_settings(parse_config(text, "config.toml", Path("/project")))


def dom(html):
    return lxml.html.document_fromstring(html)


def test_layout_is_a_600px_column_of_presentation_tables_with_an_outlook_wrapper(repo):
    html = render_html(issue_of(2), repo / "templates")
    root = dom(html)
    assert root.get("lang") == "en"
    tables = root.findall(".//table")
    assert tables and all(t.get("role") == "presentation" for t in tables)
    container = root.find_class("container")[0]
    assert container.get("width") == "100%" and "max-width:600px" in container.get("style")
    assert '<!--[if mso]><table role="presentation" width="600" align="center"' in html
    assert "<!--[if mso]></td></tr></table><![endif]-->" in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


def test_header_preheader_and_footer(repo):
    html = render_html(issue_of(2), repo / "templates")
    root = dom(html)
    assert root.find_class("name")[0].text_content() == "The Test"
    assert root.find_class("meta")[0].text_content() == "Issue 12 · 22 October 2024 · 2 stories"
    preheader = root.find_class("preheader")[0]
    assert "display:none" in preheader.get("style") and "mso-hide:all" in preheader.get("style")
    assert preheader.text_content().startswith("Point 0 of story 1, with words")  # the first key point
    footer = root.find_class("footer")[0]
    assert "You are receiving this email because you subscribed to The Test." in footer.text_content()
    unsubscribe = [a for a in footer.iter("a") if a.text_content() == "Unsubscribe"]
    assert unsubscribe[0].get("href") == "mailto:briefing@example.com?subject=unsubscribe"  # the sender's address
    assert "View in browser" not in html  # no web archive configured: no link at all
    assert root.find_class("contents") == []  # a contents list only for more than three stories


def test_summary_web_version_contents_postal_address_and_unsubscribe(repo):
    issue = issue_of(4, summary="Four stories, one harbour.", web_url="https://news.example.com/issues/0012/")
    html = render_html(issue, repo / "templates", settings(newsletter={
        "postal_address": "The Test, 1 Quay Street, Port Town", "unsubscribe_url": "https://news.example.com/leave",
        "footer": "You get {name} because you asked for it."}))
    root = dom(html)
    assert root.find_class("preheader")[0].text_content().startswith("Four stories, one harbour.")
    assert [a.get("href") for a in root.iter("a") if a.text_content() == "View in browser"] == [
        "https://news.example.com/issues/0012/"] * 2  # at the top and in the footer
    contents = root.find_class("contents")[0]
    assert [li.text_content() for li in contents.iter("li")] == [f"Story number {n} about the harbour" for n in range(1, 5)]
    footer = root.find_class("footer")[0].text_content()
    assert "You get The Test because you asked for it." in footer
    assert "The Test, 1 Quay Street, Port Town" in footer
    assert [a.get("href") for a in root.iter("a") if a.text_content() == "Unsubscribe"] == ["https://news.example.com/leave"]


def test_story_shows_sources_with_dates_points_quotes_and_figures(repo):
    root = dom(render_html(issue_of(1), repo / "templates"))
    assert root.find_class("sources")[0].text_content().split() == ["Source:", "Outlet", "1,", "20", "October", "2024"]
    assert root.find_class("sources")[0].find("a").get("href") == "https://news.example.com/1"
    assert len(root.find_class("points")[0].findall("li")) == 4
    quote = root.find_class("quote")[0]
    assert quote.tag == "blockquote"
    assert quote.find_class("speaker")[0].text_content() == "— Jo Bloggs, mayor · Outlet 1"
    assert [td.text_content() for td in root.find_class("figure-value")] == ["2,000", "3,000"]
    assert [h.text_content() for h in root.iter("h3")] == ["Key points", "In their words", "Who’s quoted", "By the numbers"]


def test_theme_colours_fonts_logo_and_dark_mode(repo):
    html = render_html(issue_of(1), repo / "templates", settings(theme={
        "accent": "#0f5e4d", "text": "#222222", "dark_text": "#ededec", "font": "Verdana, sans-serif",
        "logo_url": "https://news.example.com/logo.png", "logo_width": 160}))
    root = dom(html)
    assert "color:#0f5e4d" in root.find_class("section-heading")[0].get("style")
    assert "font-family:Verdana, sans-serif" in root.find_class("story")[0].get("style")
    logo = root.find_class("logo")[0]
    assert (logo.get("src"), logo.get("alt"), logo.get("width")) == ("https://news.example.com/logo.png", "The Test", "160")
    style = root.find(".//style").text
    dark = style[style.index("@media (prefers-color-scheme: dark)"):]
    assert "color:#ededec !important" in dark
    assert '<meta name="color-scheme" content="light dark">' in html


def test_default_theme_stays_readable_when_a_client_inverts_it():
    """Clients that force dark mode invert colours: every text colour keeps 4.5:1 on its background then too."""
    from newsletter.config import contrast_ratio as contrast

    theme = email_settings().theme

    def invert(colour):
        return "#" + "".join(f"{255 - int(colour[i:i + 2], 16):02x}" for i in (1, 3, 5))

    for prefix in ("", "dark_"):
        for text in ("text", "muted", "accent", "link"):
            for ground in ("surface", "background"):
                fg, bg = theme[prefix + text], theme[prefix + ground]
                assert contrast(fg, bg) >= 4.5, (prefix + text, prefix + ground)
                assert contrast(invert(fg), invert(bg)) >= 4.5, (prefix + text, prefix + ground, "inverted")


def test_plain_text_lines_and_numbered_links(repo):
    issue = issue_of(4, web_url="https://news.example.com/issues/0012/",
                     intro_html='<p>Hello, see <a href="https://news.example.com/about">our about page</a>.</p>')
    text = render_text(issue, repo / "templates")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 78
    assert lines[:3] == ["THE TEST", "Issue 12 · 22 October 2024", "View in browser: [1]"]
    assert "Hello, see our about page [2]." in lines
    assert "IN THIS ISSUE" in lines and " 4. Story number 4 about the harbour" in lines
    assert "Source: Outlet 1, 20 October 2024 [3]" in lines
    assert "Unsubscribe: [7]" in lines
    links = lines[lines.index("Links:") + 1:]
    assert links == ["[1] https://news.example.com/issues/0012/", "[2] https://news.example.com/about",
                     "[3] https://news.example.com/1", "[4] https://news.example.com/2",
                     "[5] https://news.example.com/3", "[6] https://news.example.com/4",
                     "[7] mailto:briefing@example.com?subject=unsubscribe"]
    assert "http" not in "\n".join(lines[:lines.index("Links:")])  # links only as references


def test_shorten_drops_people_then_items_and_links_to_the_full_story():
    issue = issue_of(2)
    assert shorten(issue, 0) is issue
    one = shorten(issue, 1).stories[0]
    assert [len(s.items) for s in one.sections] == [4, 2, 2] and one.section("quotes").extra == ()
    assert one.read_more == "https://news.example.com/1"
    three = shorten(issue, 3).stories[0]
    assert [len(s.items) for s in three.sections] == [2, 0, 0]
    assert [len(s.items) for s in shorten(issue, 9).stories[0].sections] == [1, 0, 0]  # one key point stays
    no_url = replace(issue, stories=(story(1, url=False),))
    assert shorten(no_url, 2).stories[0].read_more == ""  # nowhere to read more: no link


def test_an_issue_over_the_limit_shortens_only_as_much_as_needed(repo):
    issue = issue_of(6)
    full = render_html(issue, repo / "templates")
    same, html = render_html_within(issue, repo / "templates", limit=len(full.encode()))
    assert same is issue and html == full
    limit = len(full.encode()) - 2000
    shortened, html = render_html_within(issue, repo / "templates", limit=limit)
    assert len(html.encode()) <= limit
    assert html == render_html(shortened, repo / "templates")
    assert "Read the full story" in html and "Read the full story" not in full
    assert shortened == shorten(issue, 2)  # level 1 (no people lists) was not enough; level 2 is
    assert len(render_html(shorten(issue, 1), repo / "templates").encode()) > limit


def test_an_issue_that_cannot_fit_warns(repo, caplog):
    shortened, html = render_html_within(issue_of(3), repo / "templates", limit=5000)
    assert shortened == shorten(issue_of(3), 5)
    assert caplog.messages == [f"issue 12: the HTML is {len(html.encode()) / 1000:.0f} KB even shortened "
                               "(limit 5 KB); Gmail will clip it"]


def test_inliners_give_the_same_document(repo):
    pytest.importorskip("css_inline")
    html = {name: render_html(issue_of(4, web_url="https://x.example/i/"), repo / "templates",
                              replace(email_settings(), inliner=name)) for name in ("premailer", "css_inline")}

    def normal(document):
        root = dom(document)
        style = "".join(s.text for s in root.iter("style"))
        elements = []
        for element in root.iter():
            if not isinstance(element.tag, str) or element.tag in ("tbody", "style"):
                continue  # css_inline's parser adds the <tbody> browsers add anyway
            attributes = {k: re.sub(r"#([0-9a-f])([0-9a-f])([0-9a-f])\b", r"#\1\1\2\2\3\3", v.lower())
                          for k, v in element.attrib.items()}
            elements.append((element.tag, sorted(attributes.items()), (element.text or "").strip(),
                             (element.tail or "").strip()))
        return " ".join(style.split()), elements

    assert normal(html["premailer"]) == normal(html["css_inline"])


def test_unknown_or_missing_inliner_is_one_line(repo, monkeypatch):
    from newsletter.errors import NewsletterError

    with pytest.raises(NewsletterError) as caught:
        render_html(issue_of(1), repo / "templates", replace(email_settings(), inliner="fast"))
    assert str(caught.value) == "render.inliner: unknown inliner 'fast' (known: premailer, css_inline)"
    monkeypatch.setitem(__import__("sys").modules, "css_inline", None)
    with pytest.raises(NewsletterError) as caught:
        render_html(issue_of(1), repo / "templates", replace(email_settings(), inliner="css_inline"))
    assert str(caught.value) == ("render.inliner: css_inline is not installed "
                                 "(pip install css-inline, or 'newsletter[fast]')")
