"""Publishing issues: state, the lock, crash safety, drafts, nothing new, the archive after each publish."""

import datetime as dt
import fcntl
import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsletter.build import CRASH_EXIT, CRASH_POINTS, NothingNew, build_draft, publish
from newsletter.config import load_config
from tests.conftest import ISSUE_FILES, add_article, check_consistent, cli_env, make_project, run_cli

UTC = dt.timezone.utc
FIRST = dt.datetime(2024, 10, 22, 6, 0, tzinfo=UTC)
SECOND = dt.datetime(2024, 10, 23, 6, 0, tzinfo=UTC)
FERRY_TEXT = ("The harbour ferry is back in service after three weeks of repairs, the operator said on Wednesday.\n\n"
              "The ferry carries about 1,200 passengers a day between the old town and the island.")


def add_ferry(project):
    return add_article(project, "ferry.md", "Harbour ferry returns after repairs", FERRY_TEXT)


def publish_at(project, now, **options):
    return publish(load_config(project / "config.toml"), now=now, **options)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under folder (hidden ones too) with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def database_rows(project):
    with sqlite3.connect(project / "out.state.db") as connection:
        return {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
                for table in ("issues", "items", "item_keys", "issue_items")}


def issue_paths(project, number):
    digest = json.loads((project / "out" / "issues" / f"{number:04d}" / "digest.json").read_text())
    return [a["path"] for a in digest["articles"]]


# --- in-process ----------------------------------------------------------------------------------------------


def test_the_next_issue_holds_only_new_items(project):
    first = publish_at(project, FIRST)
    assert first.issue.number == 1 and first.articles == 2
    add_ferry(project)
    second = publish_at(project, SECOND)
    assert second.issue.number == 2 and second.articles == 1
    assert issue_paths(project, 2) == ["content/ferry.md"]
    assert check_consistent(project) == [1, 2]
    issues = database_rows(project)["issues"]
    assert [(row[0], row[1]) for row in issues] == [(1, "2024-10-22T06:00:00+00:00"), (2, "2024-10-23T06:00:00+00:00")]


def test_nothing_new_builds_nothing(project):
    publish_at(project, FIRST)
    before_out, before_db = snapshot(project / "out"), database_rows(project)
    assert publish_at(project, SECOND) == NothingNew(last_issue=1, skipped=())
    assert snapshot(project / "out") == before_out
    assert database_rows(project) == before_db


def test_an_edited_or_renamed_article_does_not_come_back(project):
    publish_at(project, FIRST)
    alarm = project / "content" / "kim-putin-alarm.txt"
    text = alarm.read_text()
    opening = next(line for line in text.splitlines() if len(line) > 200)
    alarm.write_text(text.replace(opening, "EDITED: " + opening.replace("North Korea", "Pyongyang")))
    assert isinstance(publish_at(project, SECOND), NothingNew)  # same title, new opening
    (project / "content" / "nk-troop-dispatch-experts.txt").rename(project / "content" / "renamed.txt")
    assert isinstance(publish_at(project, SECOND), NothingNew)
    add_ferry(project)
    assert publish_at(project, SECOND).articles == 1


def test_force_publishes_the_current_items_again(project):
    publish_at(project, FIRST)
    forced = publish_at(project, SECOND, force=True)
    assert forced.issue.number == 2 and forced.articles == 2
    rows = database_rows(project)
    assert len(rows["items"]) == 2 and {row[1] for row in rows["items"]} == {1}  # first used by issue 1
    assert sorted(item for issue, item in rows["issue_items"] if issue == 2) == sorted(
        item for issue, item in rows["issue_items"] if issue == 1)


def test_content_emptied_after_publishing_is_nothing_new(project):
    publish_at(project, FIRST)
    for path in (project / "content").iterdir():
        path.unlink()
    assert publish_at(project, SECOND) == NothingNew(last_issue=1, skipped=())


def test_a_draft_previews_the_next_issue_and_changes_no_state(project):
    config = load_config(project / "config.toml")
    draft = build_draft(config, now=FIRST)
    assert draft.folder == project / "out" / "draft" and draft.issue.number == 1
    assert not (project / "out.state.db").exists()  # no state made
    publish_at(project, FIRST)
    add_ferry(project)
    before = (project / "out.state.db").read_bytes()
    draft = build_draft(config, now=SECOND)
    assert draft.issue.number == 2 and draft.articles == 1
    assert sorted(p.name for p in draft.folder.iterdir()) == ISSUE_FILES
    assert json.loads((draft.folder / "digest.json").read_text())["issue"]["number"] == 2
    assert (project / "out.state.db").read_bytes() == before
    assert not (project / "out" / "issues" / "0002").exists()
    assert publish_at(project, SECOND).issue.number == 2  # the draft took no number


def test_the_same_content_and_clock_give_the_same_bytes(tmp_path):
    one, two = make_project(tmp_path / "one"), make_project(tmp_path / "two")
    for project in (one, two):
        publish_at(project, FIRST)
        add_ferry(project)
        publish_at(project, SECOND)
    assert snapshot(one / "out") == snapshot(two / "out")


# --- builds as processes: at once, killed --------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """Issue 1 and 2 built without incident: what a crashed-then-rerun project must end up as."""
    project = make_project(tmp_path_factory.mktemp("reference"))
    publish_at(project, FIRST)
    add_ferry(project)
    publish_at(project, SECOND)
    return project


@pytest.mark.parametrize("point", CRASH_POINTS)
def test_a_build_killed_at_any_point_then_rerun(point, project, reference):
    publish_at(project, FIRST)
    add_ferry(project)
    before_out, before_db = snapshot(project / "out"), database_rows(project)
    killed = run_cli("build", cwd=project, NEWSLETTER_TEST_CRASH_AT=point, NEWSLETTER_NOW=SECOND.isoformat())
    assert (killed.returncode, killed.stdout) == (CRASH_EXIT, "")

    committed = CRASH_POINTS.index(point) >= CRASH_POINTS.index("committed")
    visible = {name: data for name, data in snapshot(project / "out").items() if "/." not in "/" + name}
    if not committed:  # nothing happened (but a hidden staging folder the next build removes)
        assert database_rows(project) == before_db
        assert visible == before_out
    else:  # published: the database says so; the next build finishes the output
        assert [row[0] for row in database_rows(project)["issues"]] == [1, 2]

    rerun = run_cli("build", cwd=project, NEWSLETTER_NOW=SECOND.isoformat())
    assert rerun.returncode == 0, rerun.stderr
    if committed:
        assert rerun.stdout == "nothing new since issue 2; no issue built\n"
    else:
        assert rerun.stdout == f"Built issue 2: 1 story from 1 article -> {project / 'out' / 'issues' / '0002'}\n"
    assert check_consistent(project) == [1, 2]
    assert snapshot(project / "out") == snapshot(reference / "out")
    assert database_rows(project) == database_rows(reference)


def test_two_builds_at_once_make_one_issue(project):
    lock = os.open(project / "out.state.db.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)  # hold both builds at the lock, then let them race for it
    try:
        builds = [subprocess.Popen([sys.executable, "-m", "newsletter", "build"], cwd=project, env=cli_env(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        time.sleep(1.0)
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)
    results = [build.communicate(timeout=120) + (build.returncode,) for build in builds]
    assert sorted(results) == [
        (f"Built issue 1: 1 story from 2 articles -> {project / 'out' / 'issues' / '0001'}\n", "", 0),
        ("nothing new since issue 1; no issue built\n", "", 0),
    ]
    assert check_consistent(project) == [1]


def test_the_scenario_build_add_build_build_kill_build(project):
    """build, add an article, build, build again, kill a build half way, build: issues 1 and 2, no item twice."""
    out = project / "out" / "issues"
    assert run_cli("build", cwd=project).stdout == f"Built issue 1: 1 story from 2 articles -> {out / '0001'}\n"
    add_ferry(project)
    assert run_cli("build", cwd=project).stdout == f"Built issue 2: 1 story from 1 article -> {out / '0002'}\n"
    assert run_cli("build", cwd=project).stdout == "nothing new since issue 2; no issue built\n"
    killed = run_cli("build", "--force", cwd=project, NEWSLETTER_TEST_CRASH_AT="in_transaction")  # would be issue 3
    assert killed.returncode == CRASH_EXIT
    last = run_cli("build", cwd=project)
    assert (last.returncode, last.stdout, last.stderr) == (0, "nothing new since issue 2; no issue built\n", "")
    assert check_consistent(project) == [1, 2]
    assert issue_paths(project, 1) == ["content/kim-putin-alarm.txt", "content/nk-troop-dispatch-experts.txt"]
    assert issue_paths(project, 2) == ["content/ferry.md"]



def test_a_database_locked_by_someone_else_is_a_one_line_error(project, monkeypatch):
    from newsletter.errors import NewsletterError

    publish_at(project, FIRST)
    add_ferry(project)
    connect = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *args, **kwargs: connect(*args, **{**kwargs, "timeout": 0.1}))
    holder = connect(project / "out.state.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # e.g. an operator's sqlite3 shell in the middle of a change
    with pytest.raises(NewsletterError) as caught:
        publish_at(project, SECOND)
    holder.execute("ROLLBACK")
    holder.close()
    assert str(caught.value) == f"{project / 'out.state.db'}: cannot use the state database: database is locked"
    assert publish_at(project, SECOND).issue.number == 2
