"""What goes wrong with a workflow specification, and where in the file it is.

Every problem is reported as `FILE:LINE: what is wrong` when the line is known, `FILE: what is
wrong` when only the file is, and `what is wrong` for a specification given as a dict.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Path = tuple[str | int, ...]
"""Where a value sits in the document: `("jobs", 3, "command")`."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a specification."""

    message: str
    label: str | None = None
    """The file (or `<text>`), when there is one."""
    line: int | None = None
    """1-based line in that file, when known."""
    group: tuple[Any, ...] | None = field(default=None, compare=False)
    """Problems of one group (the same mistake in every job of one entry) are listed up to a few,
    then summarized."""

    def __str__(self) -> str:
        if self.label and self.line:
            return f"{self.label}:{self.line}: {self.message}"
        if self.label:
            return f"{self.label}: {self.message}"
        return self.message


class SpecError(ValueError):
    """A specification that cannot be read, expanded or created.

    `str(error)` is the first problem as `FILE:LINE: what is wrong`; `problems` holds them all
    (a file with three unknown keys reports all three at once).
    """

    def __init__(self, problems: Problem | str | Sequence[Problem]) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems) or [Problem("invalid specification")]
        super().__init__(str(self.problems[0]))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]

    def __str__(self) -> str:
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return f"{first} (and {more} more problem{'s' if more > 1 else ''})" if more else first


class Locator:
    """Finds the line of a value from its path in the document; may compute lazily."""

    def __init__(
        self,
        lines: dict[Path, int] | None = None,
        compute: Callable[[], dict[Path, int]] | None = None,
    ) -> None:
        self._lines = lines
        self._compute = compute

    def line(self, path: Path) -> int | None:
        """The line of `path`, else of its nearest enclosing value that has one."""
        if self._lines is None:
            try:
                self._lines = self._compute() if self._compute else {}
            except Exception:  # locating is best effort: a message without a line is still right
                self._lines = {}
        lines = self._lines
        for end in range(len(path), 0, -1):
            found = lines.get(path[:end])
            if found is not None:
                return found
        return None


@dataclass
class Source:
    """Where a specification came from: a label for messages and a way to find lines."""

    label: str | None = None
    locator: Locator = field(default_factory=Locator)
    format: str = "dict"

    def problem(
        self, message: str, path: Path = (), group: tuple[Any, ...] | None = None
    ) -> Problem:
        return Problem(message, self.label, self.locator.line(path) if path else None, group)

    def error(self, message: str, path: Path = ()) -> SpecError:
        return SpecError(self.problem(message, path))


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """`; did you mean 'command'?` when a candidate is close to `word`, else ''."""
    import difflib

    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in options}
        if word.lower() in lowered:
            close = [lowered[word.lower()]]
    return f"; did you mean '{close[0]}'?" if close else ""
