"""Regular expressions that name jobs, files or user data: `depends_on_regexes`,
`input_file_regexes`, ..., and an action's `job_name_regexes`.

A pattern matches a name anywhere in it (`re.search`, like the Rust regex crate's `is_match`), so
anchor it (`^preprocess_.*`) to mean a prefix. Each distinct pattern is matched once against all
names, whatever the number of jobs that use it: a barrier's `^stage1_.*` over 100,000 jobs costs
one pass. A job never depends on itself through a pattern that also matches its own name. A
pattern that is invalid or matches nothing is a problem (a typo must not silently drop a
dependency).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from typing import Any

from torc.spec.errors import Problem, Source, SpecError

DEFAULT_MAX_DEPENDENCIES = 10_000_000
MAX_DEPENDENCIES_ENV = "TORC_SPEC_MAX_DEPENDENCIES"

# job field -> (field the names go to, what the names are)
JOB_PATTERNS = {
    "depends_on_regexes": ("depends_on", "jobs"),
    "input_file_regexes": ("input_files", "files"),
    "output_file_regexes": ("output_files", "files"),
    "input_user_data_regexes": ("input_user_data", "user_data"),
    "output_user_data_regexes": ("output_user_data", "user_data"),
}
_NOUNS = {"jobs": "job", "files": "file", "user_data": "user data"}


def max_dependencies_default() -> int:
    try:
        return int(os.environ.get(MAX_DEPENDENCIES_ENV, DEFAULT_MAX_DEPENDENCIES))
    except ValueError:
        return DEFAULT_MAX_DEPENDENCIES


class Matcher:
    """Answers the names a pattern matches, in their order, computing each pattern once."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = names
        self.cache: dict[str, list[str] | str] = {}

    def match(self, pattern: str) -> list[str] | str:
        """The matching names, or the error text of an invalid pattern."""
        found = self.cache.get(pattern)
        if found is None:
            try:
                search = re.compile(pattern).search
            except re.error as exc:
                found = str(exc)
            else:
                found = [name for name in self.names if search(name)]
            self.cache[pattern] = found
        return found


def resolve_jobs(
    jobs: list[dict[str, Any]],
    origin: list[int],
    names: dict[str, Sequence[str]],
    source: Source,
    max_dependencies: int | None = None,
    entries: set[int] | None = None,
) -> tuple[list[Problem], int]:
    """Resolve every job's patterns in place (they are removed from the job); answer the
    problems and the number of job-to-job dependencies that patterns added. `entries`: the
    job entries that have patterns at all (None: look at every job)."""
    limit = max_dependencies if max_dependencies is not None else max_dependencies_default()
    matchers = {section: Matcher(values) for section, values in names.items()}
    problems: list[Problem] = []
    reported: set[tuple[int, str, str]] = set()
    added = 0
    for job, entry in zip(jobs, origin, strict=True):
        if entries is not None and entry not in entries:
            continue
        for field, (target, section) in JOB_PATTERNS.items():
            patterns = job.pop(field, None)
            if not patterns:
                continue
            matcher = matchers[section]
            collected: list[str] = []
            for pattern in patterns:
                found = matcher.match(pattern)
                problem = None
                if isinstance(found, str):
                    problem = (
                        f"job '{job['name']}' has an invalid {field} pattern '{pattern}': {found}"
                    )
                else:
                    if section == "jobs" and job["name"] in found:
                        found = [n for n in found if n != job["name"]]
                    if not found:
                        problem = (
                            f"job '{job['name']}' {field} pattern '{pattern}' did not match any "
                            f"{'other ' if section == 'jobs' else ''}{_NOUNS[section]}"
                        )
                if problem:
                    if (entry, field, pattern) not in reported:
                        reported.add((entry, field, pattern))
                        problems.append(
                            source.problem(problem, ("jobs", entry, field), (entry, "bad patterns"))
                        )
                    continue
                if not collected and len(patterns) == 1:
                    collected = found  # type: ignore[assignment]
                else:
                    collected.extend(found)  # type: ignore[arg-type]
            if not collected:
                continue
            current = job.get(target)
            if current:
                merged = list(dict.fromkeys([*current, *collected]))
            elif len(patterns) > 1:
                merged = list(dict.fromkeys(collected))
            else:
                merged = list(collected)
            if section == "jobs":
                added += len(merged) - len(current or ())
                if added > limit:
                    raise SpecError(
                        source.problem(
                            f"job '{job['name']}': {field} would give the workflow more than "
                            f"{limit:,} dependencies between jobs; make the jobs of one stage "
                            "depend on a barrier job that depends on the previous stage "
                            "(see Multi-Stage Workflows with Barriers), or raise the limit "
                            f"(max_dependencies=, or ${MAX_DEPENDENCIES_ENV})",
                            ("jobs", entry, field),
                        )
                    )
            job[target] = merged
    return problems, added


def resolve_action_jobs(
    actions: list[dict[str, Any]], job_names: Sequence[str], source: Source
) -> list[Problem]:
    """Turn each action's `job_name_regexes` into job names (added to its `jobs`)."""
    matcher = Matcher(job_names)
    problems = []
    for index, action in enumerate(actions):
        patterns = action.pop("job_name_regexes", None)
        if not patterns:
            continue
        where = f"action {index + 1} ({action.get('trigger_type')})"
        collected: list[str] = list(action.get("jobs") or [])
        for pattern in patterns:
            found = matcher.match(pattern)
            if isinstance(found, str):
                problems.append(
                    source.problem(
                        f"{where} has an invalid job_name_regexes pattern '{pattern}': {found}",
                        ("actions", index, "job_name_regexes"),
                    )
                )
            elif not found:
                problems.append(
                    source.problem(
                        f"{where} job_name_regexes pattern '{pattern}' did not match any job",
                        ("actions", index, "job_name_regexes"),
                    )
                )
            else:
                collected.extend(found)
        action["jobs"] = list(dict.fromkeys(collected))
    return problems
