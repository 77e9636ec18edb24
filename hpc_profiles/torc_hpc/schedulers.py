"""Adding Slurm schedulers and staged `schedule_nodes` actions to a workflow specification
(`torc slurm generate`, `torc submit-slurm`).

- One scheduler per resource requirement (`<name>_scheduler`), on the partition the matcher
  chooses for it; `partition` is written only when the partition needs an explicit request.
- Jobs are grouped by resource requirement and dependency stage (the longest chain of jobs they
  wait for, as `torc workflows execution-plan` counts stages). The first stage's groups allocate
  `on_workflow_start`; a later group gets an `on_jobs_ready` action listing its jobs, so its
  allocations are requested only when those jobs become ready.
- Allocation counts and walltime come from `allocations`.

The result is the specification as written (parameters unexpanded, canonical key names) with
`slurm_schedulers`, `actions` and each job's `scheduler` added, so `torc workflows create`
accepts it as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from torc_hpc import allocations, units
from torc_hpc.match import Request, best_partition, explain
from torc_hpc.profiles import Partition, Profile

DEFAULT_REQUIREMENTS = {
    "num_cpus": 1,
    "num_gpus": 0,
    "num_nodes": 1,
    "memory": "1m",
    "runtime": "P0DT1M",
}
"""What a job without resource requirements gets (the server's `default` record)."""


class GenerateError(ValueError):
    """The workflow cannot be given schedulers; the message names the job or setting to fix."""


@dataclass
class Options:
    account: str
    walltime_strategy: str = "max-partition-time"
    walltime_multiplier: float = allocations.DEFAULT_MULTIPLIER
    add_actions: bool = True
    force: bool = False


@dataclass
class SchedulerChoice:
    """What was decided for one resource requirement."""

    requirement: str
    scheduler: str
    partition: Partition
    request: Request
    runtime_secs: int
    walltime_secs: int
    jobs: int = 0


@dataclass
class Generated:
    document: dict[str, Any]
    choices: list[SchedulerChoice] = field(default_factory=list)
    actions: int = 0


def _request(requirement: Mapping[str, Any], name: str) -> tuple[Request, int]:
    values = {**DEFAULT_REQUIREMENTS, **requirement}
    try:
        runtime = units.duration_secs(values["runtime"])
        memory = units.memory_mb(values["memory"])
    except units.UnitError as exc:
        raise GenerateError(f"resource requirements '{name}': {exc}") from None
    request = Request(
        cpus=int(values["num_cpus"]),
        memory_mb=memory,
        walltime_secs=runtime,
        gpus=int(values.get("num_gpus") or 0),
        nodes=int(values.get("num_nodes") or 1),
    )
    return request, runtime


def _has_schedulers(document: Mapping[str, Any]) -> bool:
    if document.get("slurm_schedulers"):
        return True
    return any(a.get("action_type") == "schedule_nodes" for a in document.get("actions") or [])


def generate(spec: Any, document: dict[str, Any], profile: Profile, options: Options) -> Generated:
    """Add schedulers and actions to `document` (the normalized specification `spec` was
    expanded from; changed in place and returned in `Generated.document`)."""
    from torc.spec.graph import Graph

    if _has_schedulers(document):
        if not options.force:
            raise GenerateError(
                "the workflow already has Slurm schedulers or schedule_nodes actions: "
                "use --force to replace them"
            )
        document.pop("slurm_schedulers", None)
        kept = [
            a for a in document.get("actions") or [] if a.get("action_type") != "schedule_nodes"
        ]
        document["actions"] = kept
        for entry in document.get("jobs") or []:
            entry.pop("scheduler", None)

    requirements = {rr["name"]: rr for rr in spec.resource_requirements}
    choices: dict[str, SchedulerChoice] = {}
    job_requirement: list[str] = []
    for index, job in enumerate(spec.jobs):
        name = job.get("resource_requirements") or "default"
        choice = choices.get(name)
        if choice is None:
            choice = _choose(name, requirements.get(name, {}), job, profile, options)
            choices[name] = choice
        choice.jobs += 1
        job_requirement.append(name)
        del index

    levels = Graph.from_jobs(spec.jobs).levels()
    if levels is None:
        raise GenerateError(
            "the jobs have a circular dependency: check with `torc workflows create --dry-run`"
        )

    groups: dict[tuple[int, str], list[int]] = {}
    for index, (level, name) in enumerate(zip(levels, job_requirement, strict=True)):
        groups.setdefault((level, name), []).append(index)

    planned: dict[str, list[tuple[int, list[int], allocations.Allocation]]] = {}
    for (level, name), members in sorted(groups.items(), key=lambda item: item[0][0]):
        choice = choices[name]
        allocation = allocations.plan(
            choice.partition,
            choice.request,
            choice.runtime_secs,
            len(members),
            choice.walltime_secs,
        )
        planned.setdefault(name, []).append((level, members, allocation))

    schedulers = [
        _scheduler(choices[name], [a for _, _, a in planned[name]], options) for name in choices
    ]
    actions = []
    if options.add_actions:
        stages = sorted(
            (
                (level, name, members, allocation)
                for name, items in planned.items()
                for level, members, allocation in items
            ),
            key=lambda item: item[0],
        )
        for level, name, members, allocation in stages:
            action: dict[str, Any] = {
                "trigger_type": "on_workflow_start" if level == 0 else "on_jobs_ready",
                "action_type": "schedule_nodes",
            }
            if level:
                action["jobs"] = [spec.jobs[i]["name"] for i in members]
            action.update(
                scheduler=choices[name].scheduler,
                scheduler_type="slurm",
                num_allocations=allocation.num_allocations,
            )
            actions.append(action)

    _assign(spec, document, {name: c.scheduler for name, c in choices.items()}, job_requirement)
    if "name" not in document:
        document["name"] = spec.name
    document["slurm_schedulers"] = schedulers
    if actions or document.get("actions"):
        document["actions"] = [*(document.get("actions") or []), *actions]
    else:
        document.pop("actions", None)
    return Generated(document, list(choices.values()), len(actions))


def _choose(
    name: str,
    requirement: Mapping[str, Any],
    job: Mapping[str, Any],
    profile: Profile,
    options: Options,
) -> SchedulerChoice:
    request, runtime = _request(requirement, name)
    partition = best_partition(profile, request)
    if partition is None:
        raise GenerateError(
            f"job '{job['name']}' (resource requirements '{name}'): {explain(profile, request)}"
        )
    walltime = allocations.walltime_secs(
        partition, runtime, options.walltime_strategy, options.walltime_multiplier
    )
    return SchedulerChoice(name, f"{name}_scheduler", partition, request, runtime, walltime)


def _scheduler(
    choice: SchedulerChoice, planned: list[allocations.Allocation], options: Options
) -> dict[str, Any]:
    partition, request = choice.partition, choice.request
    at_once = max(a.jobs_at_once for a in planned)
    scheduler: dict[str, Any] = {
        "name": choice.scheduler,
        "account": options.account,
        "nodes": request.nodes,
        "walltime": units.slurm_time(choice.walltime_secs),
        "mem": units.memory_text(min(partition.memory_mb, request.memory_mb * at_once)),
    }
    if request.gpus:
        scheduler["gres"] = f"gpu:{min(partition.gpus_per_node, request.gpus * at_once)}"
    if partition.requires_explicit_request:
        scheduler["partition"] = partition.name
    if partition.shared:
        # a shared node gives a job one CPU unless told; the runner uses what Slurm grants
        cpus = min(partition.cpus_per_node, request.cpus * at_once)
        scheduler["extra"] = f"--cpus-per-task={cpus}"
    return scheduler


def _assign(
    spec: Any, document: dict[str, Any], scheduler_of: Mapping[str, str], job_requirement: list[str]
) -> None:
    """Set each job entry's `scheduler`. A parameterized entry whose jobs use different
    requirements names its scheduler with the same placeholders as its requirements; an entry
    that cannot (inline requirements that vary) is written out expanded."""
    entries = document.get("jobs") or []
    per_entry: dict[int, set[str]] = {}
    for origin, name in zip(spec.job_origin, job_requirement, strict=True):
        per_entry.setdefault(origin, set()).add(name)
    expanded: dict[int, list[dict[str, Any]]] = {}
    for index, names in per_entry.items():
        entry = entries[index]
        if len(names) == 1:
            entry["scheduler"] = scheduler_of[next(iter(names))]
        elif isinstance(entry.get("resource_requirements"), str):
            entry["scheduler"] = f"{entry['resource_requirements']}_scheduler"
        else:
            expanded[index] = [
                {**job, "scheduler": scheduler_of[name]}
                for job, origin, name in zip(
                    spec.jobs, spec.job_origin, job_requirement, strict=True
                )
                if origin == index
            ]
    if expanded:
        jobs: list[dict[str, Any]] = []
        for index, entry in enumerate(entries):
            jobs.extend(expanded.get(index, [entry]))
        document["jobs"] = jobs
        inline = [rr for rr in spec.resource_requirements if rr["name"] in spec.inline_requirements]
        known = {rr["name"] for rr in document.get("resource_requirements") or []}
        document["resource_requirements"] = [
            *(document.get("resource_requirements") or []),
            *(rr for rr in inline if rr["name"] not in known),
        ]


def read_spec(source: Any) -> tuple[Any, dict[str, Any]]:
    """A specification file (YAML, JSON, JSON5 or KDL) -> (the expanded `Spec`, the document
    with canonical key names that it was expanded from). Raises `torc.spec.SpecError`."""
    from pathlib import Path

    from torc.spec import SpecError, formats, schema
    from torc.spec.model import build

    raw, source_info, problems = formats.read(source)
    document, schema_problems = schema.normalize(raw, source_info)
    problems = [*problems, *schema_problems]
    if "name" not in document and isinstance(raw, dict):
        label = source_info.label
        if label and label != "<text>":
            document["name"] = Path(label).stem
        else:
            problems.append(source_info.problem("the workflow: missing required key 'name'"))
    if problems:
        raise SpecError(problems)
    spec = build(document, source_info, None, True, None, None)
    if spec.problems:
        raise SpecError(spec.problems)
    return spec, document


OUTPUT_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".json5": "json"}


def render(document: Mapping[str, Any], fmt: str = "yaml") -> str:
    """The specification as YAML or JSON text (JSON is valid JSON5 too)."""
    if fmt == "json":
        import json

        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    from torc_hpc import yamlout

    return yamlout.dumps(document)
