"""The jobs' stdout and stderr directory is placed away from recently deleted files.

On ext4 a new file's inode comes from its directory's block group, and the allocator steps over
every inode of the group freed in the last minute or more (`recently_deleted`), one lookup each:
right after thousands of files were deleted nearby (the previous run's `torc_output` removed
before running again, say) each creation costs ten to thirty times more, and a run of short jobs
creates two per job. A new directory normally goes to its parent's group; under a parent marked
"top of a directory hierarchy" (FS_TOPDIR_FL, `chattr +T`) the allocator spreads it to a group
with room instead. So the parent is marked for the moment the directory is made and then put back
as it was; where the flag does not exist (other file systems) or may not be set, the directory is
made as usual.
"""

from __future__ import annotations

import array
import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

_GETFLAGS = 0x80086601  # FS_IOC_GETFLAGS
_SETFLAGS = 0x40086602  # FS_IOC_SETFLAGS
_TOPDIR = 0x00020000  # FS_TOPDIR_FL


def make(directory: Path) -> None:
    """Make `directory` (and its missing parents) if it does not exist, spread as above."""
    if directory.is_dir():
        return
    parent = directory.parent
    parent.mkdir(parents=True, exist_ok=True)
    with _top_of_hierarchy(parent):
        directory.mkdir(exist_ok=True)


@contextlib.contextmanager
def _top_of_hierarchy(directory: Path) -> Iterator[None]:
    """`directory` marked FS_TOPDIR_FL meanwhile (when it can be), then as it was."""
    try:
        fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        yield
        return
    try:
        flags = array.array("i", [0])
        try:
            fcntl.ioctl(fd, _GETFLAGS, flags)
            if flags[0] & _TOPDIR:
                marked = False
            else:
                fcntl.ioctl(fd, _SETFLAGS, array.array("i", [flags[0] | _TOPDIR]))
                marked = True
        except OSError:  # not supported here, or not ours
            marked = False
        try:
            yield
        finally:
            if marked:
                with contextlib.suppress(OSError):
                    fcntl.ioctl(fd, _SETFLAGS, flags)
    finally:
        os.close(fd)
