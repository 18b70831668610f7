import json
import subprocess
import sys

from click.testing import CliRunner

from newsletter.cli import main
from tests.conftest import add_article, cli_env, run_cli, write


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "newsletter", *args], cwd=cwd, capture_output=True, text=True, env=cli_env())


def test_build_writes_a_complete_issue(project):
    result = run("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Built issue 1: 1 story from 2 articles -> {project / 'out' / 'issues' / '0001'}\n"
    folder = project / "out" / "issues" / "0001"
    assert sorted(p.name for p in folder.iterdir()) == ["digest.json", "email.html", "email.txt", "index.html", "message.eml"]
    digest = json.loads((folder / "digest.json").read_text())
    assert digest["issue"]["date"] == "2024-10-22"
    assert digest["issue"]["subject"].startswith("The Briefing #1: ")


def test_build_is_deterministic(project, tmp_path):
    run("build", "--out", str(tmp_path / "one"), cwd=project)
    run("build", "--out", str(tmp_path / "two"), cwd=project)
    for name in ("digest.json", "email.html", "email.txt", "message.eml"):
        one = (tmp_path / "one" / "issues" / "0001" / name).read_bytes()
        assert one == (tmp_path / "two" / "issues" / "0001" / name).read_bytes(), name


def test_skipped_input_is_one_line_and_exit_status_3(project):
    (project / "content" / "bad.txt").write_bytes(b"caf\xe9 au lait and some more words")
    (project / "content" / "empty.md").write_bytes(b"")
    result = run("build", cwd=project)
    assert result.returncode == 3
    assert result.stderr.splitlines() == [
        "skipped: content/bad.txt: not valid UTF-8 (byte 0xe9 at offset 3)",
        "skipped: content/empty.md: empty file",
    ]
    assert (project / "out" / "issues" / "0001" / "email.html").exists()
    assert "Traceback" not in result.stderr


def test_config_errors_are_listed_without_traceback(project):
    write(project / "config.toml", '[newsletter]\nname = 3\n[modules.quotes]\npull_quotes = "x"\n')
    result = run("build", cwd=project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: config.toml: 2 problems",
        "  newsletter.name: expected a string, got 3",
        "  modules.quotes.pull_quotes: expected an integer, got 'x'",
    ]
    assert not (project / "out").exists()


def test_unknown_config_key_warns_but_builds(project):
    write(project / "config.toml", '[newsletter]\nnmae = "Typo"\n')
    result = run("build", cwd=project)
    assert result.returncode == 0
    assert result.stderr == "warning: config.toml: unknown key 'newsletter.nmae' (ignored)\n"


def test_missing_content_folder(empty_project):
    (empty_project / "content").rmdir()
    result = run("build", cwd=empty_project)
    assert result.returncode == 1
    assert result.stderr == f"error: {empty_project / 'content'}: content folder not found (set paths.content)\n"


def test_no_usable_articles(empty_project):
    (empty_project / "content" / "x.txt").write_text("Scroll to Top\n")
    result = run("build", cwd=empty_project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {empty_project / 'content'}: no usable articles (1 skipped)",
    ]


def test_digest_json_shape(repo):
    proc = run("digest", "content/", "--json", cwd=repo)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"stories", "articles"}
    story = data["stories"][0]
    assert {"title", "articles", "key_points", "quotes", "figures"} <= set(story)
    assert set(story["articles"][0]) >= {"id", "title", "source", "date", "url", "path"}
    assert set(story["key_points"][0]) >= {"text", "article_id"}
    assert set(story["quotes"][0]) >= {"text", "speaker", "speaker_role", "article_id"}
    assert set(story["figures"][0]) >= {"value", "text", "article_id"}
    assert [a["path"] for a in data["articles"]] == ["content/kim-putin-alarm.txt", "content/nk-troop-dispatch-experts.txt"]
    assert set(data["articles"][0]) >= {"id", "title", "source", "date", "path", "paragraphs"}
    ids = {a["id"] for a in data["articles"]}
    assert {p["article_id"] for p in story["key_points"]} <= ids
    assert {a["date"] for a in data["articles"]} == {None, "2024-10-22"}


def test_digest_quotes_have_their_speakers(repo):
    proc = run("digest", "content/", "--json", cwd=repo)
    quotes = [q for q in json.loads(proc.stdout)["stories"][0]["quotes"] if q["kind"] == "quote"]

    def speaker_of(opening):
        (match,) = [q for q in quotes if q["text"].startswith(opening)]
        return match["speaker"]

    assert speaker_of("The dispatch of North Korean troops") == "Andrew Yeo"
    assert speaker_of("It means two nuclear-armed") == "Andrew Yeo"
    assert speaker_of("(Ukrainian) President Zelenskyy") == "Andrew Yeo"
    assert speaker_of("As North Korea amplifies") == "Patrick Cronin"
    assert speaker_of("Buying North Korean munitions") == "Patrick Cronin"
    assert speaker_of("The Russians are going to tend") == "Bruce Bennet"
    assert speaker_of("How are they going to feel") == "Bruce Bennet"
    assert speaker_of("Sending troops is about") == "Victor Cha"
    assert speaker_of("This potential deployment") == "Darcie Draudt-Véjares"
    assert speaker_of("a very, very serious issue") == "US officials"
    assert speaker_of("new level of desperation") == "U.S. officials"


def test_digest_reports_missing_file(repo):
    proc = run("digest", "nope.txt", "--json", cwd=repo)
    assert proc.returncode == 3
    assert proc.stderr == "skipped: nope.txt: cannot read: No such file or directory\n"
    assert json.loads(proc.stdout) == {"stories": [], "articles": []}


def test_summarize_command(tmp_path):
    text = ("The council approved a new bridge on Monday. It will cost $42 million. "
            "Work starts next year. The mayor was pleased.")
    lines = [
        {"id": "x", "title": "Bridge", "text": text},
        {"id": "y", "title": "", "text": text, "max_words": 8},
    ]
    path = write(tmp_path / "in.jsonl", "\n".join(json.dumps(x) for x in lines) + "\nnot json\n")
    result = CliRunner().invoke(main, ["summarize", str(path), "--sentences", "2"])
    assert result.exit_code == 3
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["id"] for o in out] == ["x", "y"]
    assert all(len(o["sentences"]) == 2 for o in out)
    assert all(s in text for o in out for s in o["sentences"])
    assert out[0]["sentences"] == sorted(out[0]["sentences"], key=text.index)  # article order
    assert result.stderr == f"skipped: {path}:3: invalid JSON (Expecting value)\n"

    result = CliRunner().invoke(main, ["summarize", str(path), "--words", "20"])
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert sum(len(s.split()) for s in out[0]["sentences"]) <= 20
    assert sum(len(s.split()) for s in out[1]["sentences"]) <= 8  # max_words overrides --words
    assert out[1]["sentences"]


def test_summarize_needs_exactly_one_budget(tmp_path):
    path = write(tmp_path / "in.jsonl", "")
    result = CliRunner().invoke(main, ["summarize", str(path)])
    assert result.exit_code == 2
    assert "give exactly one of --sentences K or --words N" in result.output


def test_nothing_new_is_one_line_and_exit_0(project):
    assert run_cli("build", cwd=project).returncode == 0
    result = run_cli("build", cwd=project)
    assert (result.returncode, result.stdout, result.stderr) == (0, "nothing new since issue 1; no issue built\n", "")


def test_nothing_new_still_reports_skipped_inputs(project):
    run_cli("build", cwd=project)
    (project / "content" / "empty.md").write_bytes(b"")
    result = run_cli("build", cwd=project)
    assert (result.returncode, result.stdout) == (3, "nothing new since issue 1; no issue built\n")
    assert result.stderr == "skipped: content/empty.md: empty file\n"


def test_draft_and_force(project):
    out = project / "out"
    draft = run_cli("build", "--draft", cwd=project)
    assert (draft.returncode, draft.stdout) == (0, f"Built draft of issue 1: 1 story from 2 articles -> {out / 'draft'}\n")
    assert not (out / "issues").exists() and not (project / "out.state.db").exists()
    run_cli("build", cwd=project)
    assert run_cli("build", "--draft", cwd=project).stdout == "nothing new since issue 1; no draft built\n"
    add_article(project, "ferry.md", "Harbour ferry returns", "The harbour ferry is back in service today.")
    assert run_cli("build", "--draft", cwd=project).stdout == (
        f"Built draft of issue 2: 1 story from 1 article -> {out / 'draft'}\n")
    forced = run_cli("build", "--force", cwd=project)
    assert forced.stdout == f"Built issue 2: 1 story from 1 article -> {out / 'issues' / '0002'}\n"
    forced = run_cli("build", "--force", cwd=project)  # nothing new: every current article again
    assert forced.stdout == f"Built issue 3: 2 stories from 3 articles -> {out / 'issues' / '0003'}\n"


def test_now_must_be_a_time(project):
    result = run_cli("build", "--now", "yesterday", cwd=project)
    assert result.returncode == 2
    assert "expected an ISO 8601 time like 2024-10-22T06:00:00+00:00, got 'yesterday'" in result.stderr


def test_help_does_not_import_the_scheduler(project):
    code = ("import sys; from click.testing import CliRunner; from newsletter.cli import main; "
            "r = CliRunner().invoke(main, ['schedule', '--help']); assert r.exit_code == 0; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('apscheduler', 'sqlalchemy')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=project, capture_output=True, text=True,
                            env=cli_env())
    assert (result.returncode, result.stdout) == (0, "[]\n"), result.stderr
