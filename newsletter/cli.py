"""Command-line interface. The only place where errors become messages and exit codes.

Exit codes: 0 success; 1 error (nothing built); 2 usage error; 3 done, but some inputs were skipped.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click

EXIT_ERROR = 1
EXIT_SKIPPED = 3
EXIT_INTERRUPTED = 130  # Ctrl-C, as a shell reports it


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _load_config(path: Path | None):
    from newsletter.config import load_config
    from newsletter.errors import ConfigError

    try:
        config = load_config(path)
    except ConfigError as error:
        if len(error.problems) == 1:
            _fail(str(error))
        click.echo(f"error: {error.path}: {len(error.problems)} problems", err=True)
        for problem in error.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(EXIT_ERROR)
    for warning in config.warnings:
        _warn(warning)
    return config


def _report_skipped(skipped) -> None:
    for item in skipped:
        click.echo(f"skipped: {item.path}: {item.reason}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsletter")
def main() -> None:
    """Build, preview, schedule and send a newsletter from articles, feeds and pages."""
    import logging

    logger = logging.getLogger("newsletter")
    if not logger.handlers:  # warnings from the pipeline reach the user as "warning: …" lines
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("warning: %(message)s"))
        logger.addHandler(handler)


def _parse_now(_ctx, _param, value: str | None):
    """--now / NEWSLETTER_NOW: an ISO 8601 time (UTC when it has no offset), for reproducible runs and tests."""
    import datetime as dt

    if value is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected an ISO 8601 time like 2024-10-22T06:00:00+00:00, got {value!r}") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)


_now_option = click.option(
    "--now", envvar="NEWSLETTER_NOW", hidden=True, callback=_parse_now,
    help="Use this time (ISO 8601) as the clock instead of the real one.",
)


def _count(number: int, word: str, plural: str | None = None) -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


@main.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: ./config.toml).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder (default: paths.output).")
@click.option("--draft", is_flag=True, help="Build a preview of the next issue into OUT/draft/; publish nothing.")
@click.option("--force", is_flag=True, help="Build even if nothing is new (the issue then holds every current article).")
@_now_option
def build(config_path: Path | None, out: Path | None, draft: bool, force: bool, now) -> None:
    """Publish the next issue, from the articles no earlier issue had, into OUT/issues/NNNN/.

    With nothing new it builds nothing, says so and exits 0.
    """
    from newsletter.build import NothingNew, build_draft, publish
    from newsletter.errors import NewsletterError

    config = _load_config(config_path)
    try:
        if draft:
            result = build_draft(config, out=out, now=now, force=force)
        else:
            result = publish(config, out=out, now=now, force=force)
    except NewsletterError as error:
        _report_skipped(getattr(error, "skipped", ()))  # why there was nothing to build
        _fail(str(error))
    except OSError as error:
        _fail(f"{error.filename or 'output'}: cannot write: {error.strerror or error}")
    _report_skipped(result.skipped)
    for warning in result.warnings:
        _warn(warning)
    left_out = f" ({_count(result.left_out, 'article')} left out by drop:)" if result.left_out else ""
    if isinstance(result, NothingNew):
        since = f" since issue {result.last_issue}" if result.last_issue else ""
        click.echo(f"nothing new{since}{left_out}; no {'draft' if draft else 'issue'} built")
    else:
        issue = result.issue
        what = f"draft of issue {issue.number}" if draft else f"issue {issue.number}"
        stories = _count(len(issue.stories), "story", "stories")
        click.echo(f"Built {what}: {stories} from {_count(result.articles, 'article')}{left_out} -> {result.folder}")
    if result.skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: ./config.toml).")
@click.option("--dry-run", is_flag=True, help="Print the next five run times and exit.")
@_now_option
@click.option("--interval-seconds", type=click.IntRange(min=1), hidden=True,
              help="Testing: run every N seconds instead of the configured schedule.")
def schedule(config_path: Path | None, dry_run: bool, now, interval_seconds: int | None) -> None:
    """Run as a service: publish the next issue on the schedule in config.toml (schedule.*).

    A run missed while the service was down runs once when it starts again (within
    schedule.misfire_grace_seconds). Stops cleanly on SIGTERM or Ctrl-C.
    """
    import datetime as dt

    from newsletter.errors import NewsletterError
    from newsletter.schedule import make_trigger, next_run_times, serve

    config = _load_config(config_path)
    try:
        trigger = make_trigger(config, interval_seconds)
        if config["schedule.send"] and not dry_run:
            import os

            from newsletter.delivery import check_ready

            check_ready(config, os.environ)  # NEWSLETTER_SECRET, the password: fail now, not at the first run
    except NewsletterError as error:
        _fail(str(error))
    if dry_run:
        moment = now or dt.datetime.now(dt.timezone.utc)
        for when in next_run_times(trigger, moment):
            click.echo(when.isoformat())
        return
    import logging
    import signal
    import threading

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", datefmt="%Y-%m-%dT%H:%M:%S%z"))
    for name, level in (("newsletter.schedule", logging.INFO), ("apscheduler", logging.ERROR)):
        logger = logging.getLogger(name)
        logger.addHandler(handler)
        logger.setLevel(level)
        logger.propagate = False
    stop = threading.Event()

    def request_stop(signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    config_file = (config_path or Path("config.toml")).resolve()
    try:
        serve(config, config_file if config_file.exists() else None, stop=stop, trigger=trigger)
    except NewsletterError as error:
        _fail(str(error))


@main.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: ./config.toml).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder (default: paths.output).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to listen on; 0 picks a free one.")
@click.option("--caniemail", "caniemail", type=click.Path(path_type=Path), default=Path("../shared/data/caniemail"),
              show_default=True, help="Folder of caniemail's data, for the check report.")
def preview(config_path: Path | None, out: Path | None, host: str, port: int, caniemail: Path) -> None:
    """Serve a live preview of the next issue: rebuilt as you edit content/, templates/ and config.toml.

    Shows the draft at desktop and phone width, its plain text, digest and check report, and every
    published issue. Never publishes, takes no issue number and marks nothing as used.
    Stops cleanly on SIGTERM or Ctrl-C.
    """
    import logging
    import signal
    import threading

    from newsletter.errors import NewsletterError
    from newsletter.preview import Preview, bind, is_loopback, serve

    if config_path is not None and not config_path.exists():
        _fail(f"{config_path}: file not found")
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("newsletter.preview")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    if not is_loopback(host):
        _warn(f"--host {host} is not a loopback address: anyone who can reach it can read the drafts")
    stop = threading.Event()

    def request_stop(signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, request_stop)  # from the start: a stop during the first build is no traceback
    signal.signal(signal.SIGINT, request_stop)
    live = Preview(config_path, out, caniemail, report=lambda line: click.echo(line, err=True))
    try:
        server = bind(host, port, live)
    except NewsletterError as error:
        _fail(str(error))
    live.rebuild()
    if stop.is_set():
        server.server_close()
        return
    click.echo(f"Preview at {server.url} (Ctrl-C to stop)")
    serve(server, stop)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print exactly one JSON object to stdout.")
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: ./config.toml).")
def digest(paths: tuple[Path, ...], as_json: bool, config_path: Path | None) -> None:
    """Read articles from PATHS (files or folders) and print the structured digest, without rendering."""
    import json

    from newsletter.digest import digest_dict, make_stories
    from newsletter.modules import default_registry
    from newsletter.readers import read_articles

    config = _load_config(config_path)
    articles, skipped = read_articles(paths)
    _report_skipped(skipped)
    stories = make_stories(articles, config, default_registry()) if articles else []
    data = digest_dict(stories, articles)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _print_digest(data)
    if skipped:
        sys.exit(EXIT_SKIPPED)


def _print_digest(data: dict) -> None:
    for number, story in enumerate(data["stories"], 1):
        click.echo(f"{number}. {story['title']}")
        for article in story["articles"]:
            click.echo(f"   source: {article['source'] or article['title']} ({article['path']})")
        for point in story["key_points"]:
            click.echo(f"   * {point['text']}")
        for quote in story["quotes"]:
            if quote["kind"] == "quote":
                click.echo(f"   “{quote['text']}” — {quote['speaker'] or 'unattributed'}")
        for figure in story["figures"]:
            click.echo(f"   # {figure['value']}: {figure['text']}")
        click.echo("")


@main.command()
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--sentences", type=click.IntRange(min=1), help="Sentences per summary.")
@click.option("--words", type=click.IntRange(min=1), help="Most words per summary (a line's max_words overrides it).")
def summarize(file, sentences: int | None, words: int | None) -> None:
    """Summarise each JSON line of FILE ({"id","title","text"[,"max_words"]}); print {"id","sentences"} lines."""
    import json

    from newsletter.summarize import summarize as run_summarize

    if (sentences is None) == (words is None):
        raise click.UsageError("give exactly one of --sentences K or --words N")
    bad = 0
    for number, line in enumerate(file, 1):
        if not line.strip():
            continue
        where = f"{file.name}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            click.echo(f"skipped: {where}: invalid JSON ({error.msg})", err=True)
            bad += 1
            continue
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            click.echo(f"skipped: {where}: expected an object with a string 'text'", err=True)
            bad += 1
            continue
        limit = item.get("max_words", words)
        if sentences is None and (isinstance(limit, bool) or not isinstance(limit, int) or limit <= 0):
            click.echo(f"skipped: {where}: 'max_words' must be a positive integer, got {limit!r}", err=True)
            bad += 1
            continue
        title = item.get("title") if isinstance(item.get("title"), str) else ""
        if sentences is not None:
            chosen = run_summarize(item["text"], title, sentences=sentences)
        else:
            chosen = run_summarize(item["text"], title, words=limit)
        click.echo(json.dumps({"id": item.get("id"), "sentences": chosen}, ensure_ascii=False))
    if bad:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("issue_dir", type=click.Path(path_type=Path))
@click.option("--caniemail", "caniemail", type=click.Path(path_type=Path), default=Path("../shared/data/caniemail"),
              show_default=True, help="Folder of caniemail's data (with _features/); not shipped with newsletter.")
@click.option("-v", "--verbose", is_flag=True, help="Show every finding for the other clients too.")
def check(issue_dir: Path, caniemail: Path, verbose: bool) -> None:
    """Lint a built issue (ISSUE_DIR with email.html): size, alt text, links, client support; exit 1 on an error."""
    from newsletter.check import check_issue, format_report, load_caniemail
    from newsletter.errors import NewsletterError

    try:
        data = load_caniemail(caniemail)
        report = check_issue(issue_dir, data)
    except NewsletterError as error:
        _fail(str(error))
    for line in format_report(report, data, verbose):
        click.echo(line)
    if report.errors:
        sys.exit(EXIT_ERROR)


@main.command()
@click.option("--config", "config_path", type=click.Path(path_type=Path), help="Config file (default: ./config.toml).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder (default: paths.output).")
@click.option("--fetch", "fetch_now", is_flag=True, help="Read every source now (updating the fetch cache) first.")
@_now_option
def sources(config_path: Path | None, out: Path | None, fetch_now: bool, now) -> None:
    """List the sources ([[sources]], else paths.content): name, type, where, status, items, last read.

    The status is the last build's (or --fetch's); nothing is fetched without --fetch.
    """
    import datetime as dt

    from newsletter import state
    from newsletter.build import read_sources_recorded, state_file
    from newsletter.errors import NewsletterError
    from newsletter.sources import configured_sources, describe

    config = _load_config(config_path)
    database = state_file(config, out)
    skipped = []
    try:
        if fetch_now:
            moment = (now or dt.datetime.now().astimezone()).replace(microsecond=0)
            with state.opened(database) as connection:
                skipped = read_sources_recorded(config, database, moment, connection)[1]
        with state.reading(database) as connection:
            statuses = state.source_statuses(connection)
    except NewsletterError as error:  # a locked, damaged or too new database
        _fail(str(error))
    for line in describe(configured_sources(config), config, statuses):
        click.echo(line)
    _report_skipped(skipped)
    if skipped:
        sys.exit(EXIT_SKIPPED)


@main.command()
def modules() -> None:
    """List the content modules (built-in and installed) and their options."""
    from newsletter.modules import default_registry

    for module in default_registry().modules():
        click.echo(f"{module.name}: {module.doc}")
        for option in module.options:
            click.echo(f"    modules.{module.name}.{option.key} = {option.default!r}  # {option.doc}")


_config_option = click.option("--config", "config_path", type=click.Path(path_type=Path),
                              help="Config file (default: ./config.toml).")


def _clock(now):
    import datetime as dt

    return now or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


@contextlib.contextmanager
def _state(config):
    """The state database of a config, open for the block; its errors end the command with one line."""
    from newsletter import state
    from newsletter.build import state_file
    from newsletter.errors import NewsletterError

    try:
        with state.opened(state_file(config)) as connection:
            yield connection
    except NewsletterError as error:
        _fail(str(error))


@main.group()
def subscribers() -> None:
    """Manage the subscribers in the state database (add, import, list, remove)."""


@subscribers.command("add")
@click.argument("address")
@click.option("--name", default="", help="Display name, used in the To: header.")
@_config_option
@_now_option
def subscribers_add(address: str, name: str, config_path: Path | None, now) -> None:
    """Add ADDRESS as an active subscriber (an unsubscribed or bounced address becomes active again)."""
    from newsletter import state
    from newsletter.errors import NewsletterError
    from newsletter.subscribers import new_subscriber

    config = _load_config(config_path)
    try:
        person = new_subscriber(address, name)
    except NewsletterError as error:
        _fail(str(error))
    with _state(config) as connection:
        before = state.subscriber_by_email(connection, person.email)
        state.save_subscribers(connection, [(person.email, person.name)], _clock(now), reactivate=True)
    if before is None:
        click.echo(f"Added {person.email}")
    elif before.status != "active":
        click.echo(f"Subscribed {before.email} again (was {before.status})")
    else:
        click.echo(f"{before.email} is already subscribed" + (f"; name set to {person.name!r}" if person.name else ""))


@subscribers.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@_config_option
@_now_option
def subscribers_import(file: Path, config_path: Path | None, now) -> None:
    """Import FILE.csv (a header row with `email`, optionally `name`); bad rows are reported, the rest imported.

    An address already known merges (case-insensitive): its name is updated, its status kept.
    """
    from newsletter import state
    from newsletter.errors import NewsletterError
    from newsletter.subscribers import read_csv

    config = _load_config(config_path)
    try:
        imported = read_csv(file)
    except NewsletterError as error:
        _fail(str(error))
    for bad in imported.bad_rows:
        click.echo(f"skipped: {file}:{bad.line}: {bad.value!r}: {bad.reason}", err=True)
    with _state(config) as connection:
        added, merged = state.save_subscribers(connection, [(p.email, p.name) for p in imported.subscribers],
                                               _clock(now))
    merged += imported.duplicates
    click.echo(f"Imported {file}: {added} new, {merged} already known (merged), "
               f"{_count(len(imported.bad_rows), 'row')} skipped")
    if imported.bad_rows:
        sys.exit(EXIT_SKIPPED)


@subscribers.command("list")
@click.option("--status", type=click.Choice(["active", "unsubscribed", "bounced"]), help="Only these.")
@_config_option
def subscribers_list(status: str | None, config_path: Path | None) -> None:
    """Print the subscribers, one a line: address, name, status, when subscribed, reason (tab-separated)."""
    from newsletter import state

    config = _load_config(config_path)
    with _state(config) as connection:
        people = state.list_subscribers(connection, status)
    for person in people:
        click.echo("\t".join((person.email, person.name, person.status, person.subscribed_at.isoformat(),
                              person.reason)).rstrip("\t"))


@subscribers.command("remove")
@click.argument("address")
@_config_option
@_now_option
def subscribers_remove(address: str, config_path: Path | None, now) -> None:
    """Unsubscribe ADDRESS: it gets no later issue; kept, marked unsubscribed, so an import does not bring it back."""
    from newsletter import state
    from newsletter.errors import NewsletterError
    from newsletter.subscribers import check_address

    config = _load_config(config_path)
    try:
        email = check_address(address)
    except NewsletterError:
        email = address.strip()  # not a valid address now: look it up as typed
    with _state(config) as connection:
        person = state.subscriber_by_email(connection, email)
        if person is None:
            _fail(f"{address!r}: no such subscriber")
        changed = state.set_subscriber_status(connection, person.id, "unsubscribed", "removed by the operator",
                                              _clock(now))
    click.echo(f"Unsubscribed {person.email}" if changed else f"{person.email} was already unsubscribed")


@main.command()
@click.argument("issue", type=click.IntRange(min=1), required=False)
@click.option("--test-to", "test_to", metavar="ADDRESS",
              help="Send the issue only to ADDRESS (subject prefixed [TEST]); the send log is not touched.")
@_config_option
def send(issue: int | None, test_to: str | None, config_path: Path | None) -> None:
    """Send ISSUE (default: the newest) over SMTP to every active subscriber who has not got it yet.

    Each accepted message is logged at once, so a send that was killed can simply be run again.
    Needs NEWSLETTER_SECRET (signs the unsubscribe links) and, with smtp.username, the password in
    the variable smtp.password_env names. Exit 3 if an address bounced or a message is left to retry.
    """
    from newsletter.delivery import IssueSent, send_issue, send_test, summary
    from newsletter.errors import NewsletterError

    config = _load_config(config_path)
    if test_to is not None:
        try:
            number, report = send_test(config, test_to, issue)
        except NewsletterError as error:
            _fail(str(error))
        if report.sent:
            click.echo(f"Sent a test of issue {number} to {test_to}")
            return
        refused = (*report.bounced, *report.failed, *report.left)
        _fail(f"test of issue {number} to {test_to} not sent: {refused[0].reason if refused else report.stopped}")

    progress_bar = None
    task = None

    def on_start(total: int) -> None:
        nonlocal progress_bar, task
        if sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import Progress

            progress_bar = Progress(console=Console(stderr=True), transient=True)
            progress_bar.start()
            task = progress_bar.add_task("Sending", total=total)

    def on_progress(done: int) -> None:
        if progress_bar is not None:
            progress_bar.update(task, completed=done)

    try:
        result = send_issue(config, issue, on_start=on_start, progress=on_progress)
    except NewsletterError as error:
        _fail(str(error))
    except KeyboardInterrupt:  # every message the server accepted is logged: a rerun sends the rest
        if progress_bar is not None:
            progress_bar.stop()
            progress_bar = None
        click.echo("interrupted; run `newsletter send` again to send the rest", err=True)
        sys.exit(EXIT_INTERRUPTED)
    finally:
        if progress_bar is not None:
            progress_bar.stop()
    if not isinstance(result, IssueSent):
        if result.already:
            click.echo(f"issue {result.issue} was already sent to every active subscriber; nothing to do")
        else:
            click.echo(f"issue {result.issue}: no active subscribers; nothing to do")
        return
    report = result.report
    for refused in report.bounced:
        click.echo(f"bounced: {refused.recipient.email}: {refused.reason}", err=True)
    for refused in report.failed:
        click.echo(f"refused: {refused.recipient.email}: {refused.reason} (tried again on the next run)", err=True)
    for refused in report.left:
        if not refused.reason.startswith("not tried: "):
            click.echo(f"not sent: {refused.recipient.email}: {refused.reason} (tried again on the next run)",
                       err=True)
    click.echo(summary(result))
    if report.stopped:
        _fail(f"stopped: {report.stopped}; run `newsletter send` again to send the rest")
    if report.bounced or report.failed or report.left:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.option("--host", help="Address to listen on (default: serve.host).")
@click.option("--port", type=click.IntRange(0, 65535),
              help="Port to listen on, 0 for any free one (default: serve.port).")
@_config_option
def serve(host: str | None, port: int | None, config_path: Path | None) -> None:
    """Run the unsubscribe endpoint: GET /unsubscribe?token=… shows a confirm button, POST unsubscribes.

    Mail clients' one-click unsubscribe (RFC 8058) POSTs the List-Unsubscribe URL. Needs
    NEWSLETTER_SECRET, the same as `newsletter send`. Stops cleanly on SIGTERM and Ctrl-C.
    """
    import os
    import signal
    import threading

    from newsletter.errors import NewsletterError
    from newsletter.unsubscribe import endpoint_of, make_server

    config = _load_config(config_path)
    try:
        endpoint = endpoint_of(config, os.environ)
        server = make_server(endpoint, host or config["serve.host"], config["serve.port"] if port is None else port)
    except NewsletterError as error:
        _fail(str(error))
    except OSError as error:
        _fail(f"cannot listen on {host or config['serve.host']}:{port if port is not None else config['serve.port']}: "
              f"{error.strerror or error}")

    def stop(_signum, _frame):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"Serving unsubscribe links on http://{bound_host}:{bound_port}/unsubscribe", err=False)
    sys.stdout.flush()
    try:
        server.serve_forever()
    finally:
        server.server_close()
