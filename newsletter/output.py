"""Write issue folders and files atomically: a crash never leaves a half-written issue."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path


def write_issue_folder(folder: Path, files: Mapping[str, bytes]) -> Path:
    """Write all files of an issue into folder at once: a complete new folder replaces the old one."""
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    backup = parent / f".{folder.name}.old"
    if backup.exists() and not folder.exists():
        backup.rename(folder)  # an earlier run died between the two renames: restore
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    try:
        _fill(staging, files)
        return swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if backup.exists() and not folder.exists():
            backup.rename(folder)
        raise


def _fill(folder: Path, files: Mapping[str, bytes]) -> None:
    """Write files into an empty folder, each synced to disk, and make the folder readable."""
    for name, data in files.items():
        with open(folder / name, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    os.chmod(folder, 0o755)
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make renames inside folder durable."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def staged_path(folder: Path) -> Path:
    """Where stage_folder prepares folder: a hidden sibling, .NAME.staged."""
    return folder.parent / f".{folder.name}.staged"


def stage_folder(folder: Path, files: Mapping[str, bytes]) -> Path:
    """Write files into the staging folder of folder (replacing any earlier one); the caller holds the lock."""
    staged = staged_path(folder)
    staged.parent.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(staged, ignore_errors=True)
    staged.mkdir()
    _fill(staged, files)
    return staged


def swap_in(staged: Path, folder: Path) -> Path:
    """Move a staged folder into place; an existing folder is replaced whole."""
    backup = folder.parent / f".{folder.name}.old"
    shutil.rmtree(backup, ignore_errors=True)
    if folder.exists():
        folder.rename(backup)
    staged.rename(folder)
    _fsync_dir(folder.parent)
    shutil.rmtree(backup, ignore_errors=True)
    return folder


def recover_issues(issues: Path, published: Iterable[int]) -> None:
    """After a crash: finish moving published issues into place and drop everything a dead build left behind.

    A staged folder of a published issue is moved into place (the database commit is the publish
    point, so the build died between the commit and the rename); any other staged, temporary or
    backup folder is removed, a backup first being restored if its issue folder is missing.
    """
    if not issues.is_dir():
        return
    published = set(published)
    for entry in sorted(issues.iterdir()):
        name = entry.name
        if not name.startswith(".") or not entry.is_dir():
            continue
        number = name[1:].split(".", 1)[0]
        folder = issues / number
        if name.endswith(".staged") and number.isdigit() and int(number) in published:
            swap_in(entry, folder)
        elif name.endswith(".old") and not folder.exists():
            entry.rename(folder)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def remove_temporaries(folder: Path, names: Iterable[str]) -> None:
    """Remove the temporary files write_file_atomic left in folder for these names when a build died."""
    for name in names:
        for leftover in folder.glob(f".{glob.escape(name)}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def write_file_atomic(path: Path, data: bytes) -> bool:
    """Replace path with data at once (temporary file + rename); False if it already held exactly data."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _fsync_dir(path.parent)
    return True
