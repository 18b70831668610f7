"""Golden tests: content + config -> the expected issue, byte for byte.

After an intended change of output, refresh the expected files with
`UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and review the diff.
"""

import json
import os
import shutil
from pathlib import Path

import pytest

from newsletter.build import build
from newsletter.config import load_config

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "config.toml").exists())
COMPARED = ("email.txt", "digest.json", "email.html")


@pytest.mark.parametrize("case", CASES)
def test_issue_matches_golden(case, tmp_path):
    folder = GOLDEN / case
    result = build(load_config(folder / "config.toml"), out=tmp_path)
    assert result.skipped == ()
    expected = folder / "expected"
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(expected, ignore_errors=True)
        expected.mkdir()
        for name in COMPARED:
            shutil.copy(result.folder / name, expected / name)
    for name in COMPARED:
        assert (result.folder / name).read_text() == (expected / name).read_text(), f"{case}/{name}"
    digest = json.loads((result.folder / "digest.json").read_text())
    assert digest["issue"]["subject"] == result.issue.subject
