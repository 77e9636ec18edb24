"""Claims: claim_next_jobs and claim_jobs_based_on_resources (limit, sort methods, resource
fit, greedy packing, scheduler matching, canceled and missing workflows).

Every claim by resources is made twice: as a claim on its own, and with the workflow's resource
requirements read first, as a runner's report reads them; then a claim that one requirement
answers is one statement (`engine/group_claim.py`), and it must pick what the general one picks."""

from __future__ import annotations

import functools

import pytest

from torc_server.engine import Engine, lifecycle
from torc_server.errors import InvalidRequest, NotFound, StateConflict

from . import builders as b


@pytest.fixture(autouse=True, params=["on its own", "after the report's read"])
def claim_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.param == "after the report's read":
        claim = functools.partial(b.claim_resources, requirements_read=True)
        monkeypatch.setattr(b, "claim_resources", claim)


# ---------------------------------------------------------------------------------------------
# claim_next_jobs


def test_claim_next_jobs_takes_ready_jobs_in_id_order_up_to_the_limit(engine: Engine) -> None:
    flow = b.independent(engine, 7)
    b.initialize(engine, flow.wf)
    every = sorted(flow.jobs.values())
    assert b.claim(engine, flow.wf, 3) == every[:3]
    assert b.claim(engine, flow.wf, 3) == every[3:6]
    assert b.claim(engine, flow.wf, 3) == every[6:]  # fewer than the limit are left
    assert b.claim(engine, flow.wf, 3) == []  # exhausted
    assert set(b.statuses(engine, flow.wf).values()) == {"pending"}


def test_claimed_jobs_are_answered_pending_with_their_relationships(engine: Engine) -> None:
    wf = b.workflow(engine)
    out = b.file(engine, wf, "out")
    ids = b.add_jobs(engine, wf, {"a": {"output_file_ids": [out]}, "b": {"after": ["a"]}})
    b.initialize(engine, wf)
    with engine.change() as conn:
        (claimed,) = lifecycle.claim_next_jobs(conn, wf, 10)
    assert claimed["id"] == ids["a"]
    assert claimed["status"] == "pending"
    assert claimed["output_file_ids"] == [out]
    assert b.statuses(engine, wf) == {"a": "pending", "b": "blocked"}


def test_claim_next_jobs_ignores_resources_and_blocked_jobs(engine: Engine) -> None:
    wf = b.workflow(engine)
    huge = b.requirements(engine, wf, "huge", num_cpus=512, num_gpus=8, memory="4t")
    ids = b.add_jobs(
        engine, wf, {"big": {"resource_requirements_id": huge}, "after_big": {"after": ["big"]}}
    )
    b.initialize(engine, wf)
    assert b.claim(engine, wf, 10) == [ids["big"]]


def test_claim_next_jobs_with_zero_limit_or_nothing_ready(engine: Engine) -> None:
    flow = b.independent(engine, 2)
    assert b.claim(engine, flow.wf, 5) == []  # not initialized: nothing is ready
    b.initialize(engine, flow.wf)
    assert b.claim(engine, flow.wf, 0) == []
    assert set(b.statuses(engine, flow.wf).values()) == {"ready"}
    with pytest.raises(InvalidRequest, match="limit"), engine.change() as conn:
        lifecycle.claim_next_jobs(conn, flow.wf, -1)


def test_claims_never_hand_out_a_job_twice(engine: Engine) -> None:
    flow = b.independent(engine, 50)
    b.initialize(engine, flow.wf)
    seen: list[int] = []
    while batch := b.claim(engine, flow.wf, 7):
        seen.extend(batch)
    assert sorted(seen) == sorted(flow.jobs.values())
    assert len(set(seen)) == len(seen)


def test_claims_on_a_canceled_workflow_answer_nothing(engine: Engine) -> None:
    flow = b.independent(engine, 3)
    b.initialize(engine, flow.wf)
    with engine.change() as conn:
        lifecycle.cancel_workflow(conn, flow.wf, engine.events)
    assert b.claim(engine, flow.wf) == []
    with engine.change() as conn:
        claimed, reason = lifecycle.claim_jobs_based_on_resources(
            conn, flow.wf, 10, b.offer(), sort_method=None, strict_scheduler_match=False
        )
    assert (claimed, reason) == ([], "Workflow is canceled")
    assert set(b.statuses(engine, flow.wf).values()) == {"ready"}


def test_claims_on_a_missing_workflow_are_not_found(engine: Engine) -> None:
    with pytest.raises(NotFound, match="4040"), engine.change() as conn:
        lifecycle.claim_next_jobs(conn, 4040, 1)
    with pytest.raises(NotFound, match="4040"), engine.change() as conn:
        lifecycle.claim_jobs_based_on_resources(
            conn, 4040, 1, b.offer(), sort_method=None, strict_scheduler_match=False
        )


# ---------------------------------------------------------------------------------------------
# claim_jobs_based_on_resources: what fits


def one_job(engine: Engine, **requirements: object) -> b.Built:
    """A workflow with one ready job with these requirements."""
    wf = b.workflow(engine)
    rr = b.requirements(engine, wf, "rr", **requirements)
    built = b.Built(wf, b.add_jobs(engine, wf, {"job": {"resource_requirements_id": rr}}))
    b.initialize(engine, wf)
    return built


@pytest.mark.parametrize(
    ("requirements", "too_small", "enough"),
    [
        ({"num_cpus": 8}, b.offer(num_cpus=7), b.offer(num_cpus=8)),
        ({"memory": "10g"}, b.offer(memory_gb=9.9), b.offer(memory_gb=10.0)),
        ({"memory": "512m"}, b.offer(memory_gb=0.49), b.offer(memory_gb=0.5)),
        ({"num_gpus": 2}, b.offer(num_gpus=1), b.offer(num_gpus=2)),
        ({"num_nodes": 2}, b.offer(num_nodes=1), b.offer(num_nodes=2)),
        ({"runtime": "PT2H"}, b.offer(time_limit="PT1H59M"), b.offer(time_limit="PT2H")),
        ({"runtime": "P1D"}, b.offer(time_limit="PT23H"), b.offer()),  # no limit: any runtime
    ],
    ids=["cpus", "memory", "fractional-memory", "gpus", "nodes", "runtime", "no-time-limit"],
)
def test_a_job_is_claimed_only_when_it_fits(
    engine: Engine, requirements: dict[str, object], too_small: dict, enough: dict
) -> None:
    flow = one_job(engine, **requirements)
    assert b.claim_resources(engine, flow.wf, too_small) == []
    assert b.status(engine, flow["job"]) == "ready"
    assert b.claim_resources(engine, flow.wf, enough) == [flow["job"]]
    assert b.status(engine, flow["job"]) == "pending"


def test_an_invalid_time_limit_is_refused(engine: Engine) -> None:
    flow = one_job(engine)
    with pytest.raises(StateConflict, match="1 hour"), engine.change() as conn:
        lifecycle.claim_jobs_based_on_resources(
            conn,
            flow.wf,
            5,
            b.offer(time_limit="1 hour"),
            sort_method=None,
            strict_scheduler_match=False,
        )
    assert b.status(engine, flow["job"]) == "ready"


def test_only_ready_jobs_are_candidates(engine: Engine) -> None:
    flow = b.chain(engine, "a", "b", "c")
    b.initialize(engine, flow.wf)
    assert b.claim_resources(engine, flow.wf, b.offer(num_cpus=64, memory_gb=64)) == [flow["a"]]


# ---------------------------------------------------------------------------------------------
# greedy packing


def sized(engine: Engine, *sizes: dict[str, object]) -> b.Built:
    """One ready job per requirements dict, named j0, j1, ... in id order."""
    wf = b.workflow(engine)
    specs = {}
    for index, size in enumerate(sizes):
        rr = b.requirements(engine, wf, f"rr{index}", **size)
        specs[f"j{index}"] = {"resource_requirements_id": rr}
    built = b.Built(wf, b.add_jobs(engine, wf, specs))
    b.initialize(engine, wf)
    return built


def test_packing_counts_cpus_together(engine: Engine) -> None:
    flow = sized(engine, *({"num_cpus": 2} for _ in range(5)))
    assert b.claim_resources(engine, flow.wf, b.offer(num_cpus=5)) == flow.ids("j0", "j1")
    assert b.claim_resources(engine, flow.wf, b.offer(num_cpus=5)) == flow.ids("j2", "j3")


def test_packing_counts_memory_together(engine: Engine) -> None:
    flow = sized(engine, *({"memory": "3g"} for _ in range(4)))
    assert b.claim_resources(engine, flow.wf, b.offer(memory_gb=7.5)) == flow.ids("j0", "j1")


def test_packing_counts_gpus_together(engine: Engine) -> None:
    flow = sized(engine, *({"num_gpus": 1} for _ in range(4)))
    claimed = b.claim_resources(engine, flow.wf, b.offer(num_gpus=3))
    assert claimed == flow.ids("j0", "j1", "j2")


def test_packing_skips_a_job_that_does_not_fit_and_tries_the_next(engine: Engine) -> None:
    flow = sized(engine, {"num_cpus": 3}, {"num_cpus": 3}, {"num_cpus": 1}, {"num_cpus": 1})
    assert b.claim_resources(engine, flow.wf, b.offer(num_cpus=4)) == flow.ids("j0", "j2")
    assert b.statuses(engine, flow.wf) == {
        "j0": "pending",
        "j1": "ready",
        "j2": "pending",
        "j3": "ready",
    }


def test_multi_node_jobs_count_nodes_and_single_node_jobs_share_them(engine: Engine) -> None:
    flow = sized(engine, *({"num_nodes": 4} for _ in range(4)))
    assert b.claim_resources(engine, flow.wf, b.offer(num_cpus=64, num_nodes=4)) == [flow["j0"]]
    singles = sized(engine, *({"num_nodes": 1} for _ in range(3)))
    assert len(b.claim_resources(engine, singles.wf, b.offer(num_cpus=3, num_nodes=1))) == 3
    mixed = sized(engine, {"num_nodes": 2}, {"num_nodes": 2}, {"num_nodes": 1})
    claimed = b.claim_resources(engine, mixed.wf, b.offer(num_cpus=64, num_nodes=3))
    assert claimed == mixed.ids("j0", "j2")


def uniform(engine: Engine, count: int, **size: int) -> b.Built:
    """`count` ready jobs of the workflow's `default` requirements, resized (its columns:
    num_cpus, num_gpus, num_nodes, memory_bytes): one requirement only."""
    wf = b.workflow(engine)
    with engine.change() as conn:
        assigned = ", ".join(f"{column} = ?" for column in size)
        conn.execute(
            f"UPDATE resource_requirements SET {assigned} WHERE workflow_id = ?",
            [*size.values(), wf],
        )
    built = b.Built(wf, b.add_jobs(engine, wf, {f"j{i}": {} for i in range(count)}))
    b.initialize(engine, wf)
    return built


@pytest.mark.parametrize(
    ("size", "offer", "expected"),
    [
        ({"num_cpus": 2}, {"num_cpus": 5}, 2),
        ({"memory_bytes": 3 * 1024**3}, {"memory_gb": 7.5}, 2),
        ({"num_gpus": 1}, {"num_gpus": 3}, 3),
        ({"num_gpus": 1}, {"num_gpus": 0}, 0),
        ({"num_nodes": 2}, {"num_cpus": 64, "num_nodes": 3}, 1),
        ({"num_cpus": 0, "memory_bytes": 0}, {"num_cpus": 1}, 6),  # the limit decides
        ({"num_cpus": 1}, {"num_cpus": 64}, 6),
    ],
)
def test_jobs_of_one_requirement_are_packed_as_many_as_fit(
    engine: Engine, size: dict[str, int], offer: dict[str, float], expected: int
) -> None:
    flow = uniform(engine, 8, **size)
    every = sorted(flow.jobs.values())
    assert b.claim_resources(engine, flow.wf, b.offer(**offer), 6) == every[:expected]
    assert b.claim_resources(engine, flow.wf, b.offer(**offer), 6) == every[expected : 2 * expected]


@pytest.mark.parametrize(("limit", "expected"), [(1, 1), (5, 5), (100, 10), (0, 0)])
def test_limit_caps_the_candidates(engine: Engine, limit: int, expected: int) -> None:
    flow = sized(engine, *({"num_cpus": 1} for _ in range(10)))
    claimed = b.claim_resources(engine, flow.wf, b.offer(num_cpus=100), limit)
    assert claimed == sorted(flow.jobs.values())[:expected]


def test_limit_counts_candidates_not_accepted_jobs(engine: Engine) -> None:
    # The first two candidates do not fit together: with limit 2 only one is claimed, even
    # though a third job would have fit.
    flow = sized(engine, {"num_cpus": 3}, {"num_cpus": 3}, {"num_cpus": 1})
    assert b.claim_resources(engine, flow.wf, b.offer(num_cpus=4), 2) == [flow["j0"]]


# ---------------------------------------------------------------------------------------------
# sort methods


SORTABLE = (
    {"num_gpus": 0, "runtime": "PT1H", "memory": "4g"},  # j0
    {"num_gpus": 1, "runtime": "PT10M", "memory": "1g"},  # j1
    {"num_gpus": 0, "runtime": "PT2H", "memory": "1g"},  # j2
    {"num_gpus": 0, "runtime": "PT1H", "memory": "8g"},  # j3
)


@pytest.mark.parametrize(
    ("sort_method", "order"),
    [
        ("gpus_runtime_memory", ["j1", "j2", "j3", "j0"]),
        ("gpus_memory_runtime", ["j1", "j3", "j0", "j2"]),
        ("none", ["j0", "j1", "j2", "j3"]),
    ],
)
def test_sort_methods_order_the_candidates(
    engine: Engine, sort_method: str, order: list[str]
) -> None:
    flow = sized(engine, *SORTABLE)
    roomy = b.offer(num_cpus=16, memory_gb=64, num_gpus=4)
    assert b.claim_resources(engine, flow.wf, roomy, sort_method=sort_method) == flow.ids(*order)
    # With limit 1, the first in that order is the one claimed.
    again = sized(engine, *SORTABLE)
    assert b.claim_resources(engine, again.wf, roomy, 1, sort_method=sort_method) == [
        again[order[0]]
    ]


@pytest.mark.parametrize("per_group", [True, False], ids=["per-requirement", "one-query"])
@pytest.mark.parametrize("sort_method", ["gpus_runtime_memory", "gpus_memory_runtime", "none"])
def test_claim_order_is_the_same_however_many_requirement_groups(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, sort_method: str, per_group: bool
) -> None:
    """Jobs of several requirements, interleaved in id order, some with equal sort keys: a
    claim takes them in the sort order, ties by job id, through either query strategy."""
    if not per_group:
        monkeypatch.setattr(lifecycle, "MAX_GROUP_QUERIES", 0)
    wf = b.workflow(engine)
    sizes = [
        {"runtime": "PT1H", "memory": "2g"},
        {"runtime": "PT1H", "memory": "2g"},  # same key as the first: ties go by job id
        {"runtime": "PT2H", "memory": "1g"},
        {"runtime": "PT10M", "memory": "4g", "num_gpus": 1},
    ]
    rrs = [b.requirements(engine, wf, f"rr{i}", **size) for i, size in enumerate(sizes)]
    specs = {f"j{i}": {"resource_requirements_id": rrs[i % len(rrs)]} for i in range(12)}
    flow = b.Built(wf, b.add_jobs(engine, wf, specs))
    b.initialize(engine, wf)
    key = {
        "gpus_runtime_memory": lambda i: (
            -(i % 4 == 3),
            -[60, 60, 120, 10][i % 4],
            -[2, 2, 1, 4][i % 4],
        ),
        "gpus_memory_runtime": lambda i: (
            -(i % 4 == 3),
            -[2, 2, 1, 4][i % 4],
            -[60, 60, 120, 10][i % 4],
        ),
        "none": lambda i: (),
    }[sort_method]
    expected = [flow[f"j{i}"] for i in sorted(range(12), key=lambda i: (*key(i), i))]
    roomy = b.offer(num_cpus=64, memory_gb=512, num_gpus=8)
    assert b.claim_resources(engine, wf, roomy, 5, sort_method=sort_method) == expected[:5]
    assert b.claim_resources(engine, wf, roomy, 100, sort_method=sort_method) == expected[5:]


def test_sort_method_left_out_does_not_sort(engine: Engine) -> None:
    flow = sized(engine, *SORTABLE)
    roomy = b.offer(num_cpus=16, memory_gb=64, num_gpus=4)
    claimed = b.claim_resources(engine, flow.wf, roomy, sort_method=None)
    assert claimed == flow.ids("j0", "j1", "j2", "j3")


def test_sorting_decides_what_is_packed_first(engine: Engine) -> None:
    # Both jobs need all the memory; the sort decides which one gets it.
    flow = sized(engine, {"memory": "4g", "runtime": "PT1H"}, {"memory": "4g", "runtime": "PT5H"})
    offer = b.offer(memory_gb=4)
    assert b.claim_resources(engine, flow.wf, offer, sort_method="gpus_runtime_memory") == [
        flow["j1"]
    ]


# ---------------------------------------------------------------------------------------------
# scheduler matching


def scheduled(engine: Engine) -> b.Built:
    """Ready jobs: any (no scheduler), s1 (scheduler 1), s2 (scheduler 2)."""
    wf = b.workflow(engine)
    ids = b.add_jobs(
        engine,
        wf,
        {"any": {}, "s1": {"scheduler_id": 1}, "s2": {"scheduler_id": 2}},
    )
    b.initialize(engine, wf)
    return b.Built(wf, ids)


def test_scheduler_config_id_selects_its_jobs_and_unscheduled_ones(engine: Engine) -> None:
    flow = scheduled(engine)
    claimed = b.claim_resources(engine, flow.wf, b.offer(scheduler_config_id=1))
    assert claimed == flow.ids("any", "s1")


def test_other_schedulers_jobs_are_taken_when_none_match_unless_strict(engine: Engine) -> None:
    flow = scheduled(engine)
    assert b.claim_resources(engine, flow.wf, b.offer(scheduler_config_id=1)) == flow.ids(
        "any", "s1"
    )
    strict = b.claim_resources(
        engine, flow.wf, b.offer(scheduler_config_id=1), strict_scheduler_match=True
    )
    assert strict == []
    assert b.status(engine, flow["s2"]) == "ready"
    assert b.claim_resources(engine, flow.wf, b.offer(scheduler_config_id=1)) == [flow["s2"]]


def test_a_runner_without_scheduler_prefers_unscheduled_jobs(engine: Engine) -> None:
    flow = scheduled(engine)
    assert b.claim_resources(engine, flow.wf, b.offer(), strict_scheduler_match=True) == [
        flow["any"]
    ]
    assert b.claim_resources(engine, flow.wf, b.offer(), strict_scheduler_match=True) == []
    assert b.claim_resources(engine, flow.wf, b.offer()) == flow.ids("s1", "s2")


def test_scheduler_fallback_still_requires_the_resources_to_fit(engine: Engine) -> None:
    wf = b.workflow(engine)
    big = b.requirements(engine, wf, "big", num_cpus=32)
    ids = b.add_jobs(engine, wf, {"s2": {"scheduler_id": 2, "resource_requirements_id": big}})
    b.initialize(engine, wf)
    assert b.claim_resources(engine, wf, b.offer(num_cpus=4, scheduler_config_id=1)) == []
    assert b.status(engine, ids["s2"]) == "ready"
