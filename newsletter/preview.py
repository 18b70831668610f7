"""`newsletter preview`: a local web app showing the next issue as subscribers will see it, rebuilt on every edit.

- A watcher thread polls the mtimes and sizes of the content folder (and any other folder source),
  the templates folder and the config file, and the published issues in the state database (not
  its file: a draft records its feeds' fetch cache there); once changes have settled (a save of several files is one
  change) the draft is rebuilt into OUT/draft/ (as `newsletter build --draft` does: the state is
  only read, no number is taken, nothing is published or marked used).
- Every rebuild bumps a generation number; an open page asks `/status?after=N`, which answers as
  soon as the generation is no longer N (a long poll), and reloads.
- A failed rebuild keeps the last good draft and shows its error (which names the file and line).
- Files are served from the output folder only (`/raw/PATH`): a path that would leave it, a hidden
  name, a backslash or a symlink pointing out is a 404. Pages are rendered with autoescaping.
"""

from __future__ import annotations

import datetime as dt
import http.server
import ipaddress
import json
import logging
import mimetypes
import os
import re
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsletter.errors import NewsletterError

POLL_SECONDS = 0.2  # how often the watcher looks at the files
SETTLE_SECONDS = 0.3  # how long files must stay unchanged before a rebuild
WAIT_SECONDS = 20.0  # how long /status?after=N waits for a new generation before answering anyway
DESKTOP_WIDTH = 680
PHONE_WIDTH = 375
ISSUE_FILES = ("email.html", "email.txt", "digest.json")

log = logging.getLogger("newsletter.preview")

Snapshot = Mapping[str, tuple[int, int]]


# --- what the last rebuild gave ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """The result of the latest rebuild of the draft."""

    generation: int
    finished_at: dt.datetime
    error: str = ""  # why the latest rebuild failed (file and line); the last good draft stays
    draft: bool = False  # OUT/draft/ holds a good draft of the next issue
    summary: str = ""  # what the last good rebuild made, or why there is no draft ("nothing new since issue 2")
    warnings: tuple[str, ...] = ()  # editorial entries that matched nothing, config warnings
    skipped: tuple[str, ...] = ()  # inputs skipped, "PATH: reason"


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def rebuild_draft(config_file: Path | None, out: Path | None) -> tuple[object | None, Outcome]:
    """Read the config afresh and build the draft into OUT/draft/; (the config or None, an Outcome of generation 0)."""
    from newsletter.build import NothingNew, build_draft
    from newsletter.config import load_config

    now = dt.datetime.now().astimezone()
    config = None
    try:
        config = load_config(config_file)
        result = build_draft(config, out=out)
    except NewsletterError as error:
        return config, Outcome(0, now, error=str(error))
    except OSError as error:
        return config, Outcome(0, now, error=f"{error.filename or 'output'}: cannot write: {error.strerror or error}")
    except Exception as error:  # a bug: show it, keep serving; the traceback goes to the log
        log.error("rebuild failed:\n%s", traceback.format_exc())
        return config, Outcome(0, now, error=f"{type(error).__name__}: {error}")
    warnings = tuple(config.warnings) + tuple(result.warnings)
    skipped = tuple(f"{s.path}: {s.reason}" for s in result.skipped)
    left_out = f" ({_count(result.left_out, 'article')} left out by drop:)" if result.left_out else ""
    if isinstance(result, NothingNew):
        since = f" since issue {result.last_issue}" if result.last_issue else ""
        summary = f"Nothing new{since}{left_out}: the next issue has no articles yet."
        return config, Outcome(0, now, draft=False, summary=summary, warnings=warnings, skipped=skipped)
    issue = result.issue
    summary = (f"Draft of issue {issue.number}: {_count(len(issue.stories), 'story', 'stories')} from "
               f"{_count(result.articles, 'article')}{left_out}")
    return config, Outcome(0, now, draft=True, summary=summary, warnings=warnings, skipped=skipped)


# --- watching the files --------------------------------------------------------------------------------------


def snapshot(paths: Iterable[Path], ignore: Iterable[Path] = ()) -> dict[str, tuple[int, int]]:
    """(mtime_ns, size) of every file at or under the given paths; hidden and backup (~) files, ignored folders left out."""
    ignored = {str(p) for p in ignore}
    seen: dict[str, tuple[int, int]] = {}

    def add(path: str) -> None:
        try:
            info = os.stat(path)
        except OSError:
            return
        seen[path] = (info.st_mtime_ns, info.st_size)

    for path in paths:
        top = str(path)
        if os.path.isfile(top):
            add(top)
            continue
        for folder, folders, files in os.walk(top):
            folders[:] = [f for f in folders if not f.startswith(".") and os.path.join(folder, f) not in ignored]
            for name in files:
                if not name.startswith(".") and not name.endswith("~"):
                    add(os.path.join(folder, name))
    return seen


def watch(current: Callable[[], Snapshot], on_change: Callable[[], None], stop: threading.Event,
          interval: float = POLL_SECONDS, settle: float = SETTLE_SECONDS, baseline: Snapshot | None = None) -> None:
    """Call on_change once each time the snapshot changes and then stays the same for `settle` seconds; until stop.

    Changes are measured against `baseline` when given (taken by the caller before anyone can
    edit), else against a snapshot taken when the watching starts.
    """
    seen = current() if baseline is None else baseline
    while not stop.wait(interval):
        latest = current()
        if latest == seen:
            continue
        quiet_since = time.monotonic()
        while not stop.wait(min(interval, settle / 5)):
            newer = current()
            if newer != latest:
                latest, quiet_since = newer, time.monotonic()
            elif time.monotonic() - quiet_since >= settle:
                break
        if stop.is_set():
            return
        try:
            on_change()
        except Exception:  # a bug in a rebuild must not stop the watching
            log.error("rebuild failed:\n%s", traceback.format_exc())
        seen = latest  # a change made during the rebuild shows at the next look


# --- safe paths ----------------------------------------------------------------------------------------------


def resolve_inside(root: Path, url_path: str) -> Path | None:
    """The file under root that a URL path (percent-encoded, relative to root) names, or None if it is not one.

    None for anything that could leave root or reach a hidden file: `..` or `.` segments (also
    encoded), backslashes, NUL, empty segments, absolute paths, names starting with a dot, and
    symlinks that resolve outside root.
    """
    try:
        decoded = unquote(url_path, errors="strict")
    except UnicodeDecodeError:
        return None
    if not decoded or "\\" in decoded or "\x00" in decoded or decoded.startswith("/"):
        return None
    parts = decoded.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    base = root.resolve()
    try:
        target = base.joinpath(*parts).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target


# --- the live state ------------------------------------------------------------------------------------------


class Preview:
    """The preview of one project: rebuilds its draft and keeps the latest outcome for the web pages."""

    def __init__(self, config_file: Path | None, out: Path | None, caniemail: Path,
                 report: Callable[[str], None] = lambda line: None):
        self.config_file = config_file
        self.out = out
        self.caniemail = caniemail
        self.report = report
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._build_lock = threading.Lock()
        self._outcome = Outcome(0, dt.datetime.now().astimezone())
        self._config = None
        self._caniemail_data = None
        self._checks: dict[tuple, list[str]] = {}

    @property
    def outcome(self) -> Outcome:
        """The latest outcome."""
        with self._lock:
            return self._outcome

    def wait_for_change(self, generation: int, timeout: float) -> Outcome:
        """The latest outcome as soon as its generation is not `generation`, or after timeout seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self._outcome.generation != generation, timeout)
            return self._outcome

    def rebuild(self) -> Outcome:
        """Rebuild the draft now; the outcome gets the next generation number."""
        with self._build_lock:
            config, outcome = rebuild_draft(self.config_file, self.out)
            with self._lock:
                previous = self._outcome
                if config is not None:
                    self._config = config
                if outcome.error:  # keep what the last good build made
                    draft = previous.draft if previous.generation else (self.output_folder() / "draft").is_dir()
                    outcome = replace(outcome, draft=draft, summary=previous.summary,
                                      warnings=previous.warnings, skipped=previous.skipped)
                self._outcome = replace(outcome, generation=previous.generation + 1)
                outcome = self._outcome
                self._changed.notify_all()
        if outcome.error:
            self.report(f"build failed: {outcome.error}")
        else:
            self.report(outcome.summary)
            for line in outcome.warnings:
                self.report(f"warning: {line}")
            for line in outcome.skipped:
                self.report(f"skipped: {line}")
        return outcome

    # -- paths --

    def _paths(self) -> dict[str, Path]:
        from newsletter.config import SCHEMA

        config = self._config
        if config is not None:
            from newsletter.build import output_folder, state_file

            return {"content": config.path("paths.content"), "templates": config.path("paths.templates"),
                    "output": output_folder(config, self.out), "state": state_file(config, self.out)}
        base = self.config_file.resolve().parent if self.config_file else Path.cwd()
        defaults = {o.key: o.default for o in SCHEMA}
        output = (self.out or base / defaults["paths.output"]).resolve()
        from newsletter.state import default_path

        return {"content": (base / defaults["paths.content"]).resolve(),
                "templates": (base / defaults["paths.templates"]).resolve(),
                "output": output, "state": default_path(output)}

    def output_folder(self) -> Path:
        """The output folder the draft goes to and files are served from."""
        return self._paths()["output"]

    def watched(self) -> Snapshot:
        """The snapshot of every file a rebuild depends on, and of the published issues.

        The state database itself is not watched by its file: a draft with feeds among the sources
        records their fetch cache there, which would set off another rebuild, and another.
        """
        paths = self._paths()
        config_file = (self.config_file or Path("config.toml")).resolve()
        folders = [paths["content"], paths["templates"]]
        if self._config is not None:
            folders += [self._config.base_dir / s.path for s in self._config.sources if s.type == "folder" and s.path]
        seen = snapshot([config_file, *folders], ignore=[paths["output"]])
        seen["<published issues>"] = self._published_signature(paths["state"])
        return seen

    @staticmethod
    def _published_signature(database: Path) -> tuple[int, int]:
        """(count, newest number) of the published issues; (0, 0) without a usable database."""
        from newsletter import state

        try:
            with state.reading(database) as connection:
                return state.issue_count(connection)
        except NewsletterError:
            return (-1, -1)

    # -- what the pages show --

    def published(self) -> tuple[list, str]:
        """The published issues (state.PublishedIssue, newest first) and an error reading them ("" if none)."""
        from newsletter import state

        database = self._paths()["state"]
        try:
            with state.reading(database) as connection:
                issues = state.published_issues(connection)
        except NewsletterError as error:  # a damaged or too new database
            return [], str(error)
        return list(reversed(issues)), ""

    def check_lines(self, folder: Path) -> list[str]:
        """The `newsletter check` report of an issue folder, as lines (cached while its files are unchanged)."""
        from newsletter.check import Caniemail, check_issue, format_report, load_caniemail

        key = (str(folder), *(snapshot([folder / name]).get(str(folder / name)) for name in ("email.html", "email.txt")))
        with self._lock:
            if key in self._checks:
                return self._checks[key]
        note = []
        data = self._caniemail_data
        if data is None:
            try:
                data = load_caniemail(self.caniemail)
                self._caniemail_data = data
            except NewsletterError as error:
                note = [str(error), "Client support is not checked; the size, image and link checks are.", ""]
                data = Caniemail(features={})
        try:
            report = check_issue(folder, data)
        except NewsletterError as error:
            return [str(error)]
        lines = format_report(report, data, verbose=False)
        if note:
            lines = note + [line for line in lines if not line.startswith("Major clients")]
        with self._lock:
            self._checks = {k: v for k, v in self._checks.items() if k[0] != key[0]}
            self._checks[key] = lines
        return lines


# --- the web app ---------------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }} · newsletter preview</title>
<style>
  body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2328; background: #f6f7f9; }
  header { background: #1f2328; color: #fff; padding: 10px 20px; display: flex; gap: 20px; align-items: baseline; flex-wrap: wrap; }
  header a { color: #fff; }
  header .status { color: #c9d1d9; font-size: 13px; }
  main { padding: 16px 20px 40px; }
  h1 { font-size: 20px; margin: 4px 0 12px; }
  h2 { font-size: 16px; margin: 28px 0 8px; }
  .banner { border-radius: 6px; padding: 10px 14px; margin: 0 0 14px; }
  .error { background: #ffebe9; border: 1px solid #cf222e; color: #6e0b12; }
  .error pre { white-space: pre-wrap; margin: 6px 0 0; font-size: 14px; }
  .warning { background: #fff8c5; border: 1px solid #bf8700; }
  .info { background: #ddf4ff; border: 1px solid #54aeff; }
  .banner ul { margin: 4px 0 0; padding-left: 20px; }
  nav.sections a { margin-right: 14px; }
  .frames { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
  .frames figure { margin: 0; }
  .frames figcaption { font-size: 13px; color: #57606a; margin-bottom: 4px; }
  iframe { border: 1px solid #d0d7de; background: #fff; height: 75vh; min-height: 480px; }
  pre.file { background: #fff; border: 1px solid #d0d7de; padding: 12px; overflow: auto; max-height: 70vh; font-size: 13px; }
  table.issues { border-collapse: collapse; background: #fff; }
  table.issues td, table.issues th { border: 1px solid #d0d7de; padding: 6px 10px; text-align: left; }
</style>
<script src="/preview.js" defer></script>
</head>
<body data-generation="{{ outcome.generation }}">
<header>
  <a href="/"><strong>newsletter preview</strong></a>
  <a href="/draft/">Draft</a>
  <span class="status" id="status">build {{ outcome.generation }} at {{ outcome.finished_at.strftime("%H:%M:%S") }}{% if outcome.error %}: failed{% endif %}</span>
</header>
<main>
{% if outcome.error %}
<div class="banner error" id="build-error"><strong>The latest build failed</strong>{% if outcome.draft %} (the last good draft is shown){% endif %}:
<pre>{{ outcome.error }}</pre></div>
{% endif %}
{% if outcome.warnings or outcome.skipped %}
<div class="banner warning" id="build-warnings"><strong>Warnings</strong><ul>
{% for line in outcome.warnings %}<li>{{ line }}</li>{% endfor %}
{% for line in outcome.skipped %}<li>skipped: {{ line }}</li>{% endfor %}
</ul></div>
{% endif %}
{% block content %}{% endblock %}
</main>
</body>
</html>
"""

INDEX = """{% extends "page.html" %}{% block content %}
<h1>Next issue</h1>
{% if outcome.draft %}<p><a href="/draft/" id="draft-link">{{ outcome.summary }}</a>{% if draft_subject %}: “{{ draft_subject }}”{% endif %}</p>
{% elif outcome.summary %}<p class="banner info">{{ outcome.summary }}</p>
{% else %}<p>No draft yet.</p>{% endif %}
<h1>Published issues</h1>
{% if published_error %}<p class="banner error">{{ published_error }}</p>{% endif %}
{% if published %}
<table class="issues"><tr><th>Issue</th><th>Date</th><th>Subject</th><th>Stories</th><th>Published</th></tr>
{% for issue in published %}<tr><td>{% if issue.number in folders %}<a href="/issues/{{ '%04d' % issue.number }}/">{{ issue.number }}</a>{% else %}{{ issue.number }}{% endif %}</td>
<td>{{ issue.date or "" }}</td><td>{{ issue.subject }}</td><td>{{ issue.stories }}</td><td>{{ issue.published_at.isoformat() }}</td></tr>
{% endfor %}</table>
{% else %}<p>None yet.</p>{% endif %}
{% endblock %}
"""

ISSUE = """{% extends "page.html" %}{% block content %}
<h1>{{ heading }}</h1>
{% if not available %}<p class="banner info">{{ missing }}</p>{% else %}
{% if subject %}<p>Subject: <strong id="subject">{{ subject }}</strong></p>{% endif %}
<nav class="sections"><a href="#email">Email</a><a href="#text">Plain text</a><a href="#digest">Digest</a><a href="#check">Check</a>
<a href="{{ raw }}email.html" target="_blank" rel="noopener">email.html</a><a href="{{ raw }}email.txt" target="_blank" rel="noopener">email.txt</a><a href="{{ raw }}digest.json" target="_blank" rel="noopener">digest.json</a></nav>
<h2 id="email">Email</h2>
<div class="frames">
<figure><figcaption>Desktop ({{ desktop }} px)</figcaption>
<iframe id="desktop" title="Desktop" src="{{ raw }}email.html" width="{{ desktop }}" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe></figure>
<figure><figcaption>Phone ({{ phone }} px)</figcaption>
<iframe id="phone" title="Phone" src="{{ raw }}email.html" width="{{ phone }}" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe></figure>
</div>
<h2 id="text">Plain text</h2>
<pre class="file" id="plain-text">{{ text }}</pre>
<h2 id="digest">Digest</h2>
<pre class="file" id="digest-json">{{ digest }}</pre>
<h2 id="check">Check</h2>
<pre class="file" id="check-report" data-src="/check/{{ where }}/">Checking… (<a href="/check/{{ where }}/">the report</a>)</pre>
{% endif %}
{% endblock %}
"""

NOT_FOUND = """{% extends "page.html" %}{% block content %}<h1>Not found</h1><p>{{ path }}</p>{% endblock %}"""

SCRIPT = """(() => {
  // Reload as soon as the draft is rebuilt: /status?after=N answers when the generation is no longer N.
  const shown = document.body.dataset.generation;
  const wait = async () => {
    try {
      const response = await fetch('/status?after=' + shown, {cache: 'no-store'});
      const status = await response.json();
      if (String(status.generation) !== shown) { location.reload(); return; }
      wait();
    } catch (error) {
      setTimeout(wait, 1000);  // the server is restarting: ask again
    }
  };
  wait();
  // The check report comes after the page (it takes a moment on a big issue).
  const report = document.getElementById('check-report');
  if (report) {
    fetch(report.dataset.src, {cache: 'no-store'})
      .then((response) => response.ok ? response.text() : Promise.reject(response.status))
      .then((text) => { report.textContent = text; })
      .catch(() => { report.textContent = 'The check report is not available.'; });
  }
})();
"""

PAGE_POLICY = ("default-src 'self'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
               "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
FILE_POLICY = "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
_ISSUE_PATH = re.compile(r"/issues/(\d{4})/")
_CHECK_PATH = re.compile(r"/check/(draft|issues/\d{4})/")


def make_pages():
    """The Jinja environment of the app's pages (autoescaped)."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.DictLoader({"page.html": PAGE, "index.html": INDEX, "issue.html": ISSUE, "404.html": NOT_FOUND}),
        autoescape=True, undefined=jinja2.StrictUndefined,
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _subject(folder: Path) -> str:
    try:
        return json.loads((folder / "digest.json").read_text(encoding="utf-8"))["issue"]["subject"]
    except (OSError, ValueError, KeyError, TypeError):
        return ""


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Handler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for the pages, /status, /preview.js and the files under the output folder (/raw/…)."""

    server: "PreviewServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        log.debug("%s " + format, self.address_string(), *args)

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
        self._answer(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        try:
            self._respond(head)
        except (BrokenPipeError, ConnectionResetError):
            pass
        except Exception:  # a bug: say so, keep serving
            log.error("%s failed:\n%s", self.path, traceback.format_exc())
            self._send(500, "text/plain; charset=utf-8", b"internal error (see the terminal)\n", head)

    def _respond(self, head: bool) -> None:
        preview = self.server.preview
        if not self._host_allowed():
            return self._send(400, "text/plain; charset=utf-8", b"unexpected Host header\n", head)
        parts = urlsplit(self.path)
        path = parts.path
        if path == "/status":
            after = re.fullmatch(r"after=(\d{1,12})", parts.query)
            outcome = preview.wait_for_change(int(after[1]), WAIT_SECONDS) if after else preview.outcome
            body = json.dumps({"generation": outcome.generation, "error": outcome.error, "draft": outcome.draft})
            return self._send(200, "application/json", body.encode(), head)
        if match := _CHECK_PATH.fullmatch(path):
            folder = preview.output_folder() / match[1]
            if (folder / "email.html").is_file():
                return self._send(200, "text/plain; charset=utf-8", "\n".join(preview.check_lines(folder)).encode(),
                                  head)
        if path == "/preview.js":
            return self._send(200, "text/javascript; charset=utf-8", SCRIPT.encode(), head)
        if path == "/":
            return self._page("index.html", self._index_context(), head)
        if path in ("/draft", "/issues") or _ISSUE_PATH.fullmatch(path + "/"):
            return self._redirect(path + "/" if path != "/issues" else "/")
        if path == "/draft/":
            return self._page("issue.html", self._issue_context("draft", "Draft of the next issue"), head)
        if match := _ISSUE_PATH.fullmatch(path):
            folder = preview.output_folder() / "issues" / match[1]
            if folder.is_dir():
                return self._page("issue.html", self._issue_context(f"issues/{match[1]}", f"Issue {int(match[1])}"),
                                  head)
        if path.startswith("/raw/"):
            target = resolve_inside(preview.output_folder(), path[len("/raw/"):])
            if target is not None:
                return self._file(target, head)
        return self._not_found(path, head)

    def _not_found(self, path: str, head: bool) -> None:
        self._page("404.html", {"title": "Not found", "path": path}, head, status=404)

    def _host_allowed(self) -> bool:
        """On loopback, only requests for a loopback name (no DNS rebinding from a web page)."""
        if not is_loopback(self.server.server_address[0]):
            return True
        host = self.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return is_loopback(name)

    def _index_context(self) -> dict:
        preview = self.server.preview
        published, error = preview.published()
        issues_dir = preview.output_folder() / "issues"
        folders = {issue.number for issue in published if (issues_dir / f"{issue.number:04d}").is_dir()}
        return {"title": "Issues", "published": published, "published_error": error, "folders": folders,
                "draft_subject": _subject(preview.output_folder() / "draft")}

    def _issue_context(self, where: str, heading: str) -> dict:
        preview = self.server.preview
        folder = preview.output_folder() / where
        available = (folder / "email.html").is_file() and (where != "draft" or preview.outcome.draft)
        context = {"title": heading, "heading": heading, "available": available, "raw": f"/raw/{where}/", "where": where,
                   "desktop": DESKTOP_WIDTH, "phone": PHONE_WIDTH,
                   "missing": preview.outcome.summary or "No draft yet."}
        if available:
            digest = _read_text(folder / "digest.json")
            context.update(subject=_subject(folder), text=_read_text(folder / "email.txt"), digest=digest)
        return context

    def _page(self, name: str, context: dict, head: bool, status: int = 200) -> None:
        body = self.server.pages.get_template(name).render(outcome=self.server.preview.outcome, **context)
        self._send(status, "text/html; charset=utf-8", body.encode("utf-8"), head, policy=PAGE_POLICY)

    def _file(self, target: Path, head: bool) -> None:
        try:
            data = target.read_bytes()
        except OSError:
            return self._not_found(target.name, head)
        kind = {".eml": "text/plain", ".json": "application/json", ".xml": "application/xml"}.get(
            target.suffix.lower()) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml"):
            kind += "; charset=utf-8"
        self._send(200, kind, data, head, policy=FILE_POLICY)

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, kind: str, body: bytes, head: bool, policy: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if policy:
            self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        if not head:
            self.wfile.write(body)


class PreviewServer(http.server.ThreadingHTTPServer):
    """The HTTP server of one Preview."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], preview: Preview):
        import socket

        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.preview = preview
        self.pages = make_pages()
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        """The address to open."""
        host, port = self.server_address[:2]
        return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"


def bind(host: str, port: int, preview: Preview) -> PreviewServer:
    """A server listening on host:port (port 0: a free one); NewsletterError if it cannot listen."""
    try:
        return PreviewServer((host, port), preview)
    except OSError as error:
        raise NewsletterError(f"{host}:{port}: cannot listen: {error.strerror or error}") from None


def serve(server: PreviewServer, stop: threading.Event) -> None:
    """Serve and rebuild on changes until stop is set; then shut down cleanly."""
    preview = server.preview
    # the baseline is taken before serving: an edit made as soon as the first page is served counts
    watcher = threading.Thread(target=watch, args=(preview.watched, preview.rebuild, stop),
                               kwargs={"baseline": preview.watched()}, name="preview-watch", daemon=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="preview-http",
                              daemon=True)
    watcher.start()
    thread.start()
    try:
        while not stop.wait(0.5):
            pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        watcher.join(timeout=5)

