"""Write an issue folder atomically: a crash never leaves a half-written issue."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_issue_folder(folder: Path, files: Mapping[str, bytes]) -> Path:
    """Write all files of an issue into folder at once: a complete new folder replaces the old one."""
    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    backup = parent / f".{folder.name}.old"
    if backup.exists() and not folder.exists():
        backup.rename(folder)  # an earlier run died between the two renames: restore
    shutil.rmtree(backup, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".tmp", dir=parent))
    try:
        for name, data in files.items():
            with open(staging / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(staging, 0o755)
        if folder.exists():
            folder.rename(backup)
        staging.rename(folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if backup.exists() and not folder.exists():
            backup.rename(folder)
        raise
    shutil.rmtree(backup, ignore_errors=True)
    return folder
