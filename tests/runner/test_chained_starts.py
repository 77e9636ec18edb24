"""A spawner thread whose job ended at once starts the next prepared job itself, when that job
needs what the ended one held (`torc_runner.chained_starts`)."""

from __future__ import annotations

import os
from concurrent.futures import Future
from pathlib import Path

from torc_runner import job_process, stdio_files
from torc_runner.chained_starts import Chain, Inbox, Launch, Outcome
from torc_runner.quick_exit import Started
from torc_runner.resources import Need

ONE = Need(1, 0, 0)
TWO = Need(2, 0, 0)


def _launch(tmp_path: Path, name: str, need: Need, command: str | None = None) -> Launch:
    argv = job_process.command_line(command or f"echo {name}", None)
    out, err = tmp_path / f"{name}.o", tmp_path / f"{name}.e"

    def spawn(opened: stdio_files.Opened | None) -> int:
        return job_process.spawn(argv, out, err, dict(os.environ), opened=opened)

    return Launch(name, need, spawn)


def _run(chain: Chain, first: Launch) -> list[tuple[Launch, Outcome]]:
    delivered: list[tuple[Launch, Outcome]] = []
    chain.run(first, lambda launch, outcome: delivered.append((launch, outcome)))
    return delivered


def test_jobs_ending_at_once_start_the_next_that_needs_the_same(tmp_path: Path) -> None:
    chain = Chain(grace=10.0)
    waiting = [_launch(tmp_path, name, need) for name, need in (("b", ONE), ("c", ONE))]
    waiting += [_launch(tmp_path, "d", TWO), _launch(tmp_path, "e", ONE)]
    for launch in waiting:
        chain.offer(launch)
    delivered = _run(chain, _launch(tmp_path, "a", ONE))
    assert [launch.job for launch, _ in delivered] == ["a", "b", "c"]  # d needs more: it waits
    assert [(launch.chained, launch.passed_on) for launch, _ in delivered] == [
        (False, True),
        (True, True),
        (True, False),
    ]
    for launch, outcome in delivered:
        assert isinstance(outcome, Started) and outcome.returncode == 0
        assert (tmp_path / f"{launch.job}.o").read_text() == f"{launch.job}\n"
    assert chain.in_flight == 2  # until the loop hears of them
    for launch, _ in delivered:
        chain.heard(launch)
    assert chain.in_flight == 0
    assert [launch.job for launch in chain.take_back()] == ["d", "e"]
    assert len(chain) == 0 and not (tmp_path / "d.o").exists()


def test_a_closed_chain_starts_nothing_more(tmp_path: Path) -> None:
    chain = Chain(grace=10.0)
    chain.offer(_launch(tmp_path, "b", ONE))
    chain.close()
    delivered = _run(chain, _launch(tmp_path, "a", ONE))
    assert [launch.job for launch, _ in delivered] == ["a"]
    assert not delivered[0][0].passed_on
    assert chain.jobs() == ["b"]


def test_a_job_still_running_is_handed_over_and_nothing_is_chained(tmp_path: Path) -> None:
    chain = Chain(grace=0.01)
    chain.offer(_launch(tmp_path, "b", ONE))
    delivered = _run(chain, _launch(tmp_path, "a", ONE, "sleep 0.3"))
    [(launch, outcome)] = delivered
    assert isinstance(outcome, Started) and outcome.returncode is None
    assert not launch.passed_on and chain.jobs() == ["b"]
    os.waitpid(outcome.pid, 0)


def test_a_start_that_fails_is_delivered_as_the_error(tmp_path: Path) -> None:
    def refuse(opened: stdio_files.Opened | None) -> int:
        raise FileNotFoundError(2, "No such file or directory", "nothing")

    chain = Chain(grace=10.0)
    chain.offer(_launch(tmp_path, "b", ONE))
    delivered = _run(chain, Launch("a", ONE, refuse))
    assert [(launch.job, type(outcome)) for launch, outcome in delivered] == [
        ("a", FileNotFoundError)
    ]
    assert chain.jobs() == ["b"]


def test_the_loop_takes_a_waiting_start_only_when_it_fits() -> None:
    chain = Chain()
    chain.offer(Launch("a", TWO, lambda opened: 0))
    assert chain.take_if(lambda need: need.num_cpus <= 1) is None
    taken = chain.take_if(lambda need: need.num_cpus <= 2)
    assert taken is not None and taken.job == "a" and len(chain) == 0


def test_files_opened_ahead_are_the_jobs_and_discarded_when_it_does_not_start(
    tmp_path: Path,
) -> None:
    def opened(name: str) -> Future[stdio_files.Opened]:
        future: Future[stdio_files.Opened] = Future()
        future.set_result(stdio_files.open_pair(tmp_path / f"{name}.o", tmp_path / f"{name}.e"))
        return future

    started = _launch(tmp_path, "a", ONE)
    started.files = opened("a")
    delivered = _run(Chain(grace=10.0), started)
    assert isinstance(delivered[0][1], Started) and delivered[0][1].returncode == 0
    assert (tmp_path / "a.o").read_text() == "a\n"
    dropped = _launch(tmp_path, "b", ONE)
    dropped.files = opened("b")
    assert (tmp_path / "b.o").exists()
    dropped.discard()
    assert not (tmp_path / "b.o").exists() and not (tmp_path / "b.e").exists()


def test_waiting_starts_go_back_to_the_front_of_the_queue_in_order() -> None:
    from collections import deque

    chain = Chain()
    for name in ("a", "b"):
        chain.offer(Launch(name, ONE, lambda opened: 0))
    queue = deque(["c"])
    chain.return_to(queue)
    assert list(queue) == ["a", "b", "c"] and len(chain) == 0


def test_starts_delivered_while_the_loop_is_busy_are_taken_together_in_order() -> None:
    import asyncio
    import threading

    async def deliver_from_threads() -> tuple[list[str], int]:
        loop = asyncio.get_running_loop()
        taken: list[str] = []
        inbox = Inbox(loop, lambda launch, outcome: taken.append(launch.job))
        turns = 0
        real = loop.call_soon_threadsafe

        def counted(*args: object) -> object:
            nonlocal turns
            turns += 1
            return real(*args)  # type: ignore[arg-type]

        loop.call_soon_threadsafe = counted  # type: ignore[method-assign]
        outcome = Started(1, 0.0, 0)
        thread = threading.Thread(
            target=lambda: [
                inbox.deliver(Launch(str(i), ONE, lambda o: 0), outcome) for i in range(5)
            ]
        )
        thread.start()
        thread.join()  # the loop was busy (here: blocked) while all five arrived
        await asyncio.sleep(0.01)
        inbox.deliver(Launch("5", ONE, lambda o: 0), outcome)  # the loop is idle again: it wakes
        await asyncio.sleep(0.01)
        return taken, turns

    taken, turns = asyncio.run(deliver_from_threads())
    assert taken == ["0", "1", "2", "3", "4", "5"]
    assert turns == 2
