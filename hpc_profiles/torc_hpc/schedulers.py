"""Adding Slurm schedulers and staged `schedule_nodes` actions to a workflow specification
(`torc slurm generate`, `torc submit-slurm`).

- One scheduler per resource requirement (`<name>_scheduler`), on the partition the matcher
  chooses for it, or with group-by `partition` one per partition and node count; `partition`
  is written only when the partition needs an explicit request.
- Jobs are grouped by resource requirement and dependency stage (the longest chain of jobs they
  wait for, as `torc workflows execution-plan` counts stages). The first stage's groups allocate
  `on_workflow_start`; a later group gets an `on_jobs_ready` action listing its jobs, so its
  allocations are requested only when those jobs become ready.
- Allocation counts and walltime come from `allocations`. With `single_allocation`, a group's
  single-node allocations become one allocation of that many nodes, one worker per node.

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


GROUP_BY = ("resource-requirements", "partition")


class GenerateError(ValueError):
    """The workflow cannot be given schedulers; the message names the job or setting to fix."""


@dataclass
class Options:
    account: str
    walltime_strategy: str = "max-partition-time"
    walltime_multiplier: float = allocations.DEFAULT_MULTIPLIER
    add_actions: bool = True
    force: bool = False
    group_by: str = "resource-requirements"
    single_allocation: bool = False


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
    implicit: bool = False
    """Jobs without resource requirements: their memory (1m) says nothing, so `mem` is left to
    Slurm's default."""


@dataclass
class Generated:
    document: dict[str, Any]
    choices: list[SchedulerChoice] = field(default_factory=list)
    actions: int = 0
    schedulers: int = 0


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
    for job in spec.jobs:
        name = job.get("resource_requirements") or "default"
        choice = choices.get(name)
        if choice is None:
            choice = _choose(name, requirements.get(name, {}), job, profile, options)
            choice.implicit = name not in requirements
            choices[name] = choice
        choice.jobs += 1
        job_requirement.append(name)
    _name_schedulers(choices, options.group_by)

    levels = Graph.from_jobs(spec.jobs).levels()
    if levels is None:
        raise GenerateError(
            "the jobs have a circular dependency: check with `torc workflows create --dry-run`"
        )

    # a group: the jobs of one scheduler that become ready in one stage
    groups: dict[tuple[int, str], dict[str, list[int]]] = {}
    for index, (level, name) in enumerate(zip(levels, job_requirement, strict=True)):
        by_requirement = groups.setdefault((level, choices[name].scheduler), {})
        by_requirement.setdefault(name, []).append(index)

    plans: list[_GroupPlan] = []
    for (level, scheduler), by_requirement in sorted(groups.items(), key=lambda item: item[0][0]):
        members = [i for indices in by_requirement.values() for i in indices]
        parts = {
            name: allocations.plan(
                choices[name].partition,
                choices[name].request,
                choices[name].runtime_secs,
                len(indices),
                choices[name].walltime_secs,
            )
            for name, indices in by_requirement.items()
        }
        first = choices[next(iter(by_requirement))]
        count = sum(plan.num_allocations for plan in parts.values())
        limit = first.partition.node_limit
        if limit:
            count = min(count, max(1, limit // first.request.nodes))
        plans.append(_GroupPlan(level, scheduler, members, parts, count))

    by_scheduler: dict[str, list[SchedulerChoice]] = {}
    for choice in choices.values():
        by_scheduler.setdefault(choice.scheduler, []).append(choice)
    single = options.single_allocation
    schedulers = [
        _scheduler(name, members, [g for g in plans if g.scheduler == name], options)
        for name, members in by_scheduler.items()
    ]
    actions = []
    if options.add_actions:
        for group in plans:
            action: dict[str, Any] = {
                "trigger_type": "on_workflow_start" if group.level == 0 else "on_jobs_ready",
                "action_type": "schedule_nodes",
            }
            if group.level:
                action["jobs"] = [spec.jobs[i]["name"] for i in group.members]
            one_allocation = single and by_scheduler[group.scheduler][0].request.nodes == 1
            action.update(
                scheduler=group.scheduler,
                scheduler_type="slurm",
                num_allocations=1 if one_allocation else group.num_allocations,
            )
            if one_allocation and group.num_allocations > 1:
                action["start_one_worker_per_node"] = True
            actions.append(action)

    _assign(spec, document, {name: c.scheduler for name, c in choices.items()}, job_requirement)
    if "name" not in document:
        document["name"] = spec.name
    document["slurm_schedulers"] = schedulers
    if actions or document.get("actions"):
        document["actions"] = [*(document.get("actions") or []), *actions]
    else:
        document.pop("actions", None)
    return Generated(document, list(choices.values()), len(actions), len(schedulers))


@dataclass
class _GroupPlan:
    level: int
    scheduler: str
    members: list[int]
    parts: dict[str, allocations.Allocation]
    """Per resource requirement of the group: its share of the allocations."""
    num_allocations: int


def _name_schedulers(choices: Mapping[str, SchedulerChoice], group_by: str) -> None:
    """`<requirement>_scheduler`, or with `--group-by partition` one scheduler per partition
    (and node count): `<partition>_scheduler`, `<partition>_<n>nodes_scheduler`."""
    if group_by == "resource-requirements":
        return
    if group_by != "partition":
        raise GenerateError(f"unknown grouping {group_by!r} (use {' or '.join(GROUP_BY)})")
    for choice in choices.values():
        nodes = choice.request.nodes
        suffix = f"_{nodes}nodes" if nodes > 1 else ""
        choice.scheduler = f"{choice.partition.name}{suffix}_scheduler"


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
    name: str, members: list[SchedulerChoice], groups: list[_GroupPlan], options: Options
) -> dict[str, Any]:
    """The scheduler of `members` (requirements on one partition with one node count): enough
    memory, GPUs and CPUs for what runs at once, the longest walltime among them."""
    partition = members[0].partition
    nodes = members[0].request.nodes
    at_once = {
        m.requirement: max(
            (g.parts[m.requirement].jobs_at_once for g in groups if m.requirement in g.parts),
            default=1,
        )
        for m in members
    }
    memory = max(
        min(partition.memory_mb, m.request.memory_mb * at_once[m.requirement]) for m in members
    )
    gpus = max(
        min(partition.gpus_per_node, m.request.gpus * at_once[m.requirement]) for m in members
    )
    cpus = max(
        min(partition.cpus_per_node, m.request.cpus * at_once[m.requirement]) for m in members
    )
    if options.single_allocation and nodes == 1:
        nodes = max((g.num_allocations for g in groups), default=1)
    scheduler: dict[str, Any] = {
        "name": name,
        "account": options.account,
        "nodes": nodes,
        "walltime": units.slurm_time(max(m.walltime_secs for m in members)),
        "mem": units.memory_text(memory),
    }
    if all(m.implicit for m in members):
        del scheduler["mem"]
    if gpus:
        scheduler["gres"] = f"gpu:{gpus}"
    if partition.requires_explicit_request:
        scheduler["partition"] = partition.name
    if partition.shared:
        # a shared node gives a job one CPU unless told; the runner uses what Slurm grants
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
        elif isinstance(entry.get("resource_requirements"), str) and all(
            scheduler_of[name] == f"{name}_scheduler" for name in names
        ):
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
