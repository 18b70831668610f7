import datetime as dt
import os

import pytest

from newsletter.errors import InputError
from newsletter.readers import read_article, read_articles
from tests.conftest import write

MD = """---
title: Council approves the new bridge
source: The Harbour Gazette
url: https://example.com/bridge
date: 2024-10-21
author: Ann Lee
tags: [local, transport]
---
The city council voted 7-2 on Monday to approve a **new bridge** across the harbour.

Construction is expected to cost $42 million and take three years.

- It will carry a tram line.
"""

HTML = """<!DOCTYPE html><html><head><title>Storm closes schools | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta name="date" content="2024-10-20"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Storm closes schools across the region</h1>
<p>A powerful storm forced the closure of more than 200 schools across the region on Tuesday, officials said.</p>
<p>Forecasters warned that winds of up to 90 mph could bring down power lines and trees overnight.</p>
<p>"We are asking everyone to stay at home unless their journey is essential," the county's emergency director said.</p>
<p>Schools are expected to reopen on Thursday once buildings have been inspected for damage by engineers.</p>
</article><footer>Share this article. Copyright Daily Planet 2024.</footer></body></html>
"""


def test_markdown_front_matter_and_body(tmp_path):
    article = read_article(write(tmp_path / "bridge.md", MD))
    assert article.title == "Council approves the new bridge"
    assert article.source == "The Harbour Gazette"
    assert article.url == "https://example.com/bridge"
    assert article.date == dt.date(2024, 10, 21)
    assert article.author == "Ann Lee"
    assert article.tags == ("local", "transport")
    assert article.paragraphs[0] == "The city council voted 7-2 on Monday to approve a new bridge across the harbour."
    assert article.paragraphs[1] == "Construction is expected to cost $42 million and take three years."


def test_html_main_text_is_extracted(tmp_path):
    article = read_article(write(tmp_path / "storm.html", HTML))
    text = "\n".join(article.paragraphs)
    assert "more than 200 schools" in text
    assert "Home" not in article.paragraphs
    assert not any("Copyright" in p for p in article.paragraphs)
    assert article.paragraphs[0].startswith("A powerful storm forced the closure")


def test_text_file_metadata_is_sniffed(repo):
    article = read_article(repo / "content" / "nk-troop-dispatch-experts.txt")
    assert article.date == dt.date(2024, 10, 22)
    assert article.source == "Yonhap News Agency"
    assert article.title.startswith("N.K. troop dispatch for Russia")
    assert not any(p.startswith("Source:") for p in article.paragraphs)
    assert not any(p == "October 22, 2024" for p in article.paragraphs)


def test_ids_are_stable_and_distinct(repo, tmp_path):
    first = read_articles([repo / "content"])[0]
    second = read_articles([repo / "content"])[0]
    assert [a.id for a in first] == [a.id for a in second]
    assert len({a.id for a in first}) == len(first) == 2
    # the id follows the article, not the file name
    copy = write(tmp_path / "renamed.txt", (repo / "content" / "kim-putin-alarm.txt").read_text())
    original = read_article(repo / "content" / "kim-putin-alarm.txt")
    assert read_article(copy).id == original.id


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \n", "empty file"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes), expected UTF-8 text"),
        ("latin1.txt", "Caf\u00e9 news and more text here.".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3)"),
        ("junk.txt", b"Share this article\n\nScroll to Top\n", "no usable text after cleaning"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type '.pdf', expected one of .txt, .md, .markdown, .html, .htm"),
        ("bad-date.md", b"---\ntitle: X\ndate: yesterday\n---\nSome real text for the body here.\n",
         "front matter 'date': expected a date like 2024-10-22, got 'yesterday'"),
    ],
)
def test_bad_input_is_one_line_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert caught.value.reason == reason
    assert str(caught.value) == f"{path}: {reason}"


def test_unreadable_file(tmp_path):
    path = tmp_path / "gone.txt"
    os.symlink(tmp_path / "missing-target", path)  # a dangling link cannot be read, even by root
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert caught.value.reason == "cannot read: No such file or directory"


def test_one_bad_file_does_not_stop_the_rest(repo, tmp_path):
    for src in (repo / "content").iterdir():
        write(tmp_path / src.name, src.read_text())
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\x00bad")
    articles, skipped = read_articles([tmp_path])
    assert len(articles) == 2
    assert [(s.path, s.reason) for s in skipped] == [
        (str(tmp_path / "broken.txt"), "binary file (contains NUL bytes), expected UTF-8 text")
    ]


def test_intro_file_is_read_with_its_summary_and_never_as_an_article(tmp_path):
    from newsletter.readers import read_intro

    content = tmp_path / "content"
    assert read_intro(content) is None
    write(content / "intro.md", "---\nsummary: >\n  Bridge approved;\n  storm closes schools.\n---\nHello **readers**.\n")
    write(content / "bridge.md", MD)
    intro = read_intro(content)
    assert intro.markdown == "Hello **readers**."
    assert intro.summary == "Bridge approved; storm closes schools."
    assert intro.path == str(content / "intro.md")
    articles, skipped = read_articles([content])
    assert [a.title for a in articles] == ["Council approves the new bridge"] and skipped == []


def test_intro_file_without_front_matter(tmp_path):
    from newsletter.readers import read_intro

    write(tmp_path / "intro.md", "Just a *line*.\n")
    intro = read_intro(tmp_path)
    assert (intro.markdown, intro.summary) == ("Just a *line*.", "")


@pytest.mark.parametrize("text, reason", [
    ("---\nsummary: [1, 2]\n---\nx\n", "summary: expected a line of text, got [1, 2]"),
    ("---\nsumary: typo\n---\nx\n", "front matter: unknown key 'sumary' (known: summary, subject, pin, drop)"),
    ("---\nsummary: [\n---\nx\n", "invalid front matter: while parsing a flow node (line 2)"),
    ("---\nsummary: ok\npin: [a\n---\nx\n", "invalid front matter: while parsing a flow sequence (line 3)"),
])
def test_intro_file_errors_name_the_file(tmp_path, text, reason):
    from newsletter.readers import read_intro

    write(tmp_path / "intro.md", text)
    with pytest.raises(InputError) as caught:
        read_intro(tmp_path)
    assert str(caught.value) == f"{tmp_path / 'intro.md'}: {reason}"


def test_the_same_html_page_read_again_keeps_its_text(tmp_path):
    """trafilatura's cross-document deduplication is off: a long-running service reads the same page every run."""
    page = write(tmp_path / "page.html", "<html><body><article><h1>Harbour ferry returns</h1>"
                 + "".join(f"<p>Paragraph {n} of the article about the harbour ferry and its repairs.</p>" for n in range(4))
                 + "</article></body></html>")
    first = read_article(page)
    assert [read_article(page).paragraphs for _ in range(4)] == [first.paragraphs] * 4
