"""Benchmark rendering an issue to email HTML: the Jinja template plus CSS inlining, premailer vs css_inline.

Usage: python bench/render.py [--data FILE.jsonl] [--sizes 1,20,200] [--repeat N]

Issues of 1, 20 and 200 stories are made once from real BBC articles (`../shared/data/
bbc-news-summary-dev.jsonl`, read by path; one story per article, through the real content
modules). Each issue is then rendered with `newsletter.render.render_html` (template + inliner +
style compaction), `--repeat` times per inliner; the table shows the median. "HTML KB" is the
size of that full render; "sent KB" is what `build` sends after shortening to Gmail's 100 KB limit
(`render_html_within`), with the shortening level it needed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT.parent / "shared" / "data" / "bbc-news-summary-dev.jsonl"
INLINERS = ("premailer", "css_inline")


def make_issue(rows: list[dict], count: int):
    """An Issue of `count` stories, one per article, dated 8 days apart so none are merged."""
    from newsletter.config import parse_config
    from newsletter.digest import make_issue as issue_of
    from newsletter.digest import make_stories
    from newsletter.models import Article
    from newsletter.modules import default_registry

    config = parse_config("", "bench", ROOT)
    articles = []
    for number, row in enumerate(rows[:count]):
        paragraphs = tuple(p.strip() for p in row["text"].split("\n\n") if p.strip())
        articles.append(Article(id=row["id"], title=row["title"], paragraphs=paragraphs, source="BBC News",
                                url=f"https://www.example.com/bbc/{row['id']}",
                                date=dt.date(2005, 1, 1) + dt.timedelta(days=8 * number)))
    stories = make_stories(articles, config, default_registry())
    return issue_of(stories, articles, config, 1)


def time_render(issue, inliner: str, repeat: int) -> tuple[float, int]:
    """Median seconds of render_html with one inliner, and the HTML's size in bytes."""
    from newsletter.render import email_settings, render_html

    settings = replace(email_settings(), inliner=inliner)
    templates = ROOT / "templates"
    html = render_html(issue, templates, settings)  # warm-up: imports, template compilation
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        html = render_html(issue, templates, settings)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(html.encode("utf-8"))


def fitted(issue, inliner: str) -> tuple[int, int]:
    """The size build sends (after shortening to the limit) and the shortening level used."""
    from newsletter.render import email_settings, render_html_within, shorten

    shown, html = render_html_within(issue, ROOT / "templates", replace(email_settings(), inliner=inliner))
    level = next(n for n in range(100) if shown == shorten(issue, n))
    return len(html.encode("utf-8")), level


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DATA), help="BBC-style JSONL (id, title, text)")
    parser.add_argument("--sizes", default="1,20,200", help="story counts, comma-separated")
    parser.add_argument("--repeat", type=int, default=5, help="timed renders per size and inliner")
    args = parser.parse_args()
    import logging

    logging.getLogger("newsletter").setLevel(logging.ERROR)  # "even shortened" warnings for 200 stories
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = [json.loads(line) for line in Path(args.data).read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        import css_inline  # noqa: F401

        inliners = INLINERS
    except ImportError:
        print("css_inline is not installed (pip install css-inline): premailer only\n")
        inliners = INLINERS[:1]

    print(f"{'stories':>7}  {'inliner':<10}  {'ms/render':>9}  {'HTML KB':>7}  {'sent KB':>7}  {'level':>5}")
    ratios = {}
    for size in sizes:
        start = time.perf_counter()
        issue = make_issue(rows, size)
        made = time.perf_counter() - start
        results = {}
        for inliner in inliners:
            seconds, size_bytes = time_render(issue, inliner, args.repeat if size < 200 else max(1, args.repeat // 2))
            sent, level = fitted(issue, inliner)
            results[inliner] = seconds
            print(f"{len(issue.stories):>7}  {inliner:<10}  {seconds * 1000:>9.1f}  {size_bytes / 1000:>7.1f}  "
                  f"{sent / 1000:>7.1f}  {level:>5}")
        if len(results) == 2:
            ratios[size] = results["premailer"] / results["css_inline"]
        print(f"{'':>7}  (issue made from {size} articles in {made:.1f} s, not timed above)")
    if ratios:
        print()
        print("premailer / css_inline time: " + ", ".join(f"{n} stories {r:.1f}x" for n, r in ratios.items()))


if __name__ == "__main__":
    main()
