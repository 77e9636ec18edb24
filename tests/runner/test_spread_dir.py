"""The jobs' stdio directory is made with its parent marked top of a hierarchy meanwhile, and
the parent is left as it was (`torc_runner.spread_dir`)."""

from __future__ import annotations

import array
import fcntl
import os
from pathlib import Path

from torc_runner import spread_dir


def _flags(path: Path) -> int | None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        flags = array.array("i", [0])
        fcntl.ioctl(fd, spread_dir._GETFLAGS, flags)
        return flags[0]
    except OSError:
        return None  # a file system without the flags
    finally:
        os.close(fd)


def test_the_directory_is_made_and_its_parent_left_as_it_was(tmp_path: Path) -> None:
    parent = tmp_path / "torc_output"
    parent.mkdir()
    before = _flags(parent)
    spread_dir.make(parent / "job_stdio")
    assert (parent / "job_stdio").is_dir()
    assert _flags(parent) == before
    spread_dir.make(parent / "job_stdio")  # there already: nothing changes
    assert (parent / "job_stdio").is_dir()


def test_missing_parents_are_made(tmp_path: Path) -> None:
    spread_dir.make(tmp_path / "a" / "b" / "job_stdio")
    assert (tmp_path / "a" / "b" / "job_stdio").is_dir()


def test_the_mark_is_there_while_the_directory_is_made(tmp_path: Path) -> None:
    if _flags(tmp_path) is None:
        return  # nothing to mark on this file system
    seen: list[int | None] = []
    with spread_dir._top_of_hierarchy(tmp_path):
        seen.append(_flags(tmp_path))
    after = _flags(tmp_path)
    assert seen[0] is not None and seen[0] & spread_dir._TOPDIR
    assert after is not None and not after & spread_dir._TOPDIR
