"""What a person sees: the built issue opened in real headless Chromium, on a desktop and a phone.

Screenshots are saved in tests/artifacts/ (git-ignored) for a person to look at.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_env

ARTIFACTS = Path(__file__).parent / "artifacts"

# For every element with text of its own: its colour, and the first opaque background behind it.
CONTRASTS = """() => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return m.length > 3 ? m : [...m, 1]; };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg[3] > 0) return bg;
    }
    return [255, 255, 255, 1];
  };
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!own || box.width === 0 || box.height === 0 || style.visibility !== 'visible') continue;
    out.push({tag: el.tagName.toLowerCase(), cls: el.className, text: el.textContent.trim().slice(0, 40),
              color: parse(style.color), background: background(el)});
  }
  return out;
}"""


def luminance(rgb) -> float:
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, two) -> float:
    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture(scope="module")
def browser(chromium):
    """The shared headless Chromium (conftest.chromium)."""
    return chromium


@pytest.fixture(scope="module")
def built_issue(tmp_path_factory):
    from tests.conftest import make_project

    project = make_project(tmp_path_factory.mktemp("project"))
    subprocess.run([sys.executable, "-m", "newsletter", "build"], cwd=project, check=True, capture_output=True, env=cli_env())
    return project / "out" / "issues" / "0001" / "email.html"


@pytest.fixture(scope="module")
def big_issue(tmp_path_factory):
    """A 20-story issue of real BBC articles, with a web archive (so "View in browser" shows)."""
    from tests.conftest import make_big_project

    project = make_big_project(tmp_path_factory.mktemp("big"), 20,
                               '[newsletter]\nweb_url = "https://news.example.com/briefing"\n'
                               'postal_address = "The Briefing, 1 Example Street, London"\n')
    subprocess.run([sys.executable, "-m", "newsletter", "build"], cwd=project, check=True, capture_output=True, env=cli_env())
    return project / "out" / "issues" / "0001" / "email.html"


def open_page(browser, path, width, scheme="light"):
    page = browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    return page, [r for r in requests if not r.startswith("file:")]


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def visible_text(browser, path, width):
    page, requests = open_page(browser, path, width)
    text = page.inner_text("body").replace("\u00a0", " ")
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    page.close()
    return text, overflow, requests


def test_issue_reads_as_a_clean_newsletter(browser, built_issue):
    text, overflow, requests = visible_text(browser, built_issue, 800)
    assert overflow <= 0
    assert requests == []  # nothing is fetched
    assert "The Briefing" in text
    assert "Issue 1 · 22 October 2024 · 1 story" in text
    assert "KEY POINTS" in text and "IN THEIR WORDS" in text and "WHO’S QUOTED" in text and "BY THE NUMBERS" in text
    assert "Sources: Yonhap News Agency, 22 October 2024; Kim’s support of Putin in" in text
    assert "Andrew Yeo, the SK-Korea Foundation chair" in text
    assert "Unsubscribe" in text and "you subscribed to The Briefing" in text
    assert "View in browser" not in text  # the sample config has no web archive
    assert "IN THIS ISSUE" not in text  # one story needs no contents
    for junk in ("Credit:", "616d8692", "Scroll to Top", "Source link", "embedded content", "About The Author",
                 "reall y", "Peninsul a", "– CNN", "STR/AFP", "RussiaThe video"):
        assert junk not in text, junk


def test_issue_fits_a_phone_screen(browser, built_issue):
    _, overflow, _ = visible_text(browser, built_issue, 375)
    assert overflow <= 0


@pytest.mark.parametrize("width", [600, 375])
@pytest.mark.parametrize("which", ["sample", "big"])
def test_every_story_title_is_visible_and_nothing_scrolls_sideways(browser, built_issue, big_issue, which, width):
    path, count = (built_issue, 1) if which == "sample" else (big_issue, 20)
    page, requests = open_page(browser, path, width)
    screenshot(page, f"{which}-{width}-titles")
    assert requests == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    titles = page.locator("h2.story-title")
    assert titles.count() == count
    for index in range(count):
        title = titles.nth(index)
        assert title.is_visible()
        box = title.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, title.inner_text()
        assert box["height"] >= 20  # at least one line of the title's 21-23px type
    container = page.locator("table.container").bounding_box()
    assert container["width"] == (min(600, width))  # 600px wide, or the full phone width
    if which == "big":
        assert page.locator("text=View in browser").first.is_visible()
        assert page.locator("text=IN THIS ISSUE").is_visible()
    page.close()


def test_desktop_column_is_600px_and_centred(browser, built_issue):
    page, _ = open_page(browser, built_issue, 1024)
    box = page.locator("table.container").bounding_box()
    page.close()
    assert box["width"] == 600 and box["x"] == (1024 - 600) / 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", ["sample", "big"])
def test_text_contrast_is_at_least_4_5_to_1(browser, built_issue, big_issue, scheme, which):
    path = built_issue if which == "sample" else big_issue
    for width in (600, 375):
        page, _ = open_page(browser, path, width, scheme)
        screenshot(page, f"{which}-{width}-{scheme}")
        elements = page.evaluate(CONTRASTS)
        page.close()
        assert len(elements) > 20
        title = next(e for e in elements if e["cls"] == "story-title")
        if scheme == "dark":  # the dark styles apply: light text on a dark background
            assert luminance(title["background"]) < 0.05 and luminance(title["color"]) > 0.5
        else:
            assert luminance(title["background"]) > 0.9 and luminance(title["color"]) < 0.05
        poor = [(e["tag"], e["text"], round(contrast(e["color"], e["background"]), 2))
                for e in elements if contrast(e["color"], e["background"]) < 4.5]
        assert poor == [], f"{which} {scheme} {width}px"


def test_both_inliners_render_the_same(browser, big_issue, tmp_path):
    """css_inline's output looks exactly like premailer's, pixel for pixel (desktop light, phone dark)."""
    pytest.importorskip("css_inline")
    from dataclasses import replace

    from newsletter.build import build
    from newsletter.config import load_config

    project = big_issue.parents[3]
    out = {}
    for inliner in ("premailer", "css_inline"):
        config = load_config(project / "config.toml")
        config = replace(config, values={**config.values, "render.inliner": inliner})
        out[inliner] = build(config, out=tmp_path / inliner).folder / "email.html"
    assert out["premailer"].read_bytes() == big_issue.read_bytes()  # premailer is the default
    assert out["premailer"].read_bytes() != out["css_inline"].read_bytes()  # two different inliners ran
    for width, scheme in ((600, "light"), (375, "dark")):
        shots = []
        for inliner in ("premailer", "css_inline"):
            page, _ = open_page(browser, out[inliner], width, scheme)
            shots.append(page.screenshot(full_page=True))
            page.close()
        assert shots[0] == shots[1], f"{width}px {scheme}"
