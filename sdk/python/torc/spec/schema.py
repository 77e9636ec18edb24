"""The fields a workflow specification may have, and the check of a document against them.

Every section (the workflow, a job, a file, ...) lists its fields with their kind; a key that is
not a field (nor one of its documented aliases) is reported with the closest field name, so a typo
never passes silently. `normalize` returns the document with canonical keys and checked values;
`null` stands for "not given".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from torc.spec.errors import Path, Problem, Source, did_you_mean

# ---- value formats -------------------------------------------------------------------------

_MEMORY = re.compile(r"^\s*\d+(?:\.\d+)?\s*[kmgt]?b?\s*$", re.IGNORECASE)
_DURATION = re.compile(
    r"^P(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$"
)
# Slurm's time formats: M, M:S, H:M:S, D-H, D-H:M, D-H:M:S
_WALLTIME = re.compile(r"^(?:\d+-\d+(?::\d+){0,2}|\d+(?::\d+){0,2})$")

TRIGGER_TYPES = (
    "on_workflow_start",
    "on_workflow_complete",
    "on_jobs_ready",
    "on_jobs_complete",
    "on_worker_start",
    "on_worker_complete",
)
JOB_TRIGGERS = ("on_jobs_ready", "on_jobs_complete")
WORKER_TRIGGERS = ("on_worker_start", "on_worker_complete")
ACTION_TYPES = ("run_commands", "schedule_nodes")
SORT_METHODS = ("gpus_runtime_memory", "gpus_memory_runtime", "none")


def check_memory(value: str) -> str | None:
    if _MEMORY.match(value):
        return None
    return f"'{value}' is not a memory size: use a number with a unit k, m, g or t (e.g. 512m, 16g)"


def check_duration(value: str) -> str | None:
    text = value.strip()
    if _DURATION.match(text) and text not in ("P", "PT") and not text.endswith("T"):
        return None
    return f"'{value}' is not an ISO 8601 duration (e.g. PT30M, PT2H, P1DT12H)"


def check_walltime(value: str) -> str | None:
    if _WALLTIME.match(value.strip()):
        return None
    return f"'{value}' is not a Slurm time: use HH:MM:SS or D-HH:MM:SS (e.g. 04:00:00)"


# ---- the schema ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    kind: str
    """str, int, num, bool, strs, params, map, json, object, objects, requirements, jsonish"""
    required: bool = False
    choices: tuple[str, ...] = ()
    check: Callable[[str], str | None] | None = None
    section: Section | None = None
    positive: bool = False
    """int: must be >= 1 (else >= 0)."""


@dataclass(frozen=True)
class Section:
    name: str
    """How one entry is called in messages: `job`, `file`, ..."""
    fields: dict[str, Field]
    aliases: dict[str, str] = field(default_factory=dict)
    named: bool = True
    """The entry has a `name` (KDL: the node's first argument)."""
    lenient: bool = False
    """Unknown keys are warned about and ignored instead of refused (where Torc ignores them)."""
    open: bool = False
    """Unknown keys are kept with a warning instead of refused (settings a newer torc may
    read)."""

    def canonical(self, key: str) -> str | None:
        if key in self.fields:
            return key
        return self.aliases.get(key)


_PARAM_FIELDS = {
    "parameters": Field("params"),
    "parameter_mode": Field("str", choices=("product", "zip")),
    "use_parameters": Field("strs"),
}

RESOURCE_REQUIREMENTS = Section(
    "resource requirements",
    {
        "name": Field("str", required=True),
        "num_cpus": Field("int", positive=True),
        "num_gpus": Field("int"),
        "num_nodes": Field("int", positive=True),
        "memory": Field("str", check=check_memory),
        "runtime": Field("str", check=check_duration),
    },
)
INLINE_REQUIREMENTS = Section(
    "resource requirements",
    {k: v for k, v in RESOURCE_REQUIREMENTS.fields.items() if k != "name"},
    named=False,
)

JOB = Section(
    "job",
    {
        "name": Field("str", required=True),
        "command": Field("str", required=True),
        "invocation_script": Field("str"),
        "cancel_on_blocking_job_failure": Field("bool"),
        "supports_termination": Field("bool"),
        "resource_requirements": Field("requirements", section=INLINE_REQUIREMENTS),
        "scheduler": Field("str"),
        "failure_handler": Field("str"),
        "depends_on": Field("strs"),
        "depends_on_regexes": Field("strs"),
        "input_files": Field("strs"),
        "input_file_regexes": Field("strs"),
        "output_files": Field("strs"),
        "output_file_regexes": Field("strs"),
        "input_user_data": Field("strs"),
        "input_user_data_regexes": Field("strs"),
        "output_user_data": Field("strs"),
        "output_user_data_regexes": Field("strs"),
        **_PARAM_FIELDS,
    },
    aliases={
        # the guide's KDL spelling, and the one-per-node spellings of KDL lists
        "depends_on_job": "depends_on",
        "depends_on_regex": "depends_on_regexes",
        "input_file": "input_files",
        "output_file": "output_files",
        "input_file_regex": "input_file_regexes",
        "output_file_regex": "output_file_regexes",
        "input_user_data_regex": "input_user_data_regexes",
        "output_user_data_regex": "output_user_data_regexes",
        "slurm_scheduler": "scheduler",
        "use_parameter": "use_parameters",
    },
)

FILE = Section(
    "file",
    {
        "name": Field("str", required=True),
        "path": Field("str", required=True),
        "st_mtime": Field("num"),
        **_PARAM_FIELDS,
    },
    aliases={"use_parameter": "use_parameters"},
)

USER_DATA = Section(
    "user data",
    {
        "name": Field("str", required=True),
        "data": Field("json"),
        "is_ephemeral": Field("bool"),
        **_PARAM_FIELDS,
    },
    aliases={"use_parameter": "use_parameters"},
)

SLURM_SCHEDULER = Section(
    "Slurm scheduler",
    {
        "name": Field("str", required=True),
        "account": Field("str", required=True),
        "gres": Field("str"),
        "mem": Field("str"),
        "nodes": Field("int", positive=True),
        "ntasks_per_node": Field("int", positive=True),
        "partition": Field("str"),
        "qos": Field("str"),
        "tmp": Field("str"),
        "walltime": Field("str", check=check_walltime),
        "extra": Field("str"),
    },
    aliases={"num_nodes": "nodes"},
)

LOCAL_SCHEDULER = Section(
    "local scheduler",
    {"name": Field("str"), "memory": Field("str", check=check_memory), "num_cpus": Field("int")},
)

FAILURE_RULE = Section(
    "rule",
    {
        "exit_codes": Field("ints"),
        "match_all_exit_codes": Field("bool"),
        "max_retries": Field("int"),
        "recovery_script": Field("str"),
    },
    aliases={"exit_code": "exit_codes"},
    named=False,
)

FAILURE_HANDLER = Section(
    "failure handler",
    {
        "name": Field("str", required=True),
        "rules": Field("objects", required=True, section=FAILURE_RULE),
    },
    aliases={"rule": "rules"},
)

ACTION = Section(
    "action",
    {
        "trigger_type": Field("str", required=True, choices=TRIGGER_TYPES),
        "action_type": Field("str", required=True, choices=ACTION_TYPES),
        "jobs": Field("strs"),
        "job_name_regexes": Field("strs"),
        "commands": Field("strs"),
        "scheduler": Field("str"),
        "scheduler_type": Field("str", choices=("slurm",)),
        "num_allocations": Field("int", positive=True),
        "start_one_worker_per_node": Field("bool"),
        "max_parallel_jobs": Field("int", positive=True),
        "persistent": Field("bool"),
    },
    aliases={
        "job": "jobs",
        "job_name_regex": "job_name_regexes",
        "command": "commands",
    },
    named=False,
)

RESOURCE_MONITOR = Section(
    "resource_monitor",
    {
        "enabled": Field("bool"),
        "granularity": Field("str", choices=("summary", "time_series")),
        "sample_interval_seconds": Field("int", positive=True),
        "generate_plots": Field("bool"),
    },
    named=False,
    lenient=True,  # Torc ignores other keys here (its Slurm example has `metrics`)
)

EXECUTION_CONFIG = Section(
    "execution_config",
    {"staggered_start": Field("bool")},
    named=False,
    open=True,
)

WORKFLOW = Section(
    "workflow",
    {
        "name": Field("str"),  # default: the file's name without its extension
        "user": Field("str"),
        "description": Field("str"),
        "project": Field("str"),
        "metadata": Field("jsonish"),
        "parameters": Field("params"),
        "compute_node_expiration_buffer_seconds": Field("int"),
        "compute_node_wait_for_new_jobs_seconds": Field("int"),
        "compute_node_ignore_workflow_completion": Field("bool"),
        "compute_node_wait_for_healthy_database_minutes": Field("int"),
        "compute_node_min_time_for_new_jobs_seconds": Field("int"),
        "jobs_sort_method": Field("str", choices=SORT_METHODS),
        "use_pending_failed": Field("bool"),
        "resource_monitor": Field("object", section=RESOURCE_MONITOR),
        "execution_config": Field("object", section=EXECUTION_CONFIG),
        "slurm_defaults": Field("map"),
        "jobs": Field("objects", section=JOB),
        "files": Field("objects", section=FILE),
        "user_data": Field("objects", section=USER_DATA),
        "resource_requirements": Field("objects", section=RESOURCE_REQUIREMENTS),
        "slurm_schedulers": Field("objects", section=SLURM_SCHEDULER),
        "local_schedulers": Field("objects", section=LOCAL_SCHEDULER),
        "failure_handlers": Field("objects", section=FAILURE_HANDLER),
        "actions": Field("objects", section=ACTION),
    },
    aliases={
        "job_sort_method": "jobs_sort_method",  # the guide spells it both ways
        # KDL writes one node per entry: `job "a" {...}`, `file "f" path="..."`
        "job": "jobs",
        "file": "files",
        "slurm_scheduler": "slurm_schedulers",
        "local_scheduler": "local_schedulers",
        "failure_handler": "failure_handlers",
        "action": "actions",
    },
)

# ---- checking a document -------------------------------------------------------------------


def _kind_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Checker:
    """Checks a document against the schema; collects every problem."""

    def __init__(self, source: Source) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def problem(self, message: str, path: Path) -> None:
        self.problems.append(self.source.problem(message, path))

    def entry(self, section: Section, data: Any, path: Path, where: str) -> dict[str, Any] | None:
        if not isinstance(data, Mapping):
            self.problem(f"{where} must be a mapping, not {_kind_name(data)}", path)
            return None
        name = data.get("name")
        if section.named and isinstance(name, str | int) and not isinstance(name, bool):
            where = f"{section.name} '{name}'"
        out: dict[str, Any] = {}
        suggested: set[str] = set()
        for key, value in data.items():
            canonical = section.canonical(str(key))
            if canonical is None and section.lenient:
                hint = did_you_mean(str(key), [*section.fields, *section.aliases])
                message = f"{where}: unknown key '{key}' is ignored{hint}"
                self.warnings.append(self.source.problem(message, (*path, key)))
                continue
            if canonical is None and section.open:
                hint = did_you_mean(str(key), list(section.fields))
                self.warnings.append(
                    self.source.problem(
                        f"{where}: unknown key '{key}'{hint} (kept, but this torc ignores it)",
                        (*path, key),
                    )
                )
                out[str(key)] = value
                continue
            if canonical is None:
                hint = did_you_mean(str(key), [*section.fields, *section.aliases])
                if hint:
                    suggested.add(section.canonical(hint.split("'")[1]) or "")
                self.problem(f"{where}: unknown key '{key}'{hint}", (*path, key))
                continue
            if value is None:
                continue
            spec = section.fields[canonical]
            checked = self.value(spec, value, (*path, key), f"{where}: '{canonical}'")
            if checked is None:
                continue
            if canonical in out and spec.kind in ("strs", "objects", "ints"):
                out[canonical] = [*out[canonical], *checked]  # `input_file` given twice in KDL
            else:
                out[canonical] = checked
        for key, spec in section.fields.items():
            if key in suggested:
                continue  # `comand` was reported with "did you mean 'command'?"
            if spec.required and key not in out and not self._reported(path, key, data, section):
                self.problem(f"{where}: missing required key '{key}'", path)
        return out

    def _reported(self, path: Path, key: str, data: Mapping[str, Any], section: Section) -> bool:
        """A required key present but refused already has its own message."""
        return any(section.canonical(str(k)) == key and data[k] is not None for k in data)

    def value(self, spec: Field, value: Any, path: Path, what: str) -> Any:
        kind = spec.kind
        if kind == "str":
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                self.problem(f"{what} must be a string, not {_kind_name(value)}", path)
                return None
            text = value if isinstance(value, str) else _number_text(value)
            if spec.choices and text not in spec.choices:
                self.problem(
                    f"{what} is '{text}', which is not one of {', '.join(spec.choices)}"
                    + did_you_mean(text, spec.choices),
                    path,
                )
                return None
            if spec.check:
                message = spec.check(text)
                if message:
                    self.problem(f"{what}: {message}", path)
                    return None
            return text
        if kind == "int":
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                self.problem(f"{what} must be an integer, not {_kind_name(value)}", path)
                return None
            low = 1 if spec.positive else 0
            if value < low:
                self.problem(f"{what} must be {'positive' if low else 'zero or more'}", path)
                return None
            return value
        if kind == "num":
            if isinstance(value, bool) or not isinstance(value, int | float):
                self.problem(f"{what} must be a number, not {_kind_name(value)}", path)
                return None
            return value
        if kind == "bool":
            if not isinstance(value, bool):
                self.problem(f"{what} must be true or false, not {_kind_name(value)}", path)
                return None
            return value
        if kind in ("strs", "ints"):
            items = value if isinstance(value, list) else [value]
            out = []
            for index, item in enumerate(items):
                if kind == "ints":
                    if isinstance(item, bool) or not isinstance(item, int):
                        self.problem(f"{what} must be a list of integers", (*path, index))
                        return None
                    out.append(item)
                elif isinstance(item, bool) or not isinstance(item, str | int | float):
                    self.problem(
                        f"{what} must be a list of strings; item {index + 1} is {_kind_name(item)}",
                        (*path, index),
                    )
                    return None
                else:
                    out.append(item if isinstance(item, str) else _number_text(item))
            return out
        if kind == "params":
            if not isinstance(value, Mapping):
                self.problem(f"{what} must be a mapping of parameter names to values", path)
                return None
            params: dict[str, Any] = {}
            for name, item in value.items():
                if not re.fullmatch(r"[A-Za-z_]\w*", str(name)):
                    self.problem(
                        f"{what}: parameter name '{name}' must be an identifier "
                        "(letters, digits, underscores)",
                        (*path, name),
                    )
                    continue
                ok = isinstance(item, str | int | float) and not isinstance(item, bool)
                if isinstance(item, list):
                    ok = all(
                        isinstance(x, str | int | float) and not isinstance(x, bool) for x in item
                    )
                if not ok:
                    self.problem(
                        f"{what}: parameter '{name}' must be a string such as \"1:10\" or "
                        "\"['a','b']\", a number, or a list",
                        (*path, name),
                    )
                    continue
                params[str(name)] = item
            return params
        if kind == "map":
            if not isinstance(value, Mapping):
                self.problem(f"{what} must be a mapping, not {_kind_name(value)}", path)
                return None
            return dict(value)
        if kind in ("json", "jsonish"):
            return value
        if kind == "object":
            assert spec.section is not None
            return self.entry(spec.section, value, path, what.rsplit(": ", 1)[-1].strip("'"))
        if kind == "requirements":
            assert spec.section is not None
            if isinstance(value, str | int) and not isinstance(value, bool):
                return str(value)
            return self.entry(spec.section, value, path, f"{what} (inline)")
        if kind == "objects":
            assert spec.section is not None
            if not isinstance(value, list):
                self.problem(f"{what} must be a list, not {_kind_name(value)}", path)
                return None
            out_list = []
            parent = what.rsplit(": ", 1)[0] if len(path) > 1 else ""
            for index, item in enumerate(value):
                where = f"{spec.section.name} {index + 1}"
                if parent:
                    where = f"{parent}, {where}"
                checked = self.entry(spec.section, item, (*path, index), where)
                if checked is not None:
                    out_list.append(checked)
            return out_list
        raise AssertionError(kind)


def _number_text(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def normalize(
    document: Any, source: Source, warnings: list[Problem] | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The document with canonical keys and checked values, and every problem found (and, into
    `warnings` when given, what is kept but worth a word)."""
    checker = Checker(source)
    if warnings is not None:
        checker.warnings = warnings
    if not isinstance(document, Mapping):
        checker.problem(
            f"a workflow specification must be a mapping at the top, not {_kind_name(document)}",
            (),
        )
        return {}, checker.problems
    result = checker.entry(WORKFLOW, document, (), "the workflow")
    return result or {}, checker.problems
