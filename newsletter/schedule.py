"""The service: publish the next issue on a schedule, with APScheduler 3.

The job lives in the state database (SQLAlchemyJobStore on the same SQLite file), so its next run
time survives a restart: a run missed while the service was down is still due when it starts
again, and runs once (coalesce) if it is at most schedule.misfire_grace_seconds late. Every run is
`build.publish` under the build lock, so a cron build at the same moment makes no second issue.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from pathlib import Path

from newsletter.config import Config
from newsletter.errors import NewsletterError

JOB_ID = "newsletter-build"
# Interval schedules count from this moment, so their run times do not depend on when the service started.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)

log = logging.getLogger("newsletter.schedule")


def make_trigger(config: Config, interval_seconds: int | None = None):
    """The APScheduler trigger of the configured schedule (interval_seconds: a test override)."""
    from zoneinfo import ZoneInfo

    from apscheduler.triggers.cron import CronTrigger
    from apscheduler.triggers.interval import IntervalTrigger

    timezone = ZoneInfo(config["schedule.timezone"])
    if interval_seconds:
        return IntervalTrigger(seconds=interval_seconds, start_date=EPOCH, timezone=timezone)
    if config["schedule.cron"]:
        return CronTrigger.from_crontab(config["schedule.cron"], timezone=timezone)
    if config["schedule.interval_minutes"]:
        return IntervalTrigger(minutes=config["schedule.interval_minutes"], start_date=EPOCH, timezone=timezone)
    raise NewsletterError(f"{config.source}: no schedule: set schedule.cron or schedule.interval_minutes")


def next_run_times(trigger, now: dt.datetime, count: int = 5) -> list[dt.datetime]:
    """The next count run times after now, in the trigger's time zone."""
    times: list[dt.datetime] = []
    previous = None
    moment = now
    while len(times) < count:
        when = trigger.get_next_fire_time(previous, moment)
        if when is None:
            break
        times.append(when.astimezone(trigger.timezone))
        previous, moment = when, when + dt.timedelta(microseconds=1)
    return times


def schedule_key(trigger) -> str:
    """What makes two triggers the same schedule."""
    return f"{type(trigger).__name__} {trigger} {trigger.timezone}"


def pending_run_time(stored_job, trigger) -> dt.datetime | None:
    """The stored job's next run time, to keep across a restart, if the schedule is unchanged; else None.

    With a changed schedule the new one starts afresh (a run the old schedule missed is dropped).
    """
    if stored_job is None or stored_job.next_run_time is None:
        return None
    if schedule_key(stored_job.trigger) != schedule_key(trigger):
        return None
    return stored_job.next_run_time


def run_scheduled_build(config_file: str | None, base_dir: str) -> str:
    """The scheduled job: publish the next issue; log one line with the outcome and return it. Never raises.

    The config is read afresh each run, so edits apply without a restart (except the schedule itself).
    """
    from newsletter.build import NothingNew, publish
    from newsletter.config import load_config, parse_config

    try:
        if config_file:
            config = load_config(Path(config_file))
        else:
            config = parse_config("", "defaults", Path(base_dir))
        for warning in config.warnings:
            log.warning("warning: %s", warning)
        result = publish(config)
    except NewsletterError as error:
        outcome = f"run failed: {error}"
        log.error(outcome)
        return outcome
    except Exception as error:  # a bug: the service keeps running, the traceback goes to the log
        outcome = f"run failed: {type(error).__name__}: {error}"
        log.error(outcome, exc_info=True)
        return outcome
    for item in result.skipped:
        log.warning("skipped: %s: %s", item.path, item.reason)
    for warning in result.warnings:
        log.warning("warning: %s", warning)
    if isinstance(result, NothingNew):
        outcome = f"nothing new since issue {result.last_issue}" if result.last_issue else "nothing new"
    else:
        stories = len(result.issue.stories)
        outcome = (f"issue {result.issue.number} published ({stories} {'story' if stories == 1 else 'stories'}, "
                   f"{result.articles} {'article' if result.articles == 1 else 'articles'})")
        if config["schedule.send"]:
            log.info(outcome)
            return _send_new_issue(config, result.issue.number)
    log.info(outcome)
    return outcome


def _send_new_issue(config: Config, number: int) -> str:
    """schedule.send: send the issue just published; log one line with the outcome and return it. Never raises."""
    from newsletter.delivery import IssueSent, send_issue, summary

    try:
        result = send_issue(config, number)
    except NewsletterError as error:
        outcome = f"send of issue {number} failed: {error}; run `newsletter send {number}`"
        log.error(outcome)
        return outcome
    except Exception as error:  # a bug: the service keeps running, the traceback goes to the log
        outcome = f"send of issue {number} failed: {type(error).__name__}: {error}"
        log.error(outcome, exc_info=True)
        return outcome
    if not isinstance(result, IssueSent):
        outcome = f"issue {number}: no active subscribers; nothing sent"
        log.info(outcome)
        return outcome
    report = result.report
    for refused in (*report.bounced, *report.failed, *report.left):
        log.warning("not delivered: %s: %s", refused.recipient.email, refused.reason)
    outcome = summary(result)
    if report.stopped:
        outcome += f"; stopped: {report.stopped}; run `newsletter send {number}` to send the rest"
    (log.warning if report.stopped or report.left else log.info)(outcome)
    return outcome


def _on_event(event) -> None:
    from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED

    if event.code == EVENT_JOB_MISSED:
        log.warning("run due at %s missed by more than schedule.misfire_grace_seconds; skipped",
                    event.scheduled_run_time.isoformat())
    elif event.code == EVENT_JOB_MAX_INSTANCES:
        log.warning("run skipped: the previous run is still going")


def serve(config: Config, config_file: Path | None, *, stop: threading.Event, trigger=None,
          poll_seconds: float = 1.0) -> None:
    """Run the scheduler until stop is set; a run in progress then finishes before this returns."""
    from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler
    from sqlalchemy.engine import URL
    from sqlalchemy.exc import SQLAlchemyError

    from newsletter import state
    from newsletter.build import state_file

    trigger = trigger or make_trigger(config)
    database = state_file(config)
    state.connect(database).close()  # create or migrate the state tables first
    scheduler = BackgroundScheduler(
        jobstores={"default": SQLAlchemyJobStore(url=URL.create("sqlite", database=str(database)))},
        executors={"default": ThreadPoolExecutor(max_workers=1)},
        timezone=trigger.timezone,
    )
    scheduler.add_listener(_on_event, EVENT_JOB_MISSED | EVENT_JOB_MAX_INSTANCES)
    try:
        scheduler.start(paused=True)
        try:
            stored = scheduler.get_job(JOB_ID)
        except Exception as error:  # a job pickled by an incompatible version: start afresh
            log.warning("stored schedule unreadable (%s); starting afresh", error)
            stored = None
        keep = pending_run_time(stored, trigger)
        job = scheduler.add_job(
            run_scheduled_build,
            trigger,
            args=[str(config_file) if config_file else None, str(config.base_dir)],
            id=JOB_ID,
            name="newsletter build",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=config["schedule.misfire_grace_seconds"],
            **({"next_run_time": keep} if keep else {}),
        )
        missed = keep is not None and keep <= dt.datetime.now(dt.timezone.utc)
        log.info("scheduler started (%s, %s); next run at %s%s", trigger, trigger.timezone,
                 job.next_run_time.isoformat() if job.next_run_time else "never",
                 " (missed while stopped: runs now if at most schedule.misfire_grace_seconds late)" if missed else "")
        scheduler.resume()
        while not stop.wait(poll_seconds):
            pass
    except SQLAlchemyError as error:
        raise NewsletterError(f"{database}: cannot use the job store: {error}") from None
    finally:
        if scheduler.running:
            scheduler.shutdown(wait=True)
    log.info("scheduler stopped")
