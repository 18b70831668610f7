"""Benchmark the live preview: how long a rebuild takes, and how long from a save until the open page shows it.

Usage: python bench/preview.py [--sizes 1,20] [--edits N]

For each size a project is made in a temporary folder: 1 story is the repository's sample
content, 20 stories are real BBC articles (`../shared/data/bbc-news-summary-dev.jsonl`, read by
path; one story each). "rebuild ms" is the median of in-process `preview.rebuild_draft` calls
(after a warm-up), the work done once per change. Then `newsletter preview --port 0` runs as a
subprocess, the draft is opened in headless Chromium (`/usr/bin/chromium`), and intro.md is
saved `--edits` times with a new sentence; "save→page ms" is the time until the desktop frame
shows that sentence (median and max). The last column is save→page over rebuild: the share
of the delay that is waiting (settle, polls, page reload) rather than building.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def make_project(folder: Path, stories: int) -> Path:
    """A project with the repository's config and templates and `stories` stories of content."""
    from tests.conftest import make_big_project
    from tests.conftest import make_project as sample_project

    if stories == 1:
        return sample_project(folder)
    return make_big_project(folder, stories)


def time_rebuild(project: Path, repeat: int = 5) -> float:
    """Median seconds of one rebuild of the draft, in process."""
    from newsletter.preview import rebuild_draft

    rebuild_draft(project / "config.toml", None)  # warm-up: imports, templates
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        _config, outcome = rebuild_draft(project / "config.toml", None)
        times.append(time.perf_counter() - start)
        assert not outcome.error, outcome.error
    return statistics.median(times)


def time_edits(browser, project: Path, edits: int) -> list[float]:
    """Seconds from each save of intro.md until the open draft page shows it."""
    from tests.conftest import cli_env

    process = subprocess.Popen(
        [sys.executable, "-m", "newsletter", "preview", "--port", "0", "--caniemail", str(project / "none")],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=cli_env(),
    )
    try:
        url = re.search(r"http://\S+/", process.stdout.readline())[0]
        threading.Thread(target=process.stdout.read, daemon=True).start()
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "draft/")
        desktop = page.frame_locator("#desktop")
        desktop.locator("h2.story-title").first.wait_for()
        delays = []
        for number in range(edits):
            sentence = f"Edit number {number} of the bench."
            time.sleep(1.0)  # the page is idle again
            start = time.perf_counter()
            (project / "content" / "intro.md").write_text(sentence + "\n")
            while True:
                try:
                    if sentence in (desktop.locator(".intro").text_content(timeout=50) or ""):
                        break
                except Exception:  # the page is reloading, or the intro is not there yet
                    pass
                if time.perf_counter() - start > 10:
                    raise RuntimeError("the edit did not show within 10 s")
                time.sleep(0.01)
            delays.append(time.perf_counter() - start)
        page.close()
        return delays
    finally:
        process.terminate()
        process.wait(timeout=15)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,20", help="Stories per issue, comma-separated (1 is the sample).")
    parser.add_argument("--edits", type=int, default=5, help="Saves timed per size.")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for size in (int(s) for s in options.sizes.split(",")):
            with tempfile.TemporaryDirectory() as folder:
                project = make_project(Path(folder), size)
                rebuild = time_rebuild(project)
                delays = time_edits(browser, project, options.edits)
            rows.append((size, rebuild, statistics.median(delays), max(delays)))
        browser.close()
    print(f"{'stories':>7}  {'rebuild ms':>10}  {'save→page ms':>12}  {'max ms':>7}  {'save→page / rebuild':>19}")
    for size, rebuild, median, worst in rows:
        print(f"{size:>7}  {rebuild * 1000:>10.0f}  {median * 1000:>12.0f}  {worst * 1000:>7.0f}  "
              f"{median / rebuild:>18.1f}x")


if __name__ == "__main__":
    main()
