"""The scheduler service: run times, the missed-run catch-up (on a clock the test controls), the real service."""

import contextlib
import datetime as dt
import logging
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsletter.config import load_config, parse_config
from newsletter.errors import NewsletterError
from newsletter.schedule import make_trigger, next_run_times, pending_run_time, run_scheduled_build, serve
from tests.conftest import SECRET, add_article, check_consistent, cli_env, delivery_project, run_cli, write

UTC = dt.timezone.utc


def config(text: str):
    return parse_config(text, "config.toml", Path("/p"))


def set_schedule(project, text):
    write(project / "config.toml", (project / "config.toml").read_text() + "\n[schedule]\n" + text)


def test_no_schedule_is_an_error_for_the_service():
    with pytest.raises(NewsletterError) as caught:
        make_trigger(config(""))
    assert str(caught.value) == "config.toml: no schedule: set schedule.cron or schedule.interval_minutes"


def test_cron_run_times_in_the_time_zone_across_a_clock_change():
    trigger = make_trigger(config('[schedule]\ncron = "0 7 * * mon-fri"\ntimezone = "Europe/Berlin"\n'))
    times = next_run_times(trigger, dt.datetime(2024, 10, 25, 12, 0, tzinfo=UTC))
    assert [t.isoformat() for t in times] == [
        "2024-10-28T07:00:00+01:00",  # summer time ended on Sunday 27th
        "2024-10-29T07:00:00+01:00",
        "2024-10-30T07:00:00+01:00",
        "2024-10-31T07:00:00+01:00",
        "2024-11-01T07:00:00+01:00",
    ]


def test_interval_run_times_are_aligned_to_the_clock():
    trigger = make_trigger(config("[schedule]\ninterval_minutes = 90\n"))
    times = next_run_times(trigger, dt.datetime(2024, 10, 22, 6, 0, 30, tzinfo=UTC), count=3)
    assert [t.isoformat() for t in times] == [
        "2024-10-22T07:30:00+00:00", "2024-10-22T09:00:00+00:00", "2024-10-22T10:30:00+00:00"]


def test_dry_run_prints_the_next_five_run_times(project):
    set_schedule(project, 'cron = "30 6 * * *"\ntimezone = "America/New_York"\n')
    result = run_cli("schedule", "--dry-run", cwd=project, NEWSLETTER_NOW="2024-11-02T12:00:00Z")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "2024-11-03T06:30:00-05:00",
        "2024-11-04T06:30:00-05:00",
        "2024-11-05T06:30:00-05:00",
        "2024-11-06T06:30:00-05:00",
        "2024-11-07T06:30:00-05:00",
    ]
    assert not (project / "out.state.db").exists()


def test_schedule_without_a_schedule_fails_with_one_line(project):
    result = run_cli("schedule", "--dry-run", cwd=project)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "error: config.toml: no schedule: set schedule.cron or schedule.interval_minutes\n"


def test_a_stored_run_time_is_kept_only_for_the_same_schedule():
    hourly = make_trigger(config("[schedule]\ninterval_minutes = 60\n"))
    due = dt.datetime(2024, 10, 22, 10, 0, tzinfo=UTC)
    stored = SimpleNamespace(trigger=make_trigger(config("[schedule]\ninterval_minutes = 60\n")), next_run_time=due)
    assert pending_run_time(stored, hourly) == due
    assert pending_run_time(None, hourly) is None
    assert pending_run_time(stored, make_trigger(config("[schedule]\ninterval_minutes = 30\n"))) is None
    berlin = make_trigger(config('[schedule]\ninterval_minutes = 60\ntimezone = "Europe/Berlin"\n'))
    assert pending_run_time(stored, berlin) is None


def test_a_failed_run_is_one_line_and_never_raises(project, caplog, monkeypatch):
    (project / "content").rename(project / "elsewhere")
    outcome = run_scheduled_build(str(project / "config.toml"), str(project))
    assert outcome == f"run failed: {project / 'content'}: content folder not found (set paths.content)"

    def broken(*args, **kwargs):
        raise KeyError("x")

    monkeypatch.setattr("newsletter.build.publish", broken)
    assert run_scheduled_build(str(project / "config.toml"), str(project)) == "run failed: KeyError: 'x'"
    assert [r.getMessage() for r in caplog.records if r.name == "newsletter.schedule"] == [
        outcome, "run failed: KeyError: 'x'"]


# --- the missed run, on a clock the test controls ------------------------------------------------------------


class Clock:
    """The time APScheduler sees (its scheduler loop and its executor's misfire check)."""

    def __init__(self, monkeypatch):
        import apscheduler.executors.base
        import apscheduler.schedulers.base

        self.now = dt.datetime(2000, 1, 1, tzinfo=UTC)
        clock = self

        class ControlledDatetime(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return clock.now.astimezone(tz) if tz else clock.now.replace(tzinfo=None)

        monkeypatch.setattr(apscheduler.schedulers.base, "datetime", ControlledDatetime)
        monkeypatch.setattr(apscheduler.executors.base, "datetime", ControlledDatetime)


def runs(caplog):
    return [r.getMessage() for r in caplog.records
            if r.name == "newsletter.schedule" and not r.getMessage().startswith("scheduler ")]


def run_service(project, caplog, expected_runs: int):
    """Start the service, wait for expected_runs more run lines (or half a second when none), stop it."""
    before = len(runs(caplog))
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(load_config(project / "config.toml"), project / "config.toml"),
                              kwargs={"stop": stop, "poll_seconds": 0.02})
    thread.start()
    deadline = time.monotonic() + (30 if expected_runs else 0.5)
    while time.monotonic() < deadline and len(runs(caplog)) < before + expected_runs:
        time.sleep(0.02)
    stop.set()
    thread.join(30)
    assert not thread.is_alive()
    return runs(caplog)[before:]


def stored_next_run(project):
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    store = SQLAlchemyJobStore(url=f"sqlite:///{project / 'out.state.db'}")
    store.start(SimpleNamespace(_logger=logging.getLogger("test")), "default")
    try:
        return store.lookup_job("newsletter-build").next_run_time.astimezone(UTC)
    finally:
        store.shutdown()


def test_a_missed_run_runs_once_when_the_service_is_back(project, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="newsletter.schedule")
    clock = Clock(monkeypatch)
    set_schedule(project, "interval_minutes = 60\nmisfire_grace_seconds = 3600\n")

    clock.now = dt.datetime(2024, 10, 22, 9, 30, tzinfo=UTC)  # the service starts, and stops before 10:00
    assert run_service(project, caplog, 0) == []
    assert stored_next_run(project) == dt.datetime(2024, 10, 22, 10, 0, tzinfo=UTC)

    clock.now = dt.datetime(2024, 10, 22, 12, 30, tzinfo=UTC)  # back after missing 10:00, 11:00 and 12:00
    assert run_service(project, caplog, 1) == ["issue 1 published (1 story, 2 articles)"]
    assert stored_next_run(project) == dt.datetime(2024, 10, 22, 13, 0, tzinfo=UTC)

    clock.now = dt.datetime(2024, 10, 22, 12, 31, tzinfo=UTC)  # a restart runs nothing twice
    assert run_service(project, caplog, 0) == []
    assert check_consistent(project) == [1]


def test_a_run_later_than_the_grace_time_is_skipped(project, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="newsletter.schedule")
    clock = Clock(monkeypatch)
    set_schedule(project, "interval_minutes = 60\nmisfire_grace_seconds = 600\n")
    clock.now = dt.datetime(2024, 10, 22, 9, 30, tzinfo=UTC)
    run_service(project, caplog, 0)
    clock.now = dt.datetime(2024, 10, 22, 14, 45, tzinfo=UTC)  # the last missed run (14:00) is 45 minutes late
    assert run_service(project, caplog, 1) == [
        "run due at 2024-10-22T14:00:00+00:00 missed by more than schedule.misfire_grace_seconds; skipped"]
    assert stored_next_run(project) == dt.datetime(2024, 10, 22, 15, 0, tzinfo=UTC)
    assert not (project / "out" / "issues").exists()


# --- the real service, as operators run it ------------------------------------------------------------------


def wait_for(path: Path, text: str, process, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        log = path.read_text()
        if text in log:
            return log
        assert process.poll() is None, log
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not logged in {timeout} s:\n{path.read_text()}")


@contextlib.contextmanager
def service_running(project, log: Path, *args: str):
    """`newsletter schedule ARGS` as a real child process logging to log; killed if the test leaves it running."""
    with open(log, "w") as stderr:
        service = subprocess.Popen([sys.executable, "-m", "newsletter", "schedule", *args], cwd=project, env=cli_env(),
                                   stdout=subprocess.PIPE, stderr=stderr, text=True)
    try:
        yield service
    finally:
        if service.poll() is None:
            service.kill()


def test_the_service_publishes_new_content_survives_a_failed_run_and_stops_on_sigterm(project, tmp_path):
    set_schedule(project, "interval_minutes = 1\n")
    (project / "content").rename(project / "later")  # the first runs fail
    log = tmp_path / "service.log"
    with service_running(project, log, "--interval-seconds", "1") as service:
        wait_for(log, "content folder not found", service)
        (project / "later").rename(project / "content")
        wait_for(log, "issue 1 published (1 story, 2 articles)", service)
        wait_for(log, "nothing new since issue 1", service)
        article = add_article(tmp_path / "incoming", "ferry.md", "Harbour ferry returns", "The ferry is back today.")
        article.rename(project / "content" / "ferry.md")  # arrives whole, as a run may be reading the folder
        wait_for(log, "issue 2 published (1 story, 1 article)", service)
        service.send_signal(signal.SIGTERM)
        assert service.wait(timeout=60) == 0
    lines = log.read_text().splitlines()
    messages = [line.split(" ", 1)[1] for line in lines]
    assert messages[0].startswith("scheduler started (interval[0:00:01], UTC); next run at ")
    assert messages[-1] == "scheduler stopped"
    assert f"run failed: {project / 'content'}: content folder not found (set paths.content)" in messages
    expected = ("scheduler ", "run failed: ", "nothing new", "issue ", "run skipped: the previous run is still going")
    assert all(m.startswith(expected) for m in messages), messages  # a slow machine may skip a run
    assert check_consistent(project) == [1, 2]


def test_the_service_stops_on_ctrl_c(project, tmp_path):
    set_schedule(project, 'cron = "0 7 * * *"\n')
    log = tmp_path / "service.log"
    with service_running(project, log) as service:
        wait_for(log, "scheduler started", service)
        service.send_signal(signal.SIGINT)
        assert service.wait(timeout=60) == 0
    assert log.read_text().splitlines()[-1].endswith(" scheduler stopped")
    assert "Traceback" not in log.read_text()


def test_schedule_send_delivers_each_new_issue_right_after_publishing_it(tmp_path, mailbox, monkeypatch, caplog):
    project = delivery_project(tmp_path, mailbox.port, [("ann@example.org", "Ann"), ("bob@example.net", "Bob")])
    text = (project / "config.toml").read_text() + "\n[schedule]\nsend = true\ninterval_minutes = 60\n"
    (project / "config.toml").write_text(text)
    monkeypatch.setenv("NEWSLETTER_SECRET", SECRET)
    caplog.set_level(logging.INFO, logger="newsletter.schedule")
    add_article(project, "ferry.md", "Ferry service resumes after storm", "The harbour ferry runs again. " * 5,
                date="2024-11-02")
    outcome = run_scheduled_build(str(project / "config.toml"), str(project))
    assert outcome == "Sent issue 2 to 2 subscribers; 0 bounced; 0 left to retry"
    assert sorted(mailbox.recipients()) == ["ann@example.org", "bob@example.net"]
    assert [r.getMessage() for r in caplog.records if r.name == "newsletter.schedule"] == [
        "issue 2 published (1 story, 1 article)", outcome]
    assert run_scheduled_build(str(project / "config.toml"), str(project)) == "nothing new since issue 2"
    assert len(mailbox.accepted) == 2  # issue 1 (built before) is not the service's to send

    monkeypatch.delenv("NEWSLETTER_SECRET")
    add_article(project, "bridge.md", "Bridge opens to traffic", "The new bridge opened on Monday. " * 5,
                date="2024-11-09")
    failed = run_scheduled_build(str(project / "config.toml"), str(project))
    assert failed.startswith("send of issue 3 failed: NEWSLETTER_SECRET is not set")
    refused = run_cli("schedule", cwd=project, NEWSLETTER_SECRET="")
    assert refused.returncode == 1 and refused.stderr.startswith("error: NEWSLETTER_SECRET is not set")
