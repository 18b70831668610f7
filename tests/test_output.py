import pytest

from newsletter.output import write_issue_folder


def test_issue_folder_replaces_the_old_one_whole(tmp_path):
    folder = tmp_path / "issues" / "0001"
    write_issue_folder(folder, {"a.txt": b"old", "stale.txt": b"old"})
    write_issue_folder(folder, {"a.txt": b"new"})
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt"]
    assert (folder / "a.txt").read_bytes() == b"new"
    assert sorted(p.name for p in folder.parent.iterdir()) == ["0001"]  # no temporary folders left


def test_a_crash_while_writing_keeps_the_previous_issue(tmp_path, monkeypatch):
    folder = tmp_path / "issues" / "0001"
    write_issue_folder(folder, {"email.html": b"previous"})

    class Crash(Exception):
        pass

    real_open = open

    def failing_open(path, mode="r", *args, **kwargs):
        if str(path).endswith("digest.json"):
            raise Crash("disk full")
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    with pytest.raises(Crash):
        write_issue_folder(folder, {"email.html": b"half", "digest.json": b"{}"})
    monkeypatch.undo()
    assert (folder / "email.html").read_bytes() == b"previous"
    assert sorted(p.name for p in folder.parent.iterdir()) == ["0001"]


def test_interrupted_swap_is_restored_on_next_run(tmp_path):
    parent = tmp_path / "issues"
    parent.mkdir()
    (parent / ".0001.old").mkdir()  # an earlier run died after moving the old issue aside
    (parent / ".0001.old" / "email.html").write_bytes(b"previous")
    write_issue_folder(parent / "0002", {"email.html": b"next"})
    assert (parent / "0002" / "email.html").read_bytes() == b"next"
    write_issue_folder(parent / "0001", {"email.html": b"rebuilt"})
    assert (parent / "0001" / "email.html").read_bytes() == b"rebuilt"
    assert not (parent / ".0001.old").exists()


def test_recovery_finishes_a_published_issue_and_drops_the_rest(tmp_path):
    from newsletter.output import recover_issues, remove_temporaries, stage_folder, write_file_atomic

    issues = tmp_path / "issues"
    stage_folder(issues / "0002", {"email.html": b"published"})  # died after the commit
    stage_folder(issues / "0003", {"email.html": b"not published"})  # died before it
    (issues / ".0001.abc.tmp").mkdir()  # an interrupted write_issue_folder
    recover_issues(issues, [1, 2])
    assert sorted(p.name for p in issues.iterdir()) == ["0002"]
    assert (issues / "0002" / "email.html").read_bytes() == b"published"

    write_file_atomic(tmp_path / "feed.xml", b"<feed/>")
    (tmp_path / ".feed.xml.x1y2.tmp").write_bytes(b"half")
    remove_temporaries(tmp_path, ["index.html", "feed.xml"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["feed.xml", "issues"]
