"""Shared fixtures: a throw-away project folder, the repository's sample content, the shared data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture
def shared_data() -> Path:
    """../shared/data (evaluation data, used by path, never copied)."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not beside the repository")
    return SHARED_DATA


def make_project(folder: Path) -> Path:
    """Fill folder with the repository's config, templates and sample content."""
    shutil.copytree(REPO / "templates", folder / "templates")
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copy(REPO / "config.toml", folder / "config.toml")
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with the repository's config, templates and sample content."""
    return make_project(tmp_path)


@pytest.fixture
def empty_project(tmp_path: Path) -> Path:
    """A project folder with templates and an empty content folder."""
    shutil.copytree(REPO / "templates", tmp_path / "templates")
    (tmp_path / "content").mkdir()
    return tmp_path


def write(path: Path, text: str) -> Path:
    """Write UTF-8 text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
