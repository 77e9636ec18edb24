"""A text dependency graph that stays readable at hundreds of jobs.

Jobs are grouped into stages (a job's stage is one more than the deepest job it waits for), and
within a stage, runs of jobs whose names differ only in their numbers (`work_001`, `work_002`,
...) collapse to one line with a count per status.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from rich.text import Text

from torc_cli.tui.colours import STATUS_STYLE

_DIGITS = re.compile(r"\d+")


def stages(jobs: Iterable[Mapping[str, Any]]) -> list[list[Mapping[str, Any]]]:
    """Jobs by stage; a job whose dependencies are unknown (or cyclic) goes to stage 0."""
    by_id = {job["id"]: job for job in jobs}
    depth: dict[int, int] = {}

    def level(job_id: int, seen: frozenset[int] = frozenset()) -> int:
        if job_id in depth:
            return depth[job_id]
        if job_id in seen:
            return 0
        parents = [p for p in by_id[job_id].get("depends_on_job_ids") or [] if p in by_id]
        depth[job_id] = 1 + max((level(p, seen | {job_id}) for p in parents), default=-1)
        return depth[job_id]

    grouped: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    for job_id in by_id:
        grouped[level(job_id)].append(by_id[job_id])
    return [sorted(grouped[k], key=lambda j: j["id"]) for k in sorted(grouped)]


def _family(name: str) -> str:
    return _DIGITS.sub("#", name)


def render(jobs: Iterable[Mapping[str, Any]], *, collapse_at: int = 3) -> Text:
    """The graph as text: a heading per stage, a line per job or per collapsed run of jobs."""
    out = Text()
    all_jobs = list(jobs)
    if not all_jobs:
        return Text("No jobs.")
    names = {job["id"]: job["name"] for job in all_jobs}
    for number, stage in enumerate(stages(all_jobs)):
        out.append(f"Stage {number}", style="bold")
        out.append(f"  ({len(stage)} job{'' if len(stage) == 1 else 's'})\n", style="dim")
        families: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for job in stage:
            families[_family(job["name"])].append(job)
        for family, members in families.items():
            if len(members) >= collapse_at:
                out.append(f"  ├─ {family} x{len(members)}  ")
                counts = Counter(str(m.get("status") or "") for m in members)
                for i, (status, count) in enumerate(sorted(counts.items())):
                    out.append(("  " if i else "") + f"{status} {count}", STATUS_STYLE.get(status))
                parents = _parent_names(members, names)
            else:
                for member in members:
                    status = str(member.get("status") or "")
                    out.append(f"  ├─ {member['name']} ")
                    out.append(f"[{status}]", STATUS_STYLE.get(status))
                    parents = _parent_names([member], names)
                    if parents:
                        out.append(f"  ← {parents}", style="dim")
                    out.append("\n")
                continue
            if parents:
                out.append(f"  ← {parents}", style="dim")
            out.append("\n")
    return out


def _parent_names(members: list[Mapping[str, Any]], names: Mapping[int, str]) -> str:
    """The jobs these wait for, families collapsed the same way."""
    parents: Counter[str] = Counter()
    for member in members:
        for parent in set(member.get("depends_on_job_ids") or []):
            if parent in names:
                parents[_family(names[parent])] += 1
    shown = []
    for family in sorted(parents):
        distinct = {n for n in names.values() if _family(n) == family}
        shown.append(f"{family} x{len(distinct)}" if len(distinct) >= 3 else family)
    if len(shown) > 4:
        shown = [*shown[:4], f"+{len(shown) - 4} more"]
    return ", ".join(shown)
