"""`validate`: every check of `torc workflows create --dry-run`, as a `Report`.

Errors: references to undefined jobs, files, user data, resource requirements, schedulers and
failure handlers (with where they are used); invalid or unmatched patterns; duplicate names;
dependency cycles (every job in each cycle); actions without the jobs or scheduler they need; a
multi-node Slurm scheduler that no job using it fills (a *check*, which `--skip-checks` turns into
a warning). Warnings: heterogeneous Slurm schedulers without `jobs_sort_method`, and what
expansion noticed (a name that keeps a placeholder, ...).
"""

from __future__ import annotations

import json
import textwrap
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from torc.spec import schema
from torc.spec.errors import Problem, SpecError, did_you_mean
from torc.spec.graph import Graph
from torc.spec.model import Spec

MAX_SIMILAR = 3
"""References that fail the same way in one entry: how many are listed before a summary."""
_SUGGEST_LIMIT = 5_000
"""Above this many candidate names, a 'did you mean' is not worth its cost."""

READY = "Ready for scheduler submission (has on_workflow_start schedule_nodes action)"
NOT_READY = (
    "Not ready for scheduler submission (no on_workflow_start schedule_nodes action); "
    "run it locally with 'torc run'"
)


@dataclass
class Report:
    """What `--dry-run` reports: would the workflow be created, and what would it contain."""

    valid: bool
    name: str | None
    description: str | None
    components: dict[str, int]
    submission: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON report of `torc -f json workflows create --dry-run`."""
        return {
            "valid": self.valid,
            "workflow": {"name": self.name, "description": self.description},
            "components": dict(self.components),
            "submission": self.submission,
            "errors": list(self.errors),
            "warnings": list(self.warnings),
        }

    def render(self) -> str:
        """The report for people, laid out as in the guide."""
        c = self.components
        lines = [
            "Workflow Validation Results",
            "===========================",
            "",
            f"Workflow: {self.name if self.name is not None else '(unknown)'}",
        ]
        if self.description:
            lines.append(f"Description: {self.description}")
        lines += ["", "Components to be created:"]
        jobs = f"  Jobs: {c['jobs']}"
        if c["jobs"] != c["job_specs"]:
            jobs += f" (expanded from {c['job_specs']} parameterized job specs)"
        lines.append(jobs)
        lines.append(f"  Files: {c['files']}")
        lines.append(f"  User data records: {c['user_data']}")
        lines.append(f"  Resource requirements: {c['resource_requirements']}")
        lines.append(f"  Slurm schedulers: {c['slurm_schedulers']}")
        if c.get("local_schedulers"):
            lines.append(f"  Local schedulers: {c['local_schedulers']}")
        if c.get("failure_handlers"):
            lines.append(f"  Failure handlers: {c['failure_handlers']}")
        lines.append(f"  Workflow actions: {c['actions']}")
        lines += ["", f"Submission: {self.submission}", ""]
        for title, items in (("Errors", self.errors), ("Warnings", self.warnings)):
            if items:
                lines.append(f"{title} ({len(items)}):")
                for item in items:
                    lines.append(
                        textwrap.fill(
                            item,
                            width=82,
                            initial_indent="  - ",
                            subsequent_indent="    ",
                            break_long_words=False,
                            break_on_hyphens=False,
                        )
                    )
                lines.append("")
        lines.append(f"Validation: {'PASSED' if self.valid else 'FAILED'}")
        return "\n".join(lines)


EMPTY_COMPONENTS = {
    "jobs": 0,
    "job_specs": 0,
    "files": 0,
    "user_data": 0,
    "resource_requirements": 0,
    "slurm_schedulers": 0,
    "local_schedulers": 0,
    "failure_handlers": 0,
    "actions": 0,
    "dependencies": 0,
}


def failed_report(error: SpecError, name: str | None = None) -> Report:
    """The report of a specification that could not even be read or expanded."""
    return Report(
        valid=False,
        name=name,
        description=None,
        components=dict(EMPTY_COMPONENTS),
        submission=NOT_READY,
        errors=error.messages,
    )


def has_schedule_nodes_start(spec: Spec) -> bool:
    return any(
        a["trigger_type"] == "on_workflow_start" and a["action_type"] == "schedule_nodes"
        for a in spec.actions
    )


class _Collector:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.errors: list[Problem] = []
        self.checks: list[Problem] = []
        self.warnings: list[Problem] = []
        self.similar: Counter[tuple[Any, ...]] = Counter()

    def error(
        self, message: str, path: tuple[Any, ...], group: tuple[Any, ...] | None = None
    ) -> None:
        self.add(self.spec.source.problem(message, path, group))

    def add(self, problem: Problem) -> None:
        if problem.group is not None:
            self.similar[problem.group] += 1
            if self.similar[problem.group] > MAX_SIMILAR:
                return
        self.errors.append(problem)

    def summarize(self) -> None:
        for group, count in self.similar.items():
            if count > MAX_SIMILAR:
                entry, what = group[0], group[1]
                self.errors.append(
                    self.spec.source.problem(
                        f"... and {count - MAX_SIMILAR:,} more {what} of job entry "
                        f"'{self._entry_name(entry)}' like the ones above",
                        ("jobs", entry),
                    )
                )

    def _entry_name(self, entry: int) -> str:
        for job, origin in zip(self.spec.jobs, self.spec.job_origin, strict=True):
            if origin == entry:
                return str(job["name"])
        return "?"


def _suggest(name: str, candidates: Iterable[str], size: int) -> str:
    return did_you_mean(name, candidates) if size <= _SUGGEST_LIMIT else ""


def validate(spec: Spec, *, skip_checks: bool = False) -> Report:
    """Check an expanded specification; the report says whether it would be created."""
    out = _Collector(spec)
    for problem in spec.problems:
        out.add(problem)
    out.warnings.extend(spec.warnings)
    if not spec.jobs:
        out.warnings.append(spec.source.problem("the workflow has no jobs"))

    job_names = _duplicates(out, "job", [j["name"] for j in spec.jobs], "jobs", spec.job_origin)
    file_names = _duplicates(
        out, "file", [f["name"] for f in spec.files], "files", spec.file_origin
    )
    user_data_names = _duplicates(
        out, "user data", [u["name"] for u in spec.user_data], "user_data", spec.user_data_origin
    )
    requirement_names = _duplicates(
        out,
        "resource requirements",
        [r["name"] for r in spec.resource_requirements],
        "resource_requirements",
    )
    requirement_names.add("default")
    scheduler_names = _duplicates(
        out, "Slurm scheduler", [s["name"] for s in spec.slurm_schedulers], "slurm_schedulers"
    )
    _duplicates(
        out,
        "local scheduler",
        [s.get("name", "default") for s in spec.local_schedulers],
        "local_schedulers",
    )
    handler_names = _duplicates(
        out, "failure handler", [h["name"] for h in spec.failure_handlers], "failure_handlers"
    )

    _references(
        out,
        spec,
        job_names,
        file_names,
        user_data_names,
        requirement_names,
        scheduler_names,
        handler_names,
    )
    _cycles(out, spec)
    _actions(out, spec, job_names, scheduler_names)
    _rules(out, spec)
    _scheduler_nodes(out, spec)
    _heterogeneous_schedulers(out, spec)
    out.summarize()

    errors = [str(p) for p in out.errors]
    checks = [str(p) for p in out.checks]
    warnings = [str(p) for p in out.warnings]
    if skip_checks:
        warnings = [*warnings, *(f"{c} (skipped with --skip-checks)" for c in checks)]
    else:
        errors = [*errors, *checks]
    return Report(
        valid=not errors,
        name=spec.name,
        description=spec.description,
        components={
            "jobs": len(spec.jobs),
            "job_specs": spec.job_specs,
            "files": len(spec.files),
            "user_data": len(spec.user_data),
            "resource_requirements": len(spec.resource_requirements),
            "slurm_schedulers": len(spec.slurm_schedulers),
            "local_schedulers": len(spec.local_schedulers),
            "failure_handlers": len(spec.failure_handlers),
            "actions": len(spec.actions),
            "dependencies": spec.dependencies,
        },
        submission=READY if has_schedule_nodes_start(spec) else NOT_READY,
        errors=errors,
        warnings=warnings,
    )


def _duplicates(
    out: _Collector,
    noun: str,
    names: Sequence[str],
    section: str,
    origin: Sequence[int] | None = None,
) -> set[str]:
    unique = set(names)
    if len(unique) == len(names):
        return unique
    first: dict[str, int] = {}
    second: dict[str, int] = {}
    counts: Counter[str] = Counter()
    for index, name in enumerate(names):
        counts[name] += 1
        if name not in first:
            first[name] = index
        elif name not in second:
            second[name] = index
    for name, later in second.items():
        entry = origin[later] if origin is not None else later
        out.error(
            f"Duplicate {noun} name: '{name}' is used {counts[name]} times",
            (section, entry),
            (entry, f"duplicate {noun} names") if section == "jobs" else None,
        )
    return unique


_JOB_REFERENCES = (
    ("depends_on", "job", "jobs"),
    ("input_files", "file", "files"),
    ("output_files", "file", "files"),
    ("input_user_data", "user data", "user_data"),
    ("output_user_data", "user data", "user_data"),
)


def _references(
    out: _Collector,
    spec: Spec,
    job_names: set[str],
    file_names: set[str],
    user_data_names: set[str],
    requirement_names: set[str],
    scheduler_names: set[str],
    handler_names: set[str],
) -> None:
    sets = {"jobs": job_names, "files": file_names, "user_data": user_data_names}
    jobs, origin = spec.jobs, spec.job_origin
    keys = frozenset(key for key, _, _ in _JOB_REFERENCES)
    referring = [i for i, job in enumerate(jobs) if not keys.isdisjoint(job)]  # one pass, not 5
    for key, noun, section in _JOB_REFERENCES:
        known = sets[section]
        missing = [
            (i, ref)
            for i in referring
            if key in jobs[i]
            for ref in jobs[i][key]
            if ref not in known
        ]
        verb = "depends_on" if key == "depends_on" else f"{key} references"
        for i, ref in missing:
            out.error(
                f"Job '{jobs[i]['name']}' {verb} {noun} '{ref}', which is not defined"
                + _suggest(ref, known, len(known)),
                ("jobs", origin[i], key),
                (origin[i], f"undefined {key} references"),
            )
    for key, noun, known in (
        ("resource_requirements", "resource_requirements", requirement_names),
        ("scheduler", "Slurm scheduler", scheduler_names),
        ("failure_handler", "failure handler", handler_names),
    ):
        missing_one = [i for i, job in enumerate(jobs) if key in job and job[key] not in known]
        for i in missing_one:
            ref = jobs[i][key]
            out.error(
                f"Job '{jobs[i]['name']}' references {noun} '{ref}', which is not defined"
                + _suggest(ref, known, len(known)),
                ("jobs", origin[i], key),
                (origin[i], f"undefined {key} references"),
            )


def _cycles(out: _Collector, spec: Spec) -> None:
    graph = Graph.from_jobs(spec.jobs)
    for component in graph.cycles():
        names = [graph.names[i] for i in component]
        path = [graph.names[i] for i in graph.cycle_path(component)]
        out.error(
            "Circular dependency detected involving jobs: "
            + ", ".join(f"'{n}'" for n in names)
            + f" ({' -> '.join(path)}; each waits for the next)",
            ("jobs", spec.job_origin[component[0]]),
        )


def _actions(out: _Collector, spec: Spec, job_names: set[str], scheduler_names: set[str]) -> None:
    for index, action in enumerate(spec.actions):
        trigger = action["trigger_type"]
        kind = action["action_type"]
        where = f"Action #{index + 1} ({trigger}, {kind})"
        path = ("actions", index)
        jobs = action.get("jobs") or []
        for name in jobs:
            if name not in job_names:
                out.error(
                    f"{where} references job '{name}', which is not defined"
                    + _suggest(name, job_names, len(job_names)),
                    (*path, "jobs"),
                )
        if trigger in schema.JOB_TRIGGERS and not jobs:
            out.error(f"{where} names no jobs: give 'jobs' or 'job_name_regexes'", path)
        if trigger not in schema.JOB_TRIGGERS and jobs:
            out.warnings.append(
                spec.source.problem(f"{where}: 'jobs' has no effect on {trigger}", (*path, "jobs"))
            )
        config = action["action_config"]
        if kind == "run_commands":
            if not config.get("commands"):
                out.error(f"{where} requires 'commands', a list of commands to run", path)
        elif kind == "schedule_nodes":
            if not config.get("scheduler"):
                out.error(f"{where}: schedule_nodes action requires scheduler", path)
            elif config["scheduler"] not in scheduler_names:
                out.error(
                    f"{where} references Slurm scheduler '{config['scheduler']}', which is not "
                    "defined in slurm_schedulers"
                    + _suggest(config["scheduler"], scheduler_names, len(scheduler_names)),
                    (*path, "scheduler"),
                )
            if not config.get("scheduler_type"):
                out.error(f"{where}: schedule_nodes action requires scheduler_type (slurm)", path)


def _rules(out: _Collector, spec: Spec) -> None:
    for index, handler in enumerate(spec.failure_handlers):
        if not handler["rules"]:
            out.error(
                f"failure handler '{handler['name']}' has no rules", ("failure_handlers", index)
            )
        for number, rule in enumerate(handler["rules"], start=1):
            if not rule.get("exit_codes") and not rule.get("match_all_exit_codes"):
                out.error(
                    f"failure handler '{handler['name']}' rule {number} matches nothing: give "
                    "exit_codes, or match_all_exit_codes: true",
                    ("failure_handlers", index, "rules", number - 1),
                )


def _scheduler_nodes(out: _Collector, spec: Spec) -> None:
    """A multi-node allocation without one worker per node must serve a job that needs as
    many nodes; otherwise single-node jobs waste it (a check: --skip-checks allows it)."""
    schedulers = {s["name"]: s for s in spec.slurm_schedulers}
    if not schedulers:
        return
    nodes_of = {r["name"]: r.get("num_nodes", 1) for r in spec.resource_requirements}
    for index, action in enumerate(spec.actions):
        config = action["action_config"]
        if action["action_type"] != "schedule_nodes" or config.get("scheduler_type") != "slurm":
            continue
        scheduler = schedulers.get(config.get("scheduler"))
        if scheduler is None or scheduler.get("nodes", 1) <= 1:
            continue
        if config.get("start_one_worker_per_node"):
            continue
        users = [j for j in spec.jobs if j.get("scheduler") == scheduler["name"]]
        if not users:
            continue
        nodes = scheduler["nodes"]
        if any(
            nodes_of.get(j.get("resource_requirements") or "default", 1) == nodes for j in users
        ):
            continue
        shown = ", ".join(j["name"] for j in users[:5]) + (", ..." if len(users) > 5 else "")
        out.checks.append(
            spec.source.problem(
                f"Scheduler '{scheduler['name']}' allocates {nodes} nodes but none of the jobs "
                f"using it ({shown}) have num_nodes={nodes} in their resource requirements. "
                f"Either set num_nodes={nodes} on job resource requirements, or set "
                "start_one_worker_per_node=true on the schedule_nodes action to run independent "
                "workers on each node.",
                ("actions", index),
            )
        )


def _heterogeneous_schedulers(out: _Collector, spec: Spec) -> None:
    schedulers = spec.slurm_schedulers
    if len(schedulers) <= 1 or spec.workflow.get("jobs_sort_method"):
        return
    differences = [
        label
        for key, label in (
            ("gres", "GPUs (gres)"),
            ("mem", "memory (mem)"),
            ("walltime", "walltime"),
            ("partition", "partition"),
        )
        if len({json.dumps(s.get(key)) for s in schedulers}) > 1
    ]
    unassigned = sum(1 for job in spec.jobs if not job.get("scheduler"))
    if differences and unassigned:
        out.warnings.append(
            Problem(
                f"Workflow has {len(schedulers)} schedulers with different "
                f"{', '.join(differences)} but {unassigned} job(s) have no explicit scheduler "
                "assignment and jobs_sort_method is not set. The default sort method "
                "'gpus_runtime_memory' will be used (jobs sorted by GPUs, then runtime, then "
                "memory). If this doesn't match your workload, consider setting jobs_sort_method "
                "explicitly to 'gpus_memory_runtime' (prioritize memory over runtime) or 'none' "
                "(no sorting)."
            )
        )
