"""The job dependency graph of an expanded specification: explicit (`depends_on`) and implicit
(a job that reads a file or user data record waits for every job that writes it).

Jobs are numbered by their position; `blockers[i]` lists the jobs job `i` waits for. Cycles are
found with Kahn's algorithm and, only when one exists, reported as the strongly connected
components that contain them, so every job in a cycle is named.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_UNSET = object()


@dataclass
class Graph:
    names: list[str]
    blockers: list[list[int]]
    """blockers[i]: indices of the jobs job i waits for (no duplicates, never i itself)."""
    _levels: object = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self._levels = _UNSET

    @classmethod
    def from_jobs(cls, jobs: Sequence[dict[str, Any]], implicit: bool = True) -> Graph:
        names = [job["name"] for job in jobs]
        producers: dict[tuple[str, str], list[int]] = {}
        if implicit:
            for i, job in enumerate(jobs):
                if "output_files" in job:
                    for name in job["output_files"]:
                        producers.setdefault(("f", name), []).append(i)
                if "output_user_data" in job:
                    for name in job["output_user_data"]:
                        producers.setdefault(("u", name), []).append(i)
        empty: list[int] = []
        blockers: list[list[int]] = [empty] * len(jobs)
        waits = [
            i
            for i, job in enumerate(jobs)
            if "depends_on" in job
            or (producers and ("input_files" in job or "input_user_data" in job))
        ]
        if not waits:  # a million independent jobs need no name index
            return cls(names, blockers)
        index = {name: i for i, name in reversed(list(enumerate(names)))}  # first one wins
        get = index.get
        for i in waits:
            job = jobs[i]
            deps = job.get("depends_on")
            found = [j for j in map(get, deps) if j is not None and j != i] if deps else []
            if producers:
                extra = []
                for name in job.get("input_files") or ():
                    extra.extend(producers.get(("f", name), ()))
                for name in job.get("input_user_data") or ():
                    extra.extend(producers.get(("u", name), ()))
                if extra:
                    found.extend(j for j in extra if j != i)
                    found = list(dict.fromkeys(found))
            elif len(found) > 1 and len(found) != len(set(found)):
                found = list(dict.fromkeys(found))
            blockers[i] = found
        return cls(names, blockers)

    def levels(self) -> list[int] | None:
        """Longest-path depth of every job (0 for jobs that wait for nothing); None if cyclic."""
        if self._levels is not _UNSET:
            return self._levels  # type: ignore[return-value]
        self._levels = self._compute_levels()
        return self._levels  # type: ignore[return-value]

    def _compute_levels(self) -> list[int] | None:
        n = len(self.names)
        if not any(self.blockers):  # no job waits: all on level 0, no cycle
            return [0] * n
        waiting = [len(b) for b in self.blockers]
        dependents: list[list[int]] = [[] for _ in range(n)]
        for i, blockers in enumerate(self.blockers):
            for j in blockers:
                dependents[j].append(i)
        level = [0] * n
        ready = [i for i in range(n) if waiting[i] == 0]
        done = 0
        while ready:
            nxt = []
            for j in ready:
                done += 1
                for i in dependents[j]:
                    if level[j] + 1 > level[i]:
                        level[i] = level[j] + 1
                    waiting[i] -= 1
                    if waiting[i] == 0:
                        nxt.append(i)
            ready = nxt
        return level if done == n else None

    def cycles(self) -> list[list[int]]:
        """Every group of jobs that wait for each other (strongly connected components with a
        cycle), each in job order; empty when the graph is acyclic."""
        if self.levels() is not None:
            return []
        n = len(self.names)
        index_of = [-1] * n
        low = [0] * n
        on_stack = [False] * n
        stack: list[int] = []
        counter = 0
        components: list[list[int]] = []
        for root in range(n):
            if index_of[root] != -1:
                continue
            work = [(root, 0)]
            while work:
                node, child = work[-1]
                if child == 0:
                    index_of[node] = low[node] = counter
                    counter += 1
                    stack.append(node)
                    on_stack[node] = True
                blockers = self.blockers[node]
                if child < len(blockers):
                    work[-1] = (node, child + 1)
                    nxt = blockers[child]
                    if index_of[nxt] == -1:
                        work.append((nxt, 0))
                    elif on_stack[nxt]:
                        low[node] = min(low[node], index_of[nxt])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index_of[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
        components.sort(key=lambda c: c[0])
        return components

    def cycle_path(self, component: list[int]) -> list[int]:
        """One cycle through the component's first job: [a, b, ..., a] (a waits for b ...)."""
        members = set(component)
        start = component[0]
        parent: dict[int, int] = {start: -1}
        queue = [start]
        while queue:
            nxt = []
            for node in queue:
                for blocker in self.blockers[node]:
                    if blocker not in members:
                        continue
                    if blocker == start:
                        path = [node]
                        while parent[path[-1]] != -1:
                            path.append(parent[path[-1]])
                        path.reverse()
                        return [*path, start]
                    if blocker not in parent:
                        parent[blocker] = node
                        nxt.append(blocker)
            queue = nxt
        return [*component, component[0]]
