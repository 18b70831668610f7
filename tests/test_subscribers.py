"""Subscribers: addresses checked, CSV imports that report bad rows by line, duplicates merged, add/list/remove."""

import sqlite3

import pytest

from newsletter.errors import NewsletterError
from newsletter.subscribers import BadRow, NewSubscriber, clean_name, new_subscriber, parse_csv
from tests.conftest import run_cli, write

CSV = ("email,name\n"
       "ann@example.org,Ann Example\n"
       "not-an-address,Nobody\n"
       "ANN@example.org,Ann E.\n"
       "\n"
       "bob@Example.NET,\"Bob\r\nBcc: evil@example.com\"\n"
       ",No address\n"
       "carla@example.com\n"
       "dan@exa mple.org,Dan\n")


def test_parse_csv_reports_bad_rows_by_line_and_merges_duplicates():
    imported = parse_csv(CSV, "people.csv")
    assert imported.subscribers == (NewSubscriber("ann@example.org", "Ann E."),
                                    NewSubscriber("bob@example.net", "Bob Bcc: evil@example.com"),
                                    NewSubscriber("carla@example.com", ""))
    assert imported.duplicates == 1
    assert [(bad.line, bad.value) for bad in imported.bad_rows] == [(3, "not-an-address"), (8, ""),
                                                                     (10, "dan@exa mple.org")]
    assert imported.bad_rows[0] == BadRow(3, "not-an-address", "An email address must have an @-sign.")
    assert imported.bad_rows[1].reason == "no email address"


def test_parse_csv_needs_an_email_column():
    with pytest.raises(NewsletterError) as caught:
        parse_csv("address,name\na@example.org,A\n", "people.csv")
    assert str(caught.value) == "people.csv: the header row has no 'email' column (found: 'address', 'name')"
    with pytest.raises(NewsletterError) as empty:
        parse_csv("", "people.csv")
    assert str(empty.value) == "people.csv: empty file (expected a header row with 'email')"
    upper = parse_csv("\ufeffName ; ignored,EMAIL\nX,x@example.org\n", "people.csv")
    assert upper.subscribers == (NewSubscriber("x@example.org", ""),)


def test_names_and_addresses_never_carry_a_line_break():
    assert clean_name("Dan\r\nBcc: evil@example.com\t x") == "Dan Bcc: evil@example.com x"
    with pytest.raises(NewsletterError) as caught:
        new_subscriber("ann@example.org\r\nBcc: evil@example.com")
    assert "line break" in str(caught.value)
    assert new_subscriber(" Ann@Example.ORG ", "Ann").email == "Ann@example.org"


def subscribers(project):
    with sqlite3.connect(project / "out.state.db") as connection:
        return connection.execute("SELECT email, name, status, reason FROM subscribers ORDER BY id").fetchall()


def test_import_add_list_remove_from_the_command_line(empty_project):
    project = empty_project
    write(project / "people.csv", CSV)
    result = run_cli("subscribers", "import", "people.csv", cwd=project)
    assert result.returncode == 3
    assert result.stdout == "Imported people.csv: 3 new, 1 already known (merged), 3 rows skipped\n"
    lines = result.stderr.splitlines()
    assert lines[:2] == ["skipped: people.csv:3: 'not-an-address': An email address must have an @-sign.",
                         "skipped: people.csv:8: '': no email address"]
    assert lines[2].startswith("skipped: people.csv:10: 'dan@exa mple.org': ") and len(lines) == 3
    assert subscribers(project) == [("ann@example.org", "Ann E.", "active", ""),
                                    ("bob@example.net", "Bob Bcc: evil@example.com", "active", ""),
                                    ("carla@example.com", "", "active", "")]
    again = run_cli("subscribers", "import", "people.csv", cwd=project)
    assert again.stdout == "Imported people.csv: 0 new, 4 already known (merged), 3 rows skipped\n"
    assert len(subscribers(project)) == 3

    removed = run_cli("subscribers", "remove", "BOB@example.net", cwd=project)
    assert removed.returncode == 0 and removed.stdout == "Unsubscribed bob@example.net\n"
    assert run_cli("subscribers", "remove", "bob@example.net", cwd=project).stdout == \
        "bob@example.net was already unsubscribed\n"
    missing = run_cli("subscribers", "remove", "zed@example.org", cwd=project)
    assert missing.returncode == 1 and missing.stderr == "error: 'zed@example.org': no such subscriber\n"
    run_cli("subscribers", "import", "people.csv", cwd=project)  # an import does not bring Bob back
    assert subscribers(project)[1][2:] == ("unsubscribed", "removed by the operator")

    listed = run_cli("subscribers", "list", "--status", "active", cwd=project, NEWSLETTER_NOW="2024-10-22T06:00:00")
    assert [line.split("\t")[0] for line in listed.stdout.splitlines()] == ["ann@example.org", "carla@example.com"]

    added = run_cli("subscribers", "add", "bob@example.net", "--name", "Bob", cwd=project)
    assert added.stdout == "Subscribed bob@example.net again (was unsubscribed)\n"
    new = run_cli("subscribers", "add", "Eve@Example.org", cwd=project, NEWSLETTER_NOW="2024-10-22T06:00:00")
    assert new.stdout == "Added Eve@example.org\n"
    assert run_cli("subscribers", "list", cwd=project).stdout.splitlines()[-1] == \
        "Eve@example.org\t\tactive\t2024-10-22T06:00:00+00:00"
    bad = run_cli("subscribers", "add", "eve@", cwd=project)
    assert bad.returncode == 1 and bad.stderr == "error: 'eve@': There must be something after the @-sign.\n"


def test_an_import_file_that_is_missing_or_has_no_email_column(empty_project):
    missing = run_cli("subscribers", "import", "nope.csv", cwd=empty_project)
    assert missing.returncode == 1 and missing.stderr == "error: nope.csv: file not found\n"
    write(empty_project / "bad.csv", "mail\nx@example.org\n")
    bad = run_cli("subscribers", "import", "bad.csv", cwd=empty_project)
    assert bad.returncode == 1
    assert bad.stderr == "error: bad.csv: the header row has no 'email' column (found: 'mail')\n"


def test_a_damaged_state_database_is_one_line(empty_project):
    write(empty_project / "out.state.db", "this is not sqlite " * 100)
    result = run_cli("subscribers", "list", cwd=empty_project)
    assert result.returncode == 1
    assert result.stderr == (f"error: {empty_project / 'out.state.db'}: cannot use the state database: "
                             "file is not a database\n")


def test_addresses_are_stored_in_ascii():
    assert new_subscriber("ann@bücher.de").email == "ann@xn--bcher-kva.de"
    with pytest.raises(NewsletterError) as caught:
        new_subscriber("jörg@example.com")
    assert str(caught.value).startswith("'jörg@example.com': Internationalized characters before the @-sign")
