import datetime as dt
import email
from email import policy

from newsletter.models import Article, Issue, KeyPoint, Person, Quote, Section, Story
from newsletter.render import build_message, inline_css, render_html, render_text

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
    assert "width: 100% !important" in html


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
    import pytest

    from newsletter.errors import NewsletterError

    (tmp_path / "email.html").write_text("{{ issue.nope }}")
    with pytest.raises(NewsletterError) as caught:
        render_html(make_issue(), tmp_path)
    assert str(caught.value) == f"{tmp_path / 'email.html'}: template error: 'newsletter.models.Issue object' has no attribute 'nope'"
    with pytest.raises(NewsletterError) as caught:
        render_text(make_issue(), tmp_path)
    assert str(caught.value) == f"{tmp_path / 'email.txt'}: template not found"
