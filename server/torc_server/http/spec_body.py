"""The body of `POST /workflow_specs`, read so that a million jobs fit in bounded memory.

The workflow's settings and small sections are decoded as usual; the jobs stay raw JSON slices of
the request body until the engine asks for them, a chunk at a time, each chunk decoded and checked
as strictly as the rest (types, whole floats, no nulls). Decoding all jobs at once into structs
and then dicts took about 1 KB of memory per job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import msgspec

from torc_server.contract import models as m
from torc_server.errors import InvalidRequest
from torc_server.http.routing import _refuse_nulls, _whole_floats

CHUNK = 10_000
"""Jobs decoded at a time."""

# Same name as the contract's model: the null check and error messages look types up by name.
WorkflowSpecBody = msgspec.defstruct(
    "WorkflowSpecModel",
    [
        (f.name, list[msgspec.Raw] if f.name == "jobs" else f.type, f.default)
        if f.required is False
        else (f.name, list[msgspec.Raw] if f.name == "jobs" else f.type)
        for f in msgspec.structs.fields(m.WorkflowSpecModel)
    ],
    kw_only=True,
    omit_defaults=True,
)

_JOBS = msgspec.json.Decoder(list[m.JobSpecModel])
_AT = re.compile(r" - at `\$\[(\d+)\]([^`]*)`$")


def settings(body: Any) -> dict[str, Any]:
    """Everything but the jobs, as plain values (unset fields left out)."""
    return {
        name: msgspec.to_builtins(getattr(body, name))
        for name in body.__struct_fields__
        if name != "jobs" and getattr(body, name) is not msgspec.UNSET
    }


def jobs(raw_jobs: Sequence[msgspec.Raw]) -> Iterator[dict[str, Any]]:
    """Each job as a plain dict, decoded a chunk at a time."""
    for start in range(0, len(raw_jobs), CHUNK):
        chunk = b"[" + b",".join(raw_jobs[start : start + CHUNK]) + b"]"
        decoded = _decode(chunk, start)
        if b"null" in chunk:
            for offset, job in enumerate(decoded):
                _refuse_nulls(job, f"jobs[{start + offset}].")
        yield from msgspec.to_builtins(decoded)


def _decode(chunk: bytes, start: int) -> list[m.JobSpecModel]:
    try:
        return _JOBS.decode(chunk)
    except msgspec.ValidationError as exc:
        try:  # JSON Schema counts 1.0 as an integer (as routing.decode_body does)
            return msgspec.json.decode(
                msgspec.json.encode(_whole_floats(msgspec.json.decode(chunk))),
                type=list[m.JobSpecModel],
            )
        except msgspec.ValidationError:
            raise InvalidRequest(f"invalid request body: {_message(exc, start)}") from None


def _message(exc: msgspec.ValidationError, start: int) -> str:
    """`Expected str, got int - at $[3].name` -> `field 'jobs[10003].name': Expected str, ...`."""
    text = str(exc)
    found = _AT.search(text)
    if found is None:
        return text.replace("`", "")
    where = f"jobs[{start + int(found[1])}]{found[2]}"
    return f"field '{where}': {text[: found.start()].replace('`', '')}"


_IDS_KEY = b'"job_ids":[]'


def response(created: m.CreateWorkflowFromSpecResponse, ids: Sequence[int]) -> bytes:
    """The answer (`created` without its job ids), with `ids` written a slice at a time into the
    encoded body: as a list of a million ints, converted and encoded, they took about 50 MB more
    at the server's peak."""
    body = msgspec.json.encode(created)
    if ids:
        # the key appears once: inside a string its quotes would be escaped
        head, tail = body.split(_IDS_KEY, 1)
        parts = [head, b'"job_ids":[']
        for start in range(0, len(ids), 100_000):
            parts.append(b",".join(b"%d" % i for i in ids[start : start + 100_000]))
            parts.append(b",")
        parts[-1] = b"]"
        parts.append(tail)
        body = b"".join(parts)
    return body
