"""The one guard every request passes through: who is asking (HTTP Basic), and whether they may
reach the workflow the request is about (access control).

It runs as the application's `before_request` hook, before any parameter or body is decoded for
the handler: an async function (no thread hand-off) that reads the `Authorization` header straight
from the ASGI scope. With a verified login cached, authentication costs a SHA-256 and a dictionary
lookup; access control adds one indexed query per workflow the request reaches. A refusal is an
answer of its own, with the usual `{"error": {"message": ...}}` body: 401 with `WWW-Authenticate`
(no hint whether the user exists), or 403. A record that does not exist is left to the handler's
404.

Handlers learn the user from `login(request)`; those that list many workflows or groups narrow
what they show with `restricted_to(request)`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec

from torc_server.auth import rules
from torc_server.auth.credentials import BadCredentials, Credentials, TooManyFailures
from torc_server.auth.rules import Rule
from torc_server.auth.settings import AuthSettings
from torc_server.storage.database import Database

if TYPE_CHECKING:  # Litestar is imported once the app is built (a private server starts without)
    from litestar import Request, Response

log = logging.getLogger("torc_server.auth")

USER_KEY = "torc.user"  # scope key: the authenticated user
RESTRICTED_KEY = "torc.restricted"  # scope key: the user whose view lists must narrow to
ADMIN_KEY = "torc.admin"  # scope key: True for an admin under access control
CHALLENGE = {"WWW-Authenticate": 'Basic realm="torc", charset="UTF-8"'}

ANONYMOUS = "Anonymous access not allowed: log in (--username, $TORC_USERNAME and $TORC_PASSWORD)"
BAD_LOGIN = "Authentication failed: unknown user or wrong password"
BAD_HEADER = "Authentication failed: the Authorization header is not HTTP Basic credentials"
NOT_ADMIN = "User is not a system administrator"
TOO_MANY = "Too many failed logins for this user from this address: try again in"


class _Reference(msgspec.Struct):
    """The fields of a body the guard needs; everything else is skipped unread."""

    workflow_id: int | None = None
    user: str | None = None


class _Bulk(msgspec.Struct):
    jobs: list[_Reference] = []


_DECODE_RECORD = msgspec.json.Decoder(_Reference)
_DECODE_BULK = msgspec.json.Decoder(_Bulk)

_ACCESS = (
    "SELECT user, user = ?1 OR EXISTS (SELECT 1 FROM workflow_access_group g "
    "JOIN user_group_membership m ON m.group_id = g.group_id "
    "WHERE g.workflow_id = workflow.id AND m.user_name = ?1) FROM workflow WHERE id = ?2"
)
_RECORD_ACCESS = {
    table: "SELECT w.id, w.user, w.user = ?1 OR EXISTS (SELECT 1 FROM workflow_access_group g "
    "JOIN user_group_membership m ON m.group_id = g.group_id "
    f"WHERE g.workflow_id = w.id AND m.user_name = ?1) FROM {table} r "
    "JOIN workflow w ON w.id = r.workflow_id WHERE r.id = ?2"
    for table in {rule.table for rule in rules.RULES.values() if rule.table}
}


VISIBLE_WORKFLOWS = (
    "(t.user = ? OR t.id IN (SELECT g.workflow_id FROM workflow_access_group g "
    "JOIN user_group_membership m ON m.group_id = g.group_id WHERE m.user_name = ?))"
)
"""A list condition: the workflows a user owns or that are shared with one of their groups."""


def is_admin(request: Request[Any, Any, Any]) -> bool:
    """Whether the request comes from an admin (under access control)."""
    return bool(request.scope.get(ADMIN_KEY))


def visible_workflows(request: Request[Any, Any, Any]) -> list[tuple[str, tuple[str, ...]]]:
    """The list conditions that narrow workflows to those the request's user may access."""
    user = restricted_to(request)
    return [] if user is None else [(VISIBLE_WORKFLOWS, (user, user))]


def login(request: Request[Any, Any, Any]) -> str | None:
    """The authenticated user of the request, or None (anonymous, or no --auth-file)."""
    return request.scope.get(USER_KEY)  # type: ignore[return-value]


def restricted_to(request: Request[Any, Any, Any]) -> str | None:
    """The user whose own and shared records a list must be narrowed to, or None to show all
    (access control off, or an admin listing groups)."""
    return request.scope.get(RESTRICTED_KEY)  # type: ignore[return-value]


def _unlisted(asked: Asked) -> Rule:
    """A route that is no operation of the document: Litestar's automatic OPTIONS answer (it
    lists the allowed methods, nothing else) is public; anything else is closed to all but
    admins, and a bug to fix in `torc_server.auth.rules`."""
    if asked.method == "OPTIONS":
        return rules.PUBLIC
    log.error("no access rule for %s %s: refused", asked.method, asked.path)
    return rules.ADMIN


@dataclass(frozen=True)
class Asked:
    """What the guard looks at in a request, whichever way it arrived (through Litestar, or on
    the gateway's direct path for the runner's frequent operations)."""

    operation_id: str | None  # None: a route that is no operation of the document
    method: str
    path: str
    authorization: bytes | None
    client: str
    path_params: Mapping[str, Any]
    query: Callable[[str], list[str]]
    body: Callable[[], Awaitable[bytes]]


@dataclass(frozen=True)
class Refusal:
    """The guard's answer instead of the handler's."""

    status: int
    message: str
    headers: dict[str, str] | None = None

    @property
    def all_headers(self) -> dict[str, str] | None:
        return CHALLENGE if self.status == 401 else self.headers


@dataclass
class Verdict:
    """Who is asking, and what the handler may show them; `refusal` set: the request stops."""

    user: str | None = None
    refusal: Refusal | None = None
    restricted: str | None = None  # set for `login` operations under access control
    admin: bool = False


class Guard:
    """Authentication and access control for one server."""

    def __init__(self, settings: AuthSettings, db: Database) -> None:
        problem = settings.problem()
        if problem:
            raise SystemExit(f"torc-server: {problem}")
        unguarded = rules.missing()
        if unguarded:
            raise RuntimeError(f"operations without an access rule: {', '.join(unguarded)}")
        self.settings = settings
        self.db = db
        self.rules = rules.RULES
        self.admins = frozenset(settings.admin_users)
        self.enforce = settings.enforce_access_control
        self.require = settings.require_auth
        self.credentials = Credentials(settings.auth_file) if settings.auth_file else None
        self._debug = log.isEnabledFor(logging.DEBUG)  # set once: checked on every request
        if self.credentials is not None:
            log.info(
                "Authentication is %s",
                "REQUIRED for all requests"
                if self.require
                else "optional: anonymous requests are allowed (--require-auth refuses them)",
            )
        if self.enforce:
            log.info(
                "Access control is ENABLED; admin users: %s",
                ", ".join(sorted(self.admins)) or "none (--admin-user NAME)",
            )

    def reload(self) -> None:
        """SIGHUP: read the htpasswd file again."""
        if self.credentials is not None:
            self.credentials.reload()

    async def __call__(self, request: Request[Any, Any, Any]) -> Response[Any] | None:
        """The `before_request` hook: None lets the request through, a response refuses it."""
        scope = request.scope
        header = None
        for name, value in scope["headers"]:
            if name == b"authorization":
                header = value
                break
        client = scope.get("client")
        asked = Asked(
            operation_id=scope["route_handler"].operation_id,
            method=scope["method"],
            path=scope["path"],
            authorization=header,
            client=client[0] if client else "",
            path_params=request.path_params,
            query=lambda name: request.query_params.getall(name, []),
            body=request.body,
        )
        verdict = await self.decide(asked)
        if verdict.user is not None:
            scope[USER_KEY] = verdict.user  # type: ignore[literal-required]
        if verdict.restricted is not None:
            scope[RESTRICTED_KEY] = verdict.restricted  # type: ignore[literal-required]
            scope[ADMIN_KEY] = verdict.admin  # type: ignore[literal-required]
        refusal = verdict.refusal
        if refusal is None:
            return None
        from litestar import Response

        return Response(
            {"error": {"message": refusal.message}},
            status_code=refusal.status,
            headers=refusal.all_headers,
        )

    async def decide(self, asked: Asked) -> Verdict:
        """Who asks, and whether they may: the same decision for every way a request arrives."""
        rule = (asked.operation_id and self.rules.get(asked.operation_id)) or _unlisted(asked)
        verdict = Verdict()
        credentials = self.credentials
        if credentials is not None:
            header = asked.authorization
            if header is not None:
                user = credentials.cached(header)
                if user is None:
                    try:
                        user = await credentials.verify(header, asked.client)
                    except TooManyFailures as exc:
                        log.warning("Too many failed logins for user %r; refused", exc.user)
                        verdict.refusal = Refusal(
                            429,
                            f"{TOO_MANY} {exc.retry_after} s",
                            {"Retry-After": str(exc.retry_after)},
                        )
                        return verdict
                    except BadCredentials as exc:
                        if exc.user is None:
                            log.warning("Authentication failed: malformed Authorization header")
                            verdict.refusal = Refusal(401, BAD_HEADER)
                            return verdict
                        log.warning("Authentication failed for user %r", exc.user)
                        verdict.refusal = Refusal(401, BAD_LOGIN)
                        return verdict
                verdict.user = user
            elif rule.kind != "public" and (self.require or self.enforce):
                log.warning("Authentication required but no credentials provided")
                verdict.refusal = Refusal(401, ANONYMOUS)
                return verdict
            elif self._debug:
                log.debug("No credentials provided, allowing anonymous access")
        user = verdict.user
        if not self.enforce or user is None:  # under access control only public ones are anonymous
            return verdict
        verdict.refusal = await self._authorize(asked, rule, user, verdict)
        return verdict

    async def _authorize(
        self, asked: Asked, rule: Rule, user: str, verdict: Verdict
    ) -> Refusal | None:
        kind = rule.kind
        admin = user in self.admins
        if kind == "public":
            return None
        if kind == "login":
            verdict.restricted, verdict.admin = user, admin
            return None
        if kind == "admin":
            return None if admin else Refusal(403, NOT_ADMIN)
        params = asked.path_params
        if kind == "self":
            if admin or params.get(rule.path or "") == user:
                return None
            return Refusal(403, "User may only list their own groups")
        if kind == "group":
            if (
                admin
                or self.db.conn.execute(
                    "SELECT 1 FROM user_group_membership WHERE user_name = ? AND group_id = ?",
                    (user, params.get("id")),
                ).fetchone()
            ):
                return None
            return Refusal(403, f"User is not a member of access group {params.get('id')}")
        return await self._authorize_workflows(asked, rule, user, admin)

    async def _authorize_workflows(
        self, asked: Asked, rule: Rule, user: str, admin: bool
    ) -> Refusal | None:
        conn = self.db.conn
        reached: list[int] = []
        known: dict[int, tuple[str, int]] = {}  # workflow id -> (owner, allowed)
        if rule.path is not None:
            value = asked.path_params.get(rule.path)
            if rule.table is not None:
                # The record's workflow and the decision in one query (each query costs a read
                # transaction, the better part of the guard's time).
                row = conn.execute(_RECORD_ACCESS[rule.table], (user, value)).fetchone()
                if row is not None:
                    reached.append(row[0])
                    known[row[0]] = (row[1], row[2])
            elif isinstance(value, int):
                reached.append(value)
        if rule.query is not None:
            for raw in asked.query(rule.query):
                with contextlib.suppress(ValueError):  # the handler answers 400
                    reached.append(int(raw))
        new_owner = None
        if rule.body is not None or rule.transfer:
            raw_body = await asked.body()
            # A body the handler's strict decoding will refuse (400) reaches nothing here.
            with contextlib.suppress(msgspec.ValidationError, msgspec.DecodeError):
                if rule.body == "bulk":
                    jobs = _DECODE_BULK.decode(raw_body).jobs
                    reached.extend(job.workflow_id for job in jobs if job.workflow_id is not None)
                else:
                    reference = _DECODE_RECORD.decode(raw_body)
                    if rule.body is not None and reference.workflow_id is not None:
                        reached.append(reference.workflow_id)
                    new_owner = reference.user
        for workflow_id in dict.fromkeys(reached):
            row = known.get(workflow_id) or conn.execute(_ACCESS, (user, workflow_id)).fetchone()
            if row is None:
                continue  # no such workflow: the handler answers 404
            owner, allowed = row
            if rule.kind == "owner":
                if owner == user or admin:
                    continue
                return Refusal(403, f"Only the owner of workflow {workflow_id} may share it")
            if not allowed:
                return Refusal(403, f"User does not have access to workflow {workflow_id}")
            handed_over = rule.transfer and new_owner is not None and new_owner != owner
            if handed_over and owner != user and not admin:
                return Refusal(
                    403, f"Only the owner of workflow {workflow_id} may hand it to another user"
                )
        return None
