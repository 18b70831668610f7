import datetime as dt
import sqlite3
import threading

import pytest

from newsletter import state
from newsletter.errors import NewsletterError
from newsletter.readers import read_article
from tests.conftest import add_article, write

FERRY = ("The harbour ferry is back in service after three weeks of repairs, the operator said on Wednesday.\n\n"
         "The ferry carries about 1,200 passengers a day between the old town and the island.")


def article(tmp_path, name="ferry.md", title="Harbour ferry returns after repairs", text=FERRY, **meta):
    return read_article(add_article(tmp_path, name, title, text, **meta))


def shares_a_key(one, two):
    return bool(set(state.item_keys(one)) & set(state.item_keys(two)))


def issue(number, articles=1):
    return state.PublishedIssue(
        number=number,
        published_at=dt.datetime(2024, 10, 22, 6, number, tzinfo=dt.timezone.utc),
        date=dt.date(2024, 10, 22),
        name="The Briefing",
        subject=f"The Briefing #{number}",
        stories=1,
        articles=articles,
        content_html=f"<p>issue {number}</p>",
    )


def test_a_renamed_file_is_the_same_item(tmp_path):
    first = article(tmp_path, "ferry.md")
    renamed = article(tmp_path, "2024-10-23-ferry-back.md")
    assert first.path != renamed.path
    assert state.item_keys(first) == state.item_keys(renamed)


def test_an_edited_text_under_the_same_title_is_the_same_item(tmp_path):
    first = article(tmp_path)
    edited = article(tmp_path, text="UPDATED: " + FERRY.replace("three weeks", "21 days") + "\n\nA new paragraph.")
    assert first.id != edited.id  # the article id changes with its opening...
    assert shares_a_key(first, edited)  # ...the item does not: same title, source and date


def test_a_corrected_title_over_the_same_text_is_the_same_item(tmp_path):
    first = article(tmp_path)
    edited = article(tmp_path, title="Harbour ferry is back after repairs")
    assert first.id != edited.id
    assert shares_a_key(first, edited)  # same opening text


def test_a_different_article_is_a_different_item(tmp_path):
    first = article(tmp_path)
    other = article(tmp_path, "bridge.md", "Council approves new bridge",
                    "The council approved a new bridge over the river on Monday, at a cost of 42 million.")
    same_title_other_day = article(tmp_path, "ferry2.md", text="The ferry was late again on Thursday morning.",
                                   date="2024-11-02")
    assert not shares_a_key(first, other)
    assert not shares_a_key(first, same_title_other_day)


def test_the_same_url_is_the_same_item(tmp_path):
    first = read_article(write(tmp_path / "a.md", f"---\ntitle: One\nurl: https://ex.org/a\n---\n{FERRY}\n"))
    rewritten = read_article(write(tmp_path / "b.md", "---\ntitle: Two\nurl: https://ex.org/a\n---\n"
                                   "Entirely rewritten text of the article about the harbour.\n"))
    assert shares_a_key(first, rewritten)


def test_connect_creates_the_schema_once(tmp_path):
    path = tmp_path / "sub" / "state.db"
    connection = state.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == state.SCHEMA_VERSION
    tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"issues", "items", "item_keys", "issue_items", "sources", "fetch_cache", "subscribers",
                      "deliveries"}
    connection.close()
    state.connect(path).close()  # migrating again is a no-op


def test_a_newer_database_is_refused(tmp_path):
    path = tmp_path / "state.db"
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA user_version = 99")
    with pytest.raises(NewsletterError) as caught:
        state.connect(path)
    assert str(caught.value) == (f"{path}: state database version 99 is newer than this newsletter "
                                 f"understands ({state.SCHEMA_VERSION})")


def test_a_file_that_is_not_a_database(tmp_path):
    path = write(tmp_path / "state.db", "this is not sqlite " * 100)
    with pytest.raises(NewsletterError) as caught:
        state.connect(path)
    assert str(caught.value) == f"{path}: cannot use the state database: file is not a database"


def test_readonly_connection_never_creates_the_database(tmp_path):
    path = tmp_path / "state.db"
    assert state.connect_readonly(path) is None
    assert not path.exists()
    state.connect(path).close()
    connection = state.connect_readonly(path)
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM issues")
    connection.close()


def test_record_and_match(tmp_path):
    ferry = article(tmp_path)
    connection = state.connect(tmp_path / "state.db")
    assert state.match_published(connection, [ferry]) == {}
    state.record_issue(connection, issue(1), [ferry], {})
    assert state.published_issues(connection) == [issue(1)]
    assert state.issue_items(connection, 1) == [ferry.id]
    edited = article(tmp_path, "renamed.md", text=FERRY + "\n\nCorrection: the repairs took four weeks.")
    assert state.match_published(connection, [edited]) == {edited.id: ferry.id}
    row = connection.execute("SELECT issue, title, path FROM items").fetchall()
    assert row == [(1, "Harbour ferry returns after repairs", str(tmp_path / "content" / "ferry.md"))]


def test_publish_is_one_transaction(tmp_path):
    ferry = article(tmp_path)
    connection = state.connect(tmp_path / "state.db")

    def crash():
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        state.record_issue(connection, issue(1), [ferry], {}, before_commit=crash)
    for table in ("issues", "items", "item_keys", "issue_items"):
        assert connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone() == (0,), table


def test_an_article_edited_step_by_step_stays_the_same_item(tmp_path):
    ferry = article(tmp_path)
    connection = state.connect(tmp_path / "state.db")
    state.record_issue(connection, issue(1), [ferry], {})
    retitled = article(tmp_path, title="Ferry back in service")  # matches by its text
    matches = state.match_published(connection, [retitled])
    assert state.remember_edits(connection, [retitled], matches) == 2  # its id and title keys are new
    rewritten = article(tmp_path, title="Ferry back in service", text="The ferry runs again, its operator said.")
    assert state.match_published(connection, [rewritten]) == {rewritten.id: ferry.id}  # by the learnt title


def test_default_path_is_beside_the_output_folder(tmp_path):
    assert state.default_path(tmp_path / "out") == tmp_path / "out.state.db"


def test_the_lock_lets_one_build_in_at_a_time(tmp_path):
    database = tmp_path / "state.db"
    entered = threading.Event()
    release = threading.Event()

    def holder():
        with state.build_lock(database):
            entered.set()
            release.wait(10)

    thread = threading.Thread(target=holder)
    thread.start()
    assert entered.wait(10)
    with pytest.raises(NewsletterError) as caught:
        with state.build_lock(database, timeout=0.2):
            pass
    assert str(caught.value) == f"{database}.lock: another build is still running after 0.2 s; try again later"
    release.set()
    thread.join()
    with state.build_lock(database, timeout=0.2):  # free again
        pass


def test_a_version_1_database_gains_subscribers_and_keeps_its_issues(tmp_path):
    path = tmp_path / "state.db"
    with sqlite3.connect(path) as raw:
        raw.executescript(state.MIGRATIONS[1])
        raw.execute("INSERT INTO issues VALUES (1, '2024-10-22T06:00:00+00:00', '2024-10-22', 'N', 'S', 1, 1, '')")
        raw.execute("PRAGMA user_version = 1")
    readonly = state.connect_readonly(path)  # a draft still sees issue 1 before anything migrates
    assert [issue.number for issue in state.published_issues(readonly)] == [1]
    readonly.close()
    connection = state.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == state.SCHEMA_VERSION == 3
    assert [issue.number for issue in state.published_issues(connection)] == [1]
    assert state.list_subscribers(connection) == [] and state.pending_recipients(connection, 1) == []
    connection.close()
