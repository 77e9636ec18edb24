"""The execution plan of a workflow: the stages in which its jobs become ready, and the Slurm
allocations its actions request at each stage (`torc workflows execution-plan`).

Stage 1 is the workflow start: the jobs that wait for nothing become ready, and
`on_workflow_start` schedule_nodes actions allocate. A job is in stage k+1 when the longest chain
of jobs it waits for (explicitly or through files and user data) has k jobs; the stage's trigger
is the completion of the jobs its jobs wait for. An `on_jobs_ready` allocation happens in the
stage where the last of its jobs becomes ready, an `on_jobs_complete` one in the stage after the
last of its jobs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from torc.spec.graph import Graph


@dataclass
class Allocation:
    scheduler: str
    scheduler_type: str
    num_allocations: int
    jobs: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "scheduler": self.scheduler,
            "scheduler_type": self.scheduler_type,
            "num_allocations": self.num_allocations,
            "jobs": list(self.jobs),
        }


@dataclass
class Stage:
    number: int
    trigger: str
    jobs_becoming_ready: list[str] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stage_number": self.number,
            "trigger": self.trigger,
            "scheduler_allocations": [a.to_dict() for a in self.allocations],
            "jobs_becoming_ready": list(self.jobs_becoming_ready),
        }


@dataclass
class ExecutionPlan:
    workflow_name: str
    total_jobs: int
    stages: list[Stage]
    workflow_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": "database" if self.workflow_id is not None else "spec_file",
            "workflow_name": self.workflow_name,
            "total_jobs": self.total_jobs,
            "total_stages": len(self.stages),
            "stages": [s.to_dict() for s in self.stages],
        }
        if self.workflow_id is not None:
            out["workflow_id"] = self.workflow_id
        return out

    def render(self) -> str:
        lines = []
        if self.workflow_id is not None:
            lines.append(f"Workflow ID: {self.workflow_id}")
        lines += [f"Workflow: {self.workflow_name}", f"Total Jobs: {self.total_jobs}"]
        for stage in self.stages:
            symbol = "▶" if stage.number == 1 else "→"
            lines += ["", f"{symbol} Stage {stage.number}: {stage.trigger}"]
            if stage.allocations:
                lines.append("  Scheduler Allocations:")
                for alloc in stage.allocations:
                    lines.append(
                        f"    • {alloc.scheduler} ({alloc.scheduler_type}) - "
                        f"{alloc.num_allocations} allocation(s)"
                    )
            if stage.jobs_becoming_ready:
                lines.append("  Jobs Becoming Ready:")
                lines += [f"    • {item}" for item in compact_job_list(stage.jobs_becoming_ready)]
        lines += ["", f"Total Stages: {len(self.stages)}"]
        return "\n".join(lines)


class PlanError(ValueError):
    pass


def trigger_description(jobs: Sequence[str]) -> str:
    if len(jobs) == 1:
        return f"When job '{jobs[0]}' completes"
    if len(jobs) <= 3:
        return "When jobs " + ", ".join(f"'{j}'" for j in jobs) + " complete"
    return f"When {len(jobs)} jobs complete"


def build_plan(
    workflow_name: str,
    jobs: Sequence[dict[str, Any]],
    actions: Sequence[dict[str, Any]],
    scheduler_names: dict[Any, str] | None = None,
    workflow_id: int | None = None,
) -> ExecutionPlan:
    """`jobs`: dicts with `name` and the reference lists (`depends_on`, `input_files`, ...);
    `actions`: as in a spec body (`trigger_type`, `action_type`, `jobs`, `action_config`), where
    `action_config` names its scheduler (`scheduler`) or gives its id (`scheduler_id`, looked up
    in `scheduler_names`)."""
    graph = Graph.from_jobs(jobs)
    levels = graph.levels()
    if levels is None:
        cycles = graph.cycles()
        names = ", ".join(f"'{graph.names[i]}'" for i in cycles[0]) if cycles else "?"
        raise PlanError(f"the jobs have a circular dependency (involving {names}): no plan exists")
    depth = max(levels, default=-1) + 1
    by_level: list[list[int]] = [[] for _ in range(depth)]
    for i, level in enumerate(levels):
        by_level[level].append(i)
    stages = [Stage(1, "Workflow Start", [graph.names[i] for i in by_level[0]])] if depth else []
    for level in range(1, depth):
        members = by_level[level]
        blockers = dict.fromkeys(b for i in members for b in graph.blockers[i])
        trigger = trigger_description([graph.names[b] for b in sorted(blockers)])
        stages.append(Stage(level + 1, trigger, [graph.names[i] for i in members]))
    if not stages:
        stages.append(Stage(1, "Workflow Start"))

    level_of = {}
    for i, name in enumerate(graph.names):
        level_of.setdefault(name, levels[i])
    for action in actions:
        if action.get("action_type") != "schedule_nodes":
            continue
        config = action.get("action_config") or {}
        scheduler = config.get("scheduler")
        if scheduler is None and scheduler_names is not None:
            scheduler = scheduler_names.get(config.get("scheduler_id"))
        scheduler_type = config.get("scheduler_type") or "slurm"
        alloc = Allocation(
            scheduler=str(scheduler if scheduler is not None else f"{scheduler_type}_scheduler"),
            scheduler_type=scheduler_type,
            num_allocations=int(config.get("num_allocations") or 1),
            jobs=list(action.get("jobs") or []),
        )
        trigger = action.get("trigger_type")
        known = [level_of[j] for j in alloc.jobs if j in level_of]
        if trigger == "on_workflow_start":
            stages[0].allocations.append(alloc)
        elif trigger == "on_jobs_ready" and known:
            stages[max(known)].allocations.append(alloc)
        elif trigger == "on_jobs_complete" and known:
            index = max(known) + 1
            if index >= len(stages):
                stages.append(Stage(len(stages) + 1, trigger_description(alloc.jobs)))
                index = len(stages) - 1
            stages[index].allocations.append(alloc)
    return ExecutionPlan(workflow_name, len(graph.names), stages, workflow_id)


_NUMBERED = re.compile(r"^(.+?)(\d+)$")


def compact_job_list(jobs: Sequence[str]) -> list[str]:
    """Runs of four or more consecutive numbered names as one `prefix{first..last}` item:
    `work_1 ... work_5` -> `work_{1..5}`, `job_001 ... job_100` -> `job_{001..100}`."""
    if len(jobs) <= 3:
        return list(jobs)
    groups: dict[str, list[tuple[int, str]]] = {}
    order: list[tuple[str, str]] = []  # ("group", prefix) or ("name", name), first-seen order
    for job in jobs:
        match = _NUMBERED.match(job)
        if match:
            prefix, digits = match.groups()
            if prefix not in groups:
                groups[prefix] = []
                order.append(("group", prefix))
            groups[prefix].append((int(digits), digits))
        else:
            order.append(("name", job))
    out: list[str] = []
    for kind, value in order:
        if kind == "name":
            out.append(value)
            continue
        numbers = sorted(groups[value])
        if len(numbers) <= 3:
            out += [f"{value}{digits}" for _, digits in numbers]
            continue
        run = [numbers[0]]
        for item in numbers[1:]:
            if item[0] == run[-1][0] + 1:
                run.append(item)
                continue
            out += _run(value, run)
            run = [item]
        out += _run(value, run)
    return out


def _run(prefix: str, run: list[tuple[int, str]]) -> list[str]:
    if len(run) >= 4:
        return [f"{prefix}{{{run[0][1]}..{run[-1][1]}}}"]
    return [f"{prefix}{digits}" for _, digits in run]
