"""htpasswd files: one `user:bcrypt-hash` line per user, as Apache's `htpasswd -B` writes them.

The server reads them to check HTTP Basic credentials and `torc-htpasswd` edits them. Lines are
written with the `$2y$` prefix that Apache's tools write, so a file made here works with Apache
too; `$2a$`, `$2b$` and `$2y$` hashes are read (they name the same algorithm). Comments (`#`) and
blank lines are kept when a file is rewritten. Files are written mode 600, whole, by renaming a
new file over the old one, so a server reading the file never sees half of it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import bcrypt

DEFAULT_COST = 12
MIN_COST, MAX_COST = 4, 31
BCRYPT_PREFIXES = ("$2a$", "$2b$", "$2y$")
MAX_PASSWORD_BYTES = 72
"""bcrypt reads at most 72 bytes of a password; Apache's tools cut longer ones there too."""

HEADER = "# Torc htpasswd file\n# Format: username:bcrypt_hash\n"


class HtpasswdError(Exception):
    """A file that cannot be read or a request that cannot be carried out; says which."""


def _secret(password: str) -> bytes:
    return password.encode("utf-8")[:MAX_PASSWORD_BYTES]


def hash_password(password: str, cost: int = DEFAULT_COST) -> str:
    """A bcrypt hash of `password` in Apache's form (`$2y$`)."""
    if not MIN_COST <= cost <= MAX_COST:
        raise HtpasswdError(f"bcrypt cost must be between {MIN_COST} and {MAX_COST}, not {cost}")
    hashed = bcrypt.hashpw(_secret(password), bcrypt.gensalt(cost, prefix=b"2b")).decode()
    return "$2y$" + hashed.removeprefix("$2b$")


def check_password(password: str, hashed: str) -> bool:
    """Whether `password` matches a `$2a$`/`$2b$`/`$2y$` bcrypt hash (False for other hashes)."""
    if not hashed.startswith(BCRYPT_PREFIXES):
        return False
    try:
        return bcrypt.checkpw(_secret(password), hashed.encode("ascii"))
    except ValueError:  # a malformed hash
        return False


def check_user_name(name: str) -> str:
    """A user name that fits a line of the file and an HTTP Basic header."""
    if not name or name != name.strip() or ":" in name or any(c in name for c in "\r\n\t"):
        raise HtpasswdError(
            f"invalid user name {name!r}: it must be non-empty, without ':' or whitespace at its ends"
        )
    return name


@dataclass
class Htpasswd:
    """The lines of an htpasswd file, in order; `users` maps each user to their hash."""

    path: Path
    lines: list[str] = field(default_factory=list)  # comments and blank lines kept as written
    users: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # lines skipped, with their numbers

    @classmethod
    def read(cls, path: str | os.PathLike[str], *, missing_ok: bool = False) -> Htpasswd:
        file = cls(Path(path))
        try:
            text = file.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            if missing_ok:
                return file
            raise HtpasswdError(f"htpasswd file {file.path} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise HtpasswdError(f"cannot read htpasswd file {file.path}: {exc}") from None
        for number, line in enumerate(text.splitlines(), start=1):
            file.lines.append(line)
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            user, sep, hashed = stripped.partition(":")
            if not sep or not user:
                file.problems.append(f"{file.path}, line {number}: not of the form user:hash")
            elif not hashed.startswith(BCRYPT_PREFIXES):
                file.problems.append(
                    f"{file.path}, line {number}: user '{user}' has no bcrypt hash "
                    "($2y$, $2b$ or $2a$); only bcrypt is accepted"
                )
            else:
                file.users[user] = hashed
        return file

    def set(self, user: str, hashed: str) -> bool:
        """Add the user or replace their hash; True when the user is new."""
        check_user_name(user)
        for index, line in enumerate(self.lines):
            if line.strip().partition(":")[0] == user and not line.lstrip().startswith("#"):
                self.lines[index] = f"{user}:{hashed}"
                self.users[user] = hashed
                return False
        self.lines.append(f"{user}:{hashed}")
        self.users[user] = hashed
        return True

    def remove(self, user: str) -> bool:
        """Remove the user's line; False when there was none."""
        kept = [
            line
            for line in self.lines
            if line.lstrip().startswith("#") or line.strip().partition(":")[0] != user
        ]
        removed = len(kept) != len(self.lines)
        self.lines = kept
        self.users.pop(user, None)
        return removed

    def write(self) -> None:
        """Replace the file atomically, readable by its owner only (mode 600), keeping the
        owner and group of the file it replaces where allowed."""
        text = "\n".join(self.lines) + "\n" if self.lines else HEADER
        directory = self.path.parent
        directory.mkdir(parents=True, exist_ok=True)
        try:
            owner = os.stat(self.path)
        except FileNotFoundError:
            owner = None
        fd, temporary = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=directory)
        try:
            os.fchmod(fd, 0o600)
            if owner is not None:  # `sudo torc-htpasswd add` keeps the file the server's
                with contextlib.suppress(PermissionError):
                    os.fchown(fd, owner.st_uid, owner.st_gid)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
