"""newsletter check: limits, alt text, links, and client support read from caniemail's tables."""

import json
import subprocess
import sys

import pytest


from newsletter.check import (
    MAJOR_CLIENTS,
    CheckError,
    Finding,
    check_html,
    check_issue,
    load_caniemail,
    property_feature,
)
from tests.conftest import cli_env, make_project, write

OUTLOOK = ("outlook", "windows")
GMAIL = ("gmail", "desktop-webmail")
APPLE = ("apple-mail", "macos")
OTHER = ("hey", "desktop-webmail")


def feature(folder, slug, stats, notes=None, title=None, tabs=False):
    """Write one caniemail feature file (JSON is YAML too)."""
    stats = {family: {platform: versions for (f, platform), versions in stats.items() if f == family}
             for family in {family for family, _ in stats}}
    text = f"---\ntitle: {json.dumps(title or slug)}\ncategory: css\nstats: {json.dumps(stats, indent=4)}\n"
    if notes:
        text += f"notes_by_num: {json.dumps(notes)}\n"
    text += "---\n"
    if tabs:
        text = text.replace("    ", "\t")
    write(folder / "_features" / f"{slug}.md", text)


@pytest.fixture
def tables(tmp_path):
    """A small caniemail folder: four clients, a few features."""
    folder = tmp_path / "caniemail"
    every = {OUTLOOK: {"2016": "y", "2019": "y"}, GMAIL: {"2023-01": "y"}, APPLE: {"16": "y"}, OTHER: {"2020": "y"}}
    for slug in ("css-padding", "css-color-x", "html-table", "html-p", "html-td", "css-selector-class",
                 "html-style", "css-at-media", "css-display-none", "css-important", "html-img", "html-body",
                 "html-width", "html-cellpadding", "html-a"):
        feature(folder, slug, every)
    feature(folder, "css-border-radius", {**every, OUTLOOK: {"2016": "y", "2019": "n #1"}, OTHER: {"2020": "n"}},
            notes={"1": "Round corners can be drawn in [VML](https://example.com)."}, title="border-radius")
    feature(folder, "css-margin", {**every, GMAIL: {"2019": "y", "2023-01": "a #1"}},
            notes={"1": "Partial. Negative values are not supported."}, title="margin", tabs=True)
    feature(folder, "css-at-media-prefers-color-scheme", {**every, GMAIL: {"2023-01": "n"}, OUTLOOK: {"2019": "n"}},
            title="@media (prefers-color-scheme)")
    feature(folder, "html-role", {**every, OUTLOOK: {"2019": "n"}}, title="role attribute")
    feature(folder, "css-max-height", {**every, OUTLOOK: {"2019": "n"}}, title="max-height")
    feature(folder, "html-body", {**every, OUTLOOK: {"2019": "n"}}, title="<body> element")
    write(folder / "_data" / "nicenames.yml", "family:\n  gmail: Gmail\n  apple-mail: Apple Mail\n  hey: HEY\n"
                                              "platform:\n  desktop-webmail: Webmail\n  macos: macOS\n")
    return load_caniemail(folder)


def page(body, head=""):
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'


def messages(report, client=None, level=None):
    return [f.message for f in report.for_client(client) if level is None or f.level == level]


def test_support_is_the_last_version_listed_with_its_notes(tables):
    support = tables.features["css-border-radius"].support[OUTLOOK]
    assert (support.status, support.version, support.notes) == ("n", "2019", ("Round corners can be drawn in VML.",))
    assert tables.features["css-margin"].support[GMAIL].status == "a"  # a file indented with tabs
    assert tables.client_name(GMAIL) == "Gmail (Webmail)"
    assert tables.client_name(OUTLOOK) == "Outlook (Windows)"
    assert tables.clients()[:3] == [APPLE, GMAIL, OUTLOOK]  # major clients first


def test_inline_feature_a_major_client_lacks_is_an_error(tables):
    report = check_html(page('<table role="presentation"><tr><td style="border-radius: 4px; padding: 8px">x</td></tr></table>'),
                        tables)
    assert messages(report, OUTLOOK, "error") == ["border-radius: not supported (used by border-radius (style on <td>))"]
    assert messages(report, GMAIL) == []
    # the same in a client that is not major is a warning
    assert OTHER not in MAJOR_CLIENTS
    assert messages(report, OTHER) == ["border-radius: not supported (used by border-radius (style on <td>))"]
    assert [f.level for f in report.for_client(OTHER)] == ["warning"]


def test_style_element_features_are_enhancements_so_warnings(tables):
    css = ".a { padding: 1px; } @media (prefers-color-scheme: dark) { .a { border-radius: 4px !important; } }"
    report = check_html(page('<p class="a">x</p>', f"<style>{css}</style>"), tables)
    assert report.errors == []
    assert messages(report, OUTLOOK) == [
        "@media (prefers-color-scheme): not supported; only in <style>, so the inline styles apply "
        "(used by @media (prefers-color-scheme: dark))",
        "border-radius: not supported; only in <style>, so the inline styles apply "
        "(used by border-radius (in .a))",
    ]


def test_a_plain_rule_left_in_style_counts_like_inline_css(tables):
    report = check_html(page('<p class="a">x</p>', "<style>.a { border-radius: 4px; } a:hover { border-radius: 2px; }</style>"),
                        tables)
    assert messages(report, OUTLOOK, "error") == [
        "border-radius: not supported (used by border-radius (in .a, not inlined))"]
    assert messages(report, OUTLOOK, "warning") == [
        "border-radius: not supported; only in <style>, so the inline styles apply (used by border-radius (in a:hover))"]


def test_partial_support_is_a_warning_with_caniemail_note(tables):
    report = check_html(page('<p style="margin:0 0 8px 0">x</p>'), tables)
    assert report.errors == []
    assert messages(report, GMAIL) == [
        "margin: partly supported: Partial. Negative values are not supported. (used by margin (style on <p>))"]


def test_hints_are_warnings(tables):
    report = check_html(page('<table role="presentation"><tr><td>x</td></tr></table>'), tables)
    assert report.errors == []
    assert messages(report, OUTLOOK) == [
        "role attribute: not supported; a hint the client ignores (used by role attribute on <table>)"]


def test_outlook_only_and_hidden_from_outlook_html(tables):
    body = ('<!--[if mso]><table role="presentation" width="600"><tr><td style="border-radius:2px"><![endif]-->'
            '<!--[if !mso]><!--><p style="border-radius:3px">a</p><!--<![endif]-->'
            '<div style="display:none; max-height:0; mso-hide:all">preview</div>'
            '<p style="padding:0">b</p>'
            '<!--[if mso]></td></tr></table><![endif]-->')
    report = check_html(page(body), tables)
    # Outlook sees the rounded cell in its own table, not the <p> hidden from it nor the mso-hide:all preview
    assert messages(report, OUTLOOK, "error") == ["border-radius: not supported (used by border-radius (style on <td>))"]
    # other clients see the <p>, not the Outlook-only cell
    assert messages(report, OTHER) == ["border-radius: not supported (used by border-radius (style on <p>))"]


def test_body_counts_only_with_attributes(tables):
    assert messages(check_html(page("<p>x</p>"), tables), OUTLOOK) == []
    report = check_html(page("<p>x</p>").replace("<body>", '<body bgcolor="#ffffff">'), tables)
    assert messages(report, OUTLOOK, "error") == ["<body> element: not supported (used by <body>)"]


def test_images_and_links(tables):
    body = ('<img src="https://example.com/a.png"><img src="https://example.com/b.png" alt="">'
            '<a href="">empty</a><a>none</a><a href="javascript:alert(1)">js</a><a href="/relative">rel</a>'
            '<a href="https://example.com/"></a><a href="https://example.com/ok">ok</a>'
            '<a href="mailto:news@example.com?subject=unsubscribe">Unsubscribe</a>'
            '<a href="https://example.com/logo"><img src="https://example.com/c.png" alt="Home"></a>')
    report = check_html(page(body), tables)
    assert messages(report, None) == [
        "image 'https://example.com/a.png' has no alt text",
        "link 'empty' has no address",
        "link 'none' has no address",
        "link 'js' goes to 'javascript:alert(1)', not an http(s):// or mailto: address",
        "link 'rel' goes to '/relative', not an http(s):// or mailto: address",
        "link to 'https://example.com/' has no text (screen readers have nothing to say)",
    ]
    assert all(f.level == "error" for f in report.for_client(None))


def test_size_limits(tables):
    report = check_html(page("<p>" + "x" * 100_000 + "</p>", "<style>" + "/* c */" * 2300 + "</style>"), tables)
    assert messages(report, None) == [
        "the HTML is 116.2 KB, over the 100 KB limit (Gmail clips a message at about 102 KB, unsubscribe link included)",
        "the <style> CSS is 16.1 KB, over the 16 KB limit (Gmail drops a larger one whole)",
    ]
    assert check_html(page("<p>" + "x" * 99_900 + "</p>"), tables).errors == []


def test_long_plain_text_lines_and_missing_lang_are_warnings(tables):
    report = check_html(page("<p>x</p>").replace(' lang="en"', ""), tables, text="short\n" + "y" * 79 + "\n")
    assert report.for_client(None) == [
        Finding("warning", "<html> has no lang attribute (screen readers guess the language)"),
        Finding("warning", "email.txt line 2 has 79 characters (more than 78)"),
    ]


def test_property_features():
    slugs = {"css-padding", "css-border", "css-border-radius", "css-font", "css-margin-inline-start-end",
             "css-max-width", "css-text-decoration-line", "css-text-decoration"}
    assert property_feature("padding-left", slugs) == "css-padding"
    assert property_feature("border-bottom", slugs) == "css-border"
    assert property_feature("border-top-left-radius", slugs) == "css-border-radius"
    assert property_feature("font-family", slugs) == "css-font"
    assert property_feature("margin-inline-start", slugs) == "css-margin-inline-start-end"
    assert property_feature("max-width", slugs) == "css-max-width"
    assert property_feature("text-decoration-line", slugs) == "css-text-decoration-line"
    assert property_feature("mso-hide", slugs) is None
    assert property_feature("-webkit-text-size-adjust", slugs) is None
    assert property_feature("color", slugs) is None


def test_missing_or_malformed_data_is_one_line(tmp_path):
    with pytest.raises(CheckError) as caught:
        load_caniemail(tmp_path / "nope")
    assert str(caught.value) == (f"{tmp_path / 'nope'}: caniemail data not found (give --caniemail DIR, "
                                 "a copy of caniemail's repository with _features/)")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CheckError) as caught:
        load_caniemail(tmp_path / "empty")
    assert str(caught.value) == f"{tmp_path / 'empty'}: malformed caniemail data: no feature files (*.md in _features/)"
    bad = write(tmp_path / "bad" / "_features" / "css-x.md", '---\nstats: {gmail: {ios: {"2020": "maybe"}}}\n---\n')
    with pytest.raises(CheckError) as caught:
        load_caniemail(tmp_path / "bad")
    assert str(caught.value) == (f"{bad}: malformed caniemail data: stats.gmail.ios.2020: "
                                 "expected y, n, a or u with #notes, got 'maybe'")
    write(bad, "---\nstats: {gmail: [\n---\n")
    with pytest.raises(CheckError) as caught:
        load_caniemail(tmp_path / "bad")
    assert str(caught.value).startswith(f"{bad}: malformed caniemail data: ")
    assert "\n" not in str(caught.value)
    write(bad, "no front matter\n")
    with pytest.raises(CheckError) as caught:
        load_caniemail(tmp_path / "bad")
    assert str(caught.value) == f"{bad}: malformed caniemail data: no front matter between --- lines"


def test_the_real_tables_load(caniemail):
    data = load_caniemail(caniemail)
    assert len(data.features) > 300
    assert data.features["css-at-media"].support[OUTLOOK].version == "2019"
    assert data.features["css-at-media"].support[OUTLOOK].status == "n"
    assert set(MAJOR_CLIENTS) <= set(data.clients())


@pytest.fixture(scope="module")
def sample_issue(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("sample"))
    subprocess.run([sys.executable, "-m", "newsletter", "build"], cwd=project, check=True, capture_output=True, env=cli_env())
    return project / "out" / "issues" / "0001"


def test_sample_issue_passes_for_every_major_client(sample_issue, caniemail):
    data = load_caniemail(caniemail)
    report = check_issue(sample_issue, data)
    assert report.errors == []
    for client in (GMAIL, ("gmail", "ios"), ("gmail", "android"), OUTLOOK, ("outlook", "outlook-com"), APPLE,
                   ("apple-mail", "ios")):
        assert client in report.clients
        assert [f for f in report.for_client(client) if f.level == "error"] == []
    # the checker does look: Outlook on Windows ignores the media queries, Gmail the dark-mode ones
    assert any(f.message.startswith("@media: not supported; only in <style>") for f in report.for_client(OUTLOOK))
    assert any(f.message.startswith("@media (prefers-color-scheme): not supported") for f in report.for_client(GMAIL))
    assert report.html_bytes < 100_000 and 0 < report.style_bytes < 16_000


def test_a_twenty_story_issue_with_every_part_passes(tmp_path, caniemail):
    from tests.conftest import make_big_project

    project = make_big_project(tmp_path, 20, '[newsletter]\nweb_url = "https://news.example.com/briefing"\n'
                                             'postal_address = "1 Example Street, London"\n'
                                             '[theme]\nlogo_url = "https://news.example.com/logo.png"\n')
    write(project / "content" / "intro.md", "---\nsummary: Twenty stories.\n---\nHello, [readers](https://news.example.com/).\n")
    subprocess.run([sys.executable, "-m", "newsletter", "build"], cwd=project, check=True, capture_output=True, env=cli_env())
    folder = project / "out" / "issues" / "0001"
    html = (folder / "email.html").read_text()
    assert "View in browser" in html and "Read the full story" in html and "In this issue" in html
    report = check_issue(folder, load_caniemail(caniemail))
    assert report.errors == []
    assert [f for f in report.for_client(None)] == []


def test_check_command_reports_per_client_and_exit_codes(sample_issue, caniemail, tmp_path):
    run = [sys.executable, "-m", "newsletter", "check"]
    result = subprocess.run([*run, str(sample_issue), "--caniemail", str(caniemail)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("HTML ") and "(limit 100 KB); <style> " in lines[0]
    for name in ("Gmail (Desktop Webmail)", "Outlook (Windows)", "Outlook.com (web)", "Apple Mail (macOS)",
                 "Apple Mail (iOS)"):
        assert any(line.strip().startswith(name) and " ok" in line for line in lines), name
    assert lines[-1].startswith("0 errors, ")
    broken = tmp_path / "broken"
    write(broken / "email.html", page('<img src="https://example.com/x.png"><p style="border-radius:3px">x</p>'))
    result = subprocess.run([*run, str(broken), "--caniemail", str(caniemail)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "  error: image 'https://example.com/x.png' has no alt text" in result.stdout.splitlines()
    assert "      error: border-radius: not supported (used by border-radius (style on <p>))" in result.stdout
    result = subprocess.run([*run, str(sample_issue), "--caniemail", str(tmp_path / "none")], capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert result.stderr == (f"error: {tmp_path / 'none'}: caniemail data not found (give --caniemail DIR, "
                             "a copy of caniemail's repository with _features/)\n")
    result = subprocess.run([*run, str(tmp_path / "no-issue"), "--caniemail", str(caniemail)], capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert result.stderr == f"error: {tmp_path / 'no-issue'}: issue folder not found\n"
