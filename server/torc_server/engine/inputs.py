"""Input hashes: what a job ran with, so a re-run can be limited to jobs whose inputs changed.

A job's hash covers its command, invocation script, the ids of its dependencies, input and output
files and user data, and the contents of its input user data. Files are compared by modification
time on the client side, not hashed here.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import msgspec

from torc_server.storage.jobs import RELATIONSHIPS

_encode_sorted = functools.partial(msgspec.json.encode, order="sorted")


CHUNK = 10_000
"""Jobs hashed at a time: a million jobs are never all held as Python objects."""


def compute(conn: sqlite3.Connection, workflow_id: int) -> dict[int, str]:
    """job id -> SHA-256 hex of its inputs, for every job of the workflow."""
    return dict(hashes(conn, workflow_id))


def hashes(
    conn: sqlite3.Connection, workflow_id: int, *, unhashed_only: bool = False
) -> Iterator[tuple[int, str]]:
    """(job id, SHA-256 hex of its inputs) for every job of the workflow (or those whose stored
    hash is null), in id order, read a chunk of jobs at a time."""
    after = -1
    only = " AND input_hash IS NULL" if unhashed_only else ""
    while True:
        jobs: dict[int, dict[str, Any]] = {}
        for job_id, command, script in conn.execute(
            f"SELECT id, command, invocation_script FROM job WHERE workflow_id = ? AND id > ?"
            f"{only} ORDER BY id LIMIT ?",
            (workflow_id, after, CHUNK),
        ):
            jobs[job_id] = {"command": command, "invocation_script": script}
        if not jobs:
            return
        first, after = min(jobs), max(jobs)
        for field, (table, column, _, _) in RELATIONSHIPS.items():
            for fields in jobs.values():
                fields[field] = []
            for job_id, other in conn.execute(
                f"SELECT job_id, {column} FROM {table} WHERE job_id BETWEEN ? AND ? "
                f"AND workflow_id = ? ORDER BY job_id, {column}",
                (first, after, workflow_id),
            ):
                if job_id in jobs:
                    jobs[job_id][field].append(other)
        data: dict[int, Any] = {}
        inputs: defaultdict[int, list[int]] = defaultdict(list)
        for job_id, user_data_id, value in conn.execute(
            "SELECT i.job_id, i.user_data_id, u.data FROM job_input_user_data i "
            "JOIN user_data u ON u.id = i.user_data_id WHERE i.job_id BETWEEN ? AND ? "
            "AND i.workflow_id = ? ORDER BY i.job_id, i.user_data_id",
            (first, after, workflow_id),
        ):
            inputs[job_id].append(user_data_id)
            data[user_data_id] = json.loads(value) if value is not None else None
        for job_id, fields in jobs.items():
            used = inputs.get(job_id)
            fields["input_user_data"] = [{"id": i, "data": data[i]} for i in used or ()]
            yield job_id, hashlib.sha256(_canonical(fields, plain=not used)).hexdigest()


def _canonical(fields: dict[str, Any], *, plain: bool) -> bytes:
    """The fields as `json.dumps(sort_keys=True, separators=(",", ":"))` writes them (stored
    hashes from earlier versions must still match). msgspec writes the same bytes, five times
    faster, when the only strings are printable ASCII and there is no user data (whose floats
    the two write differently)."""
    if plain and _printable(fields["command"]) and _printable(fields["invocation_script"]):
        return _encode_sorted(fields)
    return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()


def _printable(text: str | None) -> bool:
    return text is None or (text.isascii() and text.isprintable())


_PLAIN = (
    b'{"command":',
    b',"depends_on_job_ids":[],"input_file_ids":[],"input_user_data":[],'
    b'"input_user_data_ids":[],"invocation_script":',
    b',"output_file_ids":[],"output_user_data_ids":[]}',
)


def _plain_hash(command: str, script: str | None) -> bytes | None:
    """The stored hash of a job with no relationships, as `_canonical` writes it; None when its
    strings need json.dumps."""
    if not (_printable(command) and _printable(script)):
        return None
    head, middle, tail = _PLAIN
    canonical = head + _encode(command) + middle + _encode(script) + tail
    return hashlib.sha256(canonical).digest()


_encode = msgspec.json.encode


def _register(conn: sqlite3.Connection) -> None:
    """Make the SQL function known to the connection, once: registering it again fails while
    any statement of the connection is still open."""
    try:
        conn.execute("SELECT torc_plain_input_hash('', NULL)").fetchone()
    except sqlite3.OperationalError:
        conn.create_function("torc_plain_input_hash", 2, _plain_hash, deterministic=True)


def plain_hashes(conn: sqlite3.Connection, workflow_id: int) -> tuple[str, tuple[int, ...]]:
    """The stored hash as an SQL expression over a job row of the workflow, and its
    parameters: jobs with no relationships (most of a large workflow) are hashed by an SQL
    function, the others are NULL for `store_related` to hash. The caller sets `input_hash` to it
    in an UPDATE it makes anyway (initializing a run rewrites every job's row once, not twice)."""
    _register(conn)
    related = " UNION ".join(
        f"SELECT job_id FROM {table} WHERE workflow_id = ?"
        for table, _, _, _ in RELATIONSHIPS.values()
    )
    expression = (
        f"CASE WHEN id IN ({related}) THEN NULL "
        "ELSE torc_plain_input_hash(command, invocation_script) END"
    )
    return expression, (workflow_id,) * len(RELATIONSHIPS)


def store_related(conn: sqlite3.Connection, workflow_id: int) -> None:
    """Hash and store the jobs `plain_hashes` left NULL (those with relationships)."""
    store(conn, hashes(conn, workflow_id, unhashed_only=True))


def store(conn: sqlite3.Connection, hashes: Iterable[tuple[int, str]] | dict[int, str]) -> None:
    """Write hashes (a mapping, or (id, hash) pairs as `hashes` yields them) a chunk at a time.
    They are stored as the 32 bytes of the digest (as hex, they were 60 % of a job's row);
    versions before stored hex text, which `changed` still recognizes."""
    pairs = iter(hashes.items() if isinstance(hashes, dict) else hashes)
    while chunk := [(bytes.fromhex(h), i) for i, h in itertools.islice(pairs, CHUNK)]:
        conn.executemany("UPDATE job SET input_hash = ? WHERE id = ?", chunk)


def changed(conn: sqlite3.Connection, workflow_id: int) -> list[tuple[int, str]]:
    """(id, name) of jobs that have a stored hash which no longer matches their inputs."""
    current = hashes(conn, workflow_id)
    stored = conn.execute(
        "SELECT id, name, input_hash FROM job WHERE workflow_id = ? ORDER BY id", (workflow_id,)
    )
    found = []
    # both in id order, over the same jobs (nothing changes them in between)
    for (job_id, name, old), (_, new) in zip(stored, current, strict=True):
        if old is not None and old != bytes.fromhex(new) and old != new:
            found.append((job_id, name))
    return found
