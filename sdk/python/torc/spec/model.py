"""`load_spec`: read, check and expand a workflow specification into a `Spec`, whose `body` is
what `POST /workflow_specs` (`create_workflow_from_spec`) takes.

Reading stops at the first kind of problem that leaves nothing to work on (a syntax error, unknown
keys, a parameter that cannot be expanded); those raise `SpecError` with every problem of that
kind. Problems that still leave a workflow to describe (a reference to an undefined file, a
pattern that matches nothing) are kept in `Spec.problems` for `validate` to report with the rest.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

from torc.spec import formats, regexes, schema, variables
from torc.spec.errors import Problem, Source, SpecError
from torc.spec.expand import JOB_LISTS, JOB_REGEX_LISTS, JOB_SCALARS, Expander

DEFAULT_RESOURCE_MONITOR = {
    "enabled": True,
    "granularity": "summary",
    "sample_interval_seconds": 5,
    "generate_plots": False,
}
_WORKFLOW_SCALARS = (
    "description",
    "project",
    "compute_node_expiration_buffer_seconds",
    "compute_node_wait_for_new_jobs_seconds",
    "compute_node_ignore_workflow_completion",
    "compute_node_wait_for_healthy_database_minutes",
    "compute_node_min_time_for_new_jobs_seconds",
    "jobs_sort_method",
    "use_pending_failed",
)


def default_user() -> str:
    user = os.environ.get("USER") or os.environ.get("USERNAME")
    if user:
        return user
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


@dataclass
class Spec:
    """An expanded workflow specification."""

    source: Source
    name: str
    user: str
    description: str | None
    workflow: dict[str, Any]
    """The workflow's own fields, as the body sends them."""
    jobs: list[dict[str, Any]]
    job_origin: list[int]
    files: list[dict[str, Any]]
    file_origin: list[int]
    user_data: list[dict[str, Any]]
    user_data_origin: list[int]
    resource_requirements: list[dict[str, Any]]
    slurm_schedulers: list[dict[str, Any]]
    local_schedulers: list[dict[str, Any]]
    failure_handlers: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    job_specs: int
    """Number of job entries before expansion."""
    parameterized_job_specs: int
    file_specs: int
    user_data_specs: int
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    inline_requirements: dict[str, int] = field(default_factory=dict)
    """Names given to inline resource requirements -> the job entry that first had them."""
    _body: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def label(self) -> str | None:
        return self.source.label

    @property
    def dependencies(self) -> int:
        """Explicit job-to-job dependencies after expansion (`depends_on` and its patterns)."""
        return sum(len(job["depends_on"]) for job in self.jobs if "depends_on" in job)

    @property
    def body(self) -> dict[str, Any]:
        """The JSON body of `create_workflow_from_spec` (records refer to each other by name)."""
        if self._body is None:
            body: dict[str, Any] = {"name": self.name, "user": self.user, **self.workflow}
            body["jobs"] = self.jobs
            for key in (
                "files",
                "user_data",
                "resource_requirements",
                "slurm_schedulers",
                "local_schedulers",
                "failure_handlers",
                "actions",
            ):
                items = getattr(self, key)
                if items:
                    body[key] = items
            self._body = body
        return self._body

    def body_json(self) -> bytes:
        """`body` encoded as JSON (fast, for large workflows)."""
        import msgspec

        return msgspec.json.encode(self.body)

    def body_chunks(self, jobs_per_chunk: int = 10_000) -> Iterator[bytes]:
        """`body` encoded as JSON a slice of jobs at a time (joined, the same JSON value as
        `body_json`): a million jobs' body is never one 100 MB bytes object, nor copied whole
        by the HTTP library."""
        import msgspec

        body = self.body
        rest = msgspec.json.encode({key: value for key, value in body.items() if key != "jobs"})
        yield rest[:-1] + (b',"jobs":[' if len(rest) > 2 else b'"jobs":[')
        jobs = body["jobs"]
        for start in range(0, len(jobs), jobs_per_chunk):
            encoded = msgspec.json.encode(jobs[start : start + jobs_per_chunk])
            yield (b"," if start else b"") + encoded[1:-1]
        yield b"]}"


def load_spec(
    source: Any,
    *,
    user: str | None = None,
    resource_monitoring: bool = True,
    max_jobs: int | None = None,
    max_dependencies: int | None = None,
) -> Spec:
    """Read a specification (a path, its text, or a dict), check it and expand it.

    Args:
        source: a file path (str or `os.PathLike`), the text of a specification, or a dict.
        user: owner of the workflow; default: the file's `user`, else $USER.
        resource_monitoring: False disables resource monitoring (`--no-resource-monitoring`);
            otherwise a specification without `resource_monitor` gets the default (summary
            granularity, 5 s samples).
        max_jobs: refuse an expansion to more jobs (or files, or user data records) than this
            (default 1,000,000, or $TORC_SPEC_MAX_JOBS).
        max_dependencies: refuse patterns that would create more job-to-job dependencies
            (default 10,000,000, or $TORC_SPEC_MAX_DEPENDENCIES).

    Raises:
        SpecError: `FILE:LINE: what is wrong` for each problem that prevents expansion.
    """
    document, src, problems = formats.read(source)
    schema_warnings: list[Problem] = []
    normalized, schema_problems = schema.normalize(document, src, schema_warnings)
    problems = [*problems, *schema_problems]
    if "name" not in normalized and isinstance(document, dict):
        if src.label and src.label != "<text>":
            normalized["name"] = FilePath(src.label).stem  # `workflow.yaml` -> `workflow`
        else:
            problems.append(src.problem("the workflow: missing required key 'name'"))
    if problems:
        raise SpecError(problems)
    spec = build(normalized, src, user, resource_monitoring, max_jobs, max_dependencies)
    spec.warnings[:0] = schema_warnings
    return spec


def build(
    doc: dict[str, Any],
    src: Source,
    user: str | None,
    resource_monitoring: bool,
    max_jobs: int | None,
    max_dependencies: int | None,
) -> Spec:
    expander = Expander(doc, src, max_jobs)
    jobs = expander.expand_section(
        "jobs",
        "job",
        scalars=(*JOB_SCALARS, "resource_requirements"),
        lists=JOB_LISTS,
        regex_lists=JOB_REGEX_LISTS,
    )
    files = expander.expand_section("files", "file", scalars=("name", "path"))
    user_data = expander.expand_section(
        "user_data", "user data", scalars=("name",), data_field="data"
    )
    problems: list[Problem] = []
    warnings = list(expander.warnings)

    entries = doc.get("jobs") or []
    requirements = [dict(rr) for rr in doc.get("resource_requirements") or []]
    inline = {}
    if any(isinstance(e.get("resource_requirements"), dict) for e in entries):
        inline = _inline_requirements(jobs.items, jobs.origin, requirements)

    file_paths: dict[str, str] = {}
    for item in files.items:
        file_paths.setdefault(item["name"], item["path"])
    user_data_names = {item["name"] for item in user_data.items}
    with_variables = {
        k
        for k, e in enumerate(entries)
        if "${" in e.get("command", "") + e.get("invocation_script", "")
    }
    problems += variables.substitute(
        jobs.items, jobs.origin, file_paths, user_data_names, src, with_variables
    )

    pattern_problems, _ = regexes.resolve_jobs(
        jobs.items,
        jobs.origin,
        {
            "jobs": [job["name"] for job in jobs.items],
            "files": list(file_paths),
            "user_data": [item["name"] for item in user_data.items],
        },
        src,
        max_dependencies,
        {k for k, e in enumerate(entries) if any(f in e for f in regexes.JOB_PATTERNS)},
    )
    problems += pattern_problems

    actions = [dict(a) for a in doc.get("actions") or []]
    problems += regexes.resolve_action_jobs(actions, [job["name"] for job in jobs.items], src)
    body_actions = [_action_body(action) for action in actions]

    workflow: dict[str, Any] = {k: doc[k] for k in _WORKFLOW_SCALARS if k in doc}
    if "metadata" in doc:
        metadata = doc["metadata"]
        workflow["metadata"] = metadata if isinstance(metadata, str) else json.dumps(metadata)
    if "slurm_defaults" in doc:
        workflow["slurm_defaults"] = json.dumps(doc["slurm_defaults"])
    if "execution_config" in doc:
        workflow["execution_config"] = json.dumps(doc["execution_config"])
    monitor = doc.get("resource_monitor")
    if not resource_monitoring:
        monitor = {**DEFAULT_RESOURCE_MONITOR, **(monitor or {}), "enabled": False}
    else:
        monitor = {**DEFAULT_RESOURCE_MONITOR, **(monitor or {})}
    workflow["resource_monitor_config"] = json.dumps(monitor)

    failure_handlers = [
        {
            "name": handler["name"],
            "rules": [{"max_retries": 3, **rule} for rule in handler.get("rules") or []],
        }
        for handler in doc.get("failure_handlers") or []
    ]
    slurm_schedulers = [
        {"nodes": 1, "walltime": "01:00:00", **scheduler}
        for scheduler in doc.get("slurm_schedulers") or []
    ]

    return Spec(
        source=src,
        name=doc["name"],
        user=user or doc.get("user") or default_user(),
        description=doc.get("description"),
        workflow=workflow,
        jobs=jobs.items,
        job_origin=jobs.origin,
        files=files.items,
        file_origin=files.origin,
        user_data=user_data.items,
        user_data_origin=user_data.origin,
        resource_requirements=requirements,
        slurm_schedulers=slurm_schedulers,
        local_schedulers=[dict(s) for s in doc.get("local_schedulers") or []],
        failure_handlers=failure_handlers,
        actions=body_actions,
        job_specs=jobs.entries,
        parameterized_job_specs=jobs.parameterized,
        file_specs=files.entries,
        user_data_specs=user_data.entries,
        problems=problems,
        warnings=warnings,
        inline_requirements=inline,
    )


def _inline_requirements(
    jobs: list[dict[str, Any]], origin: list[int], requirements: list[dict[str, Any]]
) -> dict[str, int]:
    """Jobs may give their resource requirements inline; each distinct set becomes a named
    record (`inline_<cpus>cpu_<gpus>gpu_<nodes>node_<memory>_<runtime>`) shared by its jobs."""
    taken = {rr["name"] for rr in requirements}
    by_content: dict[tuple[Any, ...], str] = {}
    created: dict[str, int] = {}
    for job, entry in zip(jobs, origin, strict=True):
        value = job.get("resource_requirements")
        if not isinstance(value, dict):
            continue
        values = {"num_cpus": 1, "num_gpus": 0, "num_nodes": 1, "memory": "1m", "runtime": "P0DT1M"}
        values.update(value)
        key = tuple(values[k] for k in ("num_cpus", "num_gpus", "num_nodes", "memory", "runtime"))
        name = by_content.get(key)
        if name is None:
            base = (
                f"inline_{values['num_cpus']}cpu_{values['num_gpus']}gpu_"
                f"{values['num_nodes']}node_{values['memory']}_{values['runtime']}"
            )
            name, suffix = base, 2
            while name in taken:
                name, suffix = f"{base}_{suffix}", suffix + 1
            taken.add(name)
            by_content[key] = name
            requirements.append({"name": name, **values})
            created[name] = entry
        job["resource_requirements"] = name
    return created


def _action_body(action: dict[str, Any]) -> dict[str, Any]:
    """A specification action as the server takes it: settings go into `action_config`."""
    body: dict[str, Any] = {
        "trigger_type": action["trigger_type"],
        "action_type": action["action_type"],
    }
    if action.get("jobs"):
        body["jobs"] = list(dict.fromkeys(action["jobs"]))
    if action["action_type"] == "run_commands":
        config: dict[str, Any] = {"commands": action.get("commands") or []}
    else:
        config = {
            "num_allocations": action.get("num_allocations", 1),
            "start_one_worker_per_node": action.get("start_one_worker_per_node", False),
        }
        if action.get("scheduler") is not None:
            config["scheduler"] = action["scheduler"]
        if action.get("scheduler_type") is not None:
            config["scheduler_type"] = action["scheduler_type"]
        if action.get("max_parallel_jobs") is not None:
            config["max_parallel_jobs"] = action["max_parallel_jobs"]
    body["action_config"] = config
    persistent = action.get("persistent")
    if persistent is None:
        # worker lifecycle actions run on every worker unless the specification says otherwise
        persistent = action["trigger_type"] in schema.WORKER_TRIGGERS
    body["persistent"] = persistent
    return body
