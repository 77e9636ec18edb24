"""Generic create, read, update, delete and paged listing over the resource tables.

Each resource is described by a `Table`: which model fields are columns, which hold booleans or
encoded JSON, and which query filters map to which SQL conditions. Rows travel as plain dicts in
wire form (booleans as bool, JSON as objects, job statuses as names; absent values left out).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec

from torc_server.errors import InvalidRequest, NotFound
from torc_server.storage.schema import JOB_STATUS_CODES, JOB_STATUS_NAMES

MAX_LIMIT = 10_000
INT64_MAX = 2**63 - 1

_json_encode = msgspec.json.encode
_json_decode = msgspec.json.decode


@dataclass(frozen=True)
class Table:
    """How one resource maps onto its SQL table."""

    name: str
    kind: str  # a human name for messages: "Job", "File", ...
    columns: tuple[str, ...]  # model fields stored as columns, `id` excluded
    bools: frozenset[str] = frozenset()
    json: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()  # job_status names stored as codes
    # query parameter -> SQL condition on the table (aliased `t`) with one `?`
    filters: Mapping[str, str] = field(default_factory=dict)
    # model fields a list may be sorted by (columns of `t`)
    sortable: tuple[str, ...] = ()
    required: tuple[str, ...] = ()  # NOT NULL columns without a default
    # a column whose order is the ids' order (events: the server stamps them in order), so that
    # listing in id order reads the table's index on (workflow_id, that column)
    id_order: str | None = None

    def select_columns(self) -> str:
        return ", ".join(f"t.{c}" for c in ("id", *self.columns))

    @functools.cached_property
    def converters(self) -> dict[str, Callable[[Any], Any]]:
        """Column value to wire value, for the columns whose values differ (`from_row`)."""
        convert: dict[str, Callable[[Any], Any]] = dict.fromkeys(
            self.statuses, JOB_STATUS_NAMES.__getitem__
        )
        convert.update(dict.fromkeys(self.json, _json_decode))
        convert.update(dict.fromkeys(self.bools, bool))  # a column in two sets: as a bool
        return convert


def to_row(table: Table, values: Mapping[str, Any]) -> dict[str, Any]:
    """Wire values to column values, keeping only known columns."""
    row: dict[str, Any] = {}
    for name in table.columns:
        if name not in values:
            continue
        value = values[name]
        if value is None or value is msgspec.UNSET:
            continue
        if name in table.bools:
            value = int(bool(value))
        elif name in table.json:
            value = _json_encode(value).decode()
        elif name in table.statuses:
            value = JOB_STATUS_CODES[value]
        row[name] = value
    return row


def from_row(
    table: Table, row: sqlite3.Row | Mapping[str, Any], keys: Sequence[str] | None = None
) -> dict[str, Any]:
    """Column values to wire values; NULLs are left out. The values are taken as they are,
    then the table's few special columns converted (a list of jobs converts thousands).
    `keys`: the row's column names, when the caller knows them (asking each row for its own
    costs as much as the rest)."""
    if keys is None:
        keys = row.keys()
    values = row if isinstance(row, sqlite3.Row) else [row[name] for name in keys]
    # the names come from the same query as the values: checking their lengths costs time
    out = {name: value for name, value in zip(keys, values, strict=False) if value is not None}
    for name, convert in table.converters.items():
        if name in out:
            out[name] = convert(out[name])
    return out


def to_json(value: Any) -> str:
    """JSON text of ids (or lists of them) for `json_each(?)`, quicker than `json.dumps`."""
    return _json_encode(value).decode()


MAX_LISTED_IDS = 64
"""Up to this many ids are bound one by one (`id IN (?, ?)`), more as one JSON list."""


def among(ids: Sequence[int]) -> tuple[str, list[Any]]:
    """An `IN` condition matching these (in-range) ids, and its parameters: a few ids are bound
    one by one (quicker to plan and run than `json_each`), many as one JSON list."""
    if len(ids) <= MAX_LISTED_IDS:
        return _LISTED[len(ids)], list(ids)
    return "IN (SELECT value FROM json_each(?))", [to_json(list(ids))]


# The same string each time, so that the statement cache finds it without hashing a new one
# (none: `IN ()`, which SQLite takes as matching nothing).
_LISTED = ["IN ()", "= ?", *(f"IN ({', '.join('?' * n)})" for n in range(2, MAX_LISTED_IDS + 1))]


def check_id(value: int, what: str = "id") -> int:
    if not -INT64_MAX - 1 <= value <= INT64_MAX:
        raise InvalidRequest(f"{what} {value} is out of the 64-bit integer range")
    return value


def insert(conn: sqlite3.Connection, table: Table, values: Mapping[str, Any]) -> int:
    row = to_row(table, values)
    missing = [c for c in table.required if c not in row]
    if missing:
        raise InvalidRequest(f"{table.kind} is missing required field(s): {', '.join(missing)}")
    if row:
        names = ", ".join(row)
        marks = ", ".join("?" * len(row))
        cursor = conn.execute(
            f"INSERT INTO {table.name} ({names}) VALUES ({marks})", tuple(row.values())
        )
    else:
        cursor = conn.execute(f"INSERT INTO {table.name} DEFAULT VALUES")
    assert cursor.lastrowid is not None
    return cursor.lastrowid


ROWS_PER_INSERT = 128
"""Rows per multi-row INSERT (one statement is much quicker than `executemany` of as many)."""


def insert_rows(
    conn: sqlite3.Connection, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert rows by multi-row INSERT statements (much quicker than `executemany`)."""
    names = tuple(names)
    for at in range(0, len(rows), ROWS_PER_INSERT):
        chunk = rows[at : at + ROWS_PER_INSERT]
        conn.execute(
            _insert_sql(table, names, len(chunk)), [value for row in chunk for value in row]
        )


@functools.lru_cache(maxsize=512)
def _insert_sql(table: str, names: tuple[str, ...], count: int) -> str:
    """A multi-row INSERT's text (a runner's report makes two, each request again)."""
    marks = "(" + ", ".join("?" * len(names)) + ")"
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES " + ", ".join([marks] * count)


def fetch(conn: sqlite3.Connection, table: Table, record_id: int) -> dict[str, Any]:
    """The record as a wire dict; NotFound when it does not exist."""
    check_id(record_id)
    row = conn.execute(
        f"SELECT {table.select_columns()} FROM {table.name} t WHERE t.id = ?", (record_id,)
    ).fetchone()
    if row is None:
        raise NotFound.record(table.kind, record_id)
    return from_row(table, row)


def exists(conn: sqlite3.Connection, table_name: str, record_id: int) -> bool:
    if not -INT64_MAX - 1 <= record_id <= INT64_MAX:
        return False
    return (
        conn.execute(f"SELECT 1 FROM {table_name} WHERE id = ?", (record_id,)).fetchone()
        is not None
    )


_COLUMN_INFO: dict[str, dict[str, tuple[bool, str | None]]] = {}


def _column_info(conn: sqlite3.Connection, table: str) -> dict[str, tuple[bool, str | None]]:
    """column -> (NOT NULL, default SQL) as the schema declares them."""
    if table not in _COLUMN_INFO:
        _COLUMN_INFO[table] = {
            row[1]: (bool(row[3]), row[4]) for row in conn.execute(f"PRAGMA table_info({table})")
        }
    return _COLUMN_INFO[table]


def update(
    conn: sqlite3.Connection,
    table: Table,
    record_id: int,
    values: Mapping[str, Any],
    *,
    keep: tuple[str, ...] = ("workflow_id",),
) -> dict[str, Any]:
    """Replace the record's fields with `values` (PUT): a field left out goes back to its
    default, or is cleared; columns in `keep`, and required ones without a default, keep their
    value when left out."""
    fetch(conn, table, record_id)
    row = to_row(table, values)
    assignments = [f"{name} = ?" for name in row]
    params = list(row.values())
    info = _column_info(conn, table.name)
    for name in table.columns:
        if name in row or name in keep:
            continue
        not_null, default = info[name]
        if default is not None:
            assignments.append(f"{name} = {default}")
        elif not not_null:
            assignments.append(f"{name} = NULL")
    if assignments:
        conn.execute(
            f"UPDATE {table.name} SET {', '.join(assignments)} WHERE id = ?", (*params, record_id)
        )
    return fetch(conn, table, record_id)


def delete(conn: sqlite3.Connection, table: Table, record_id: int) -> dict[str, Any]:
    record = fetch(conn, table, record_id)
    conn.execute(f"DELETE FROM {table.name} WHERE id = ?", (record_id,))
    return record


def delete_for_workflow(conn: sqlite3.Connection, table: Table, workflow_id: int) -> int:
    cursor = conn.execute(f"DELETE FROM {table.name} WHERE workflow_id = ?", (workflow_id,))
    return cursor.rowcount


@dataclass
class Page:
    items: list[dict[str, Any]]
    offset: int
    total_count: int

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def has_more(self) -> bool:
        return self.offset + self.count < self.total_count


def check_paging(offset: int, limit: int) -> None:
    if offset < 0:
        raise InvalidRequest(f"offset must be 0 or more, got {offset}")
    if limit < 0:
        raise InvalidRequest(f"limit must be 0 or more, got {limit}")
    if limit > MAX_LIMIT:
        raise InvalidRequest(f"limit {limit} exceeds the maximum of {MAX_LIMIT} records per page")
    check_id(offset, "offset")


def order_clause(table: Table, sort_by: str | None, reverse: bool) -> str:
    column = sort_by or "id"
    if column != "id" and column not in table.sortable:
        allowed = ", ".join(("id", *table.sortable))
        raise InvalidRequest(
            f"cannot sort {table.kind} records by '{column}'; use one of: {allowed}"
        )
    direction = "DESC" if reverse else "ASC"
    if column == "id" and table.id_order is not None:
        column = table.id_order
    if column == "id":
        return f"t.id {direction}"
    return f"t.{column} {direction}, t.id {direction}"


def list_page(
    conn: sqlite3.Connection,
    table: Table,
    filters: Mapping[str, Any],
    *,
    offset: int,
    limit: int,
    sort_by: str | None = None,
    reverse_sort: bool = False,
    base_conditions: Sequence[tuple[str, Sequence[Any]]] = (),
    select: str | None = None,
    convert: Callable[[sqlite3.Row], dict[str, Any]] | None = None,
) -> Page:
    """One page of records matching every given filter, and how many match in all."""
    check_paging(offset, limit)
    order = order_clause(table, sort_by, reverse_sort)
    conditions: list[str] = []
    params: list[Any] = []
    for sql, values in base_conditions:
        conditions.append(sql)
        params.extend(values)
    for name, value in filters.items():
        if value is None or value is msgspec.UNSET:
            continue
        sql = table.filters[name]
        if isinstance(value, bool):
            value = int(value)
        elif name in table.statuses and isinstance(value, str):
            value = JOB_STATUS_CODES[value]
        elif isinstance(value, int):
            check_id(value, name)
        conditions.append(sql)
        params.append(value)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    (total,) = conn.execute(f"SELECT COUNT(*) FROM {table.name} t {where}", params).fetchone()
    rows = conn.execute(
        f"SELECT {select or table.select_columns()} FROM {table.name} t {where} "
        f"ORDER BY {order} LIMIT ? OFFSET ?",
        (*params, limit, offset),
    ).fetchall()
    if convert is None:
        keys = rows[0].keys() if rows else ()
        return Page([from_row(table, row, keys) for row in rows], offset, total)
    return Page([convert(row) for row in rows], offset, total)
