"""`${files.input.NAME}`, `${files.output.NAME}`, `${user_data.input.NAME}`,
`${user_data.output.NAME}` in job commands and invocation scripts.

A file variable is replaced by the file's path, and the job gains the file as an input or an
output: that is what creates the implicit dependency of a reader on the writer. A user data
variable makes the same relationship; it stays in the command as written, and the job runner
replaces it with the record's id when it starts the job (the id does not exist before the
workflow is created, and the guide's `torc user-data get ${user_data.input.NAME}` needs it).
"""

from __future__ import annotations

import re
from typing import Any

from torc.spec.errors import Problem, Source, did_you_mean

VARIABLE = re.compile(r"\$\{(files|user_data)\.(input|output)\.([^}]+)\}")
_FIELDS = {
    ("files", "input"): "input_files",
    ("files", "output"): "output_files",
    ("user_data", "input"): "input_user_data",
    ("user_data", "output"): "output_user_data",
}


def substitute(
    jobs: list[dict[str, Any]],
    origin: list[int],
    file_paths: dict[str, str],
    user_data_names: set[str] | dict[str, Any],
    source: Source,
    entries: set[int] | None = None,
) -> list[Problem]:
    """Substitute in place; answer the references to undefined files or user data. `entries`:
    the job entries whose command or invocation script has a `${` (None: every job)."""
    problems: list[Problem] = []
    reported: set[tuple[int, str, str]] = set()
    for job, entry in zip(jobs, origin, strict=True):
        if entries is not None and entry not in entries:
            continue
        for key in ("command", "invocation_script"):
            text = job.get(key)
            if not text or "${" not in text:
                continue
            found: dict[str, list[str]] = {}
            unknown: list[tuple[str, str, str]] = []

            def replace(
                match: re.Match[str],
                found: dict[str, list[str]] = found,
                unknown: list[tuple[str, str, str]] = unknown,
            ) -> str:
                kind, direction, name = match.groups()
                field = _FIELDS[(kind, direction)]
                if kind == "files":
                    path = file_paths.get(name)
                    if path is None:
                        unknown.append((kind, direction, name))
                        return match.group(0)
                    found.setdefault(field, []).append(name)
                    return path
                if name in user_data_names:
                    found.setdefault(field, []).append(name)
                else:
                    unknown.append((kind, direction, name))
                return match.group(0)

            job[key] = VARIABLE.sub(replace, text)
            for field, names in found.items():
                current = job.get(field) or []
                job[field] = list(dict.fromkeys([*current, *names]))
            for kind, direction, name in unknown:
                if (entry, kind, name) in reported:
                    continue
                reported.add((entry, kind, name))
                noun = "file" if kind == "files" else "user data"
                defined = file_paths if kind == "files" else user_data_names
                problems.append(
                    source.problem(
                        f"job '{job['name']}' {key} uses ${{{kind}.{direction}.{name}}}, "
                        f"but no {noun} '{name}' is defined" + did_you_mean(name, defined),
                        ("jobs", entry, key),
                        (entry, f"undefined {noun} variables"),
                    )
                )
    return problems
