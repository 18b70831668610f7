"""Benchmark reading feeds: concurrency, and what conditional requests save on a rebuild.

Usage: python bench/sources.py [--feeds 12] [--latency 0.1] [--repeat 3]

A ThreadingHTTPServer on 127.0.0.1 serves `--feeds` copies of the fixture RSS feed
(tests/data/feeds/rss.xml, three full-text entries each, made unique per copy) and answers each
request after `--latency` seconds, as a distant server would. `newsletter.sources.read_sources`
reads them all:

- "first build": no fetch cache, with fetch.concurrency 1, 2, 4 and 8;
- "rebuild": the fetch cache of the first build in a state database, so every feed is a
  conditional request answered 304 (bytes on the wire are the server's response bodies).

The table shows the median wall time, the speed-up over concurrency 1, and the bytes served.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FEED = ROOT / "tests" / "data" / "feeds" / "rss.xml"


class Server:
    """Serves /feed/N.xml with an ETag, after a fixed latency; counts the body bytes sent."""

    def __init__(self, feeds: int, latency: float):
        template = FEED.read_text(encoding="utf-8")
        self.latency = latency
        self.bytes = 0
        self.lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self.handler())
        self.httpd.daemon_threads = True
        base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.base = base
        self.bodies = {}
        for number in range(feeds):
            text = template.replace("{base}", f"{base}/site{number}").replace("harbour-news-", f"site{number}-")
            self.bodies[f"/feed/{number}.xml"] = text.encode("utf-8")
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                time.sleep(server.latency)
                body = server.bodies.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                with server.lock:
                    server.bytes += len(body)

        return Handler


def config_for(server: Server, feeds: int, concurrency: int, folder: Path):
    from newsletter.config import parse_config

    tables = "".join(f'[[sources]]\ntype = "feed"\nurl = "{server.base}/feed/{n}.xml"\n' for n in range(feeds))
    return parse_config(f"[fetch]\nconcurrency = {concurrency}\n" + tables, "bench", folder)


def timed(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from newsletter import state
    from newsletter.sources import read_sources

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=12)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    server = Server(args.feeds, args.latency)
    folder = Path(tempfile.mkdtemp(prefix="bench-sources-"))
    rows = []
    base_time = None
    for concurrency in (1, 2, 4, 8):
        config = config_for(server, args.feeds, concurrency, folder)
        read = read_sources(config)  # warm-up, and a check
        assert len(read.articles) == 3 * args.feeds and not read.skipped, read.skipped
        server.bytes = 0
        seconds = timed(lambda: read_sources(config), args.repeat)
        base_time = base_time or seconds
        rows.append(("first build", concurrency, seconds, base_time / seconds, server.bytes // args.repeat))
    database = folder / "state.db"
    config = config_for(server, args.feeds, 4, folder)
    read = read_sources(config)
    connection = state.connect(database)
    state.record_sources(connection, read.statuses(dt.datetime.now(dt.timezone.utc)), read.responses, read.used,
                         dt.datetime.now(dt.timezone.utc))
    connection.close()
    for concurrency in (1, 4):
        config = config_for(server, args.feeds, concurrency, folder)
        cache = state.FetchCache(database)
        server.bytes = 0
        seconds = timed(lambda: read_sources(config, cache), args.repeat)
        assert all(r.status == "not modified" for r in read_sources(config, cache).results)
        cache.close()
        rows.append(("rebuild (304)", concurrency, seconds, base_time / seconds, server.bytes // (args.repeat + 1)))
    print(f"{args.feeds} feeds of 3 entries, {args.latency * 1000:.0f} ms latency per request, median of {args.repeat}")
    print(f"{'run':<15} {'concurrency':>11} {'seconds':>8} {'speed-up':>9} {'bytes served':>13}")
    for name, concurrency, seconds, ratio, served in rows:
        print(f"{name:<15} {concurrency:>11} {seconds:>8.3f} {ratio:>8.1f}x {served:>13,}")
    server.httpd.shutdown()


if __name__ == "__main__":
    main()
