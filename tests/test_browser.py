"""What a person sees: the built issue opened in real headless Chromium, on a desktop and a phone."""

import os
import shutil
import subprocess
import sys

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run should install it)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def built_issue(tmp_path_factory):
    from tests.conftest import make_project

    project = make_project(tmp_path_factory.mktemp("project"))
    subprocess.run([sys.executable, "-m", "newsletter", "build"], cwd=project, check=True, capture_output=True)
    return project / "out" / "issues" / "0001" / "email.html"


def visible_text(browser, path, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    text = page.inner_text("body")
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    page.close()
    return text, overflow, [r for r in requests if not r.startswith("file:")]


def test_issue_reads_as_a_clean_newsletter(browser, built_issue):
    text, overflow, requests = visible_text(browser, built_issue, 800)
    assert overflow <= 0
    assert requests == []  # nothing is fetched
    assert "The Briefing" in text
    assert "KEY POINTS" in text and "IN THEIR WORDS" in text and "WHO’S QUOTED" in text and "BY THE NUMBERS" in text
    assert "Sources: Yonhap News Agency, 22 October 2024; Kim’s support of Putin in" in text
    assert "Andrew Yeo, the SK-Korea Foundation chair" in text
    for junk in ("Credit:", "616d8692", "Scroll to Top", "Source link", "embedded content", "About The Author",
                 "reall y", "Peninsul a", "– CNN", "STR/AFP", "RussiaThe video"):
        assert junk not in text, junk


def test_issue_fits_a_phone_screen(browser, built_issue):
    _, overflow, _ = visible_text(browser, built_issue, 375)
    assert overflow <= 0
