"""Route handlers bound to the document's operations.

`operation("list_jobs")` takes the method and path from the generated operation table, so a
handler cannot drift from the document. Query strings are parsed against the document's parameter
definitions (type, enum, range, default, required) by `query()`.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, get_type_hints

import msgspec

from torc_server.contract.models import NULLABLE
from torc_server.contract.operations import OPERATIONS, QueryParameter
from torc_server.errors import InvalidRequest
from torc_server.storage.records import MAX_LIMIT, Page

if TYPE_CHECKING:
    from litestar import Request
    from litestar.handlers import HTTPRouteHandler

F = TypeVar("F", bound=Callable[..., Any])
S = TypeVar("S", bound=msgspec.Struct)

SERVICES = ("db", "engine")  # the dependencies the app provides to handlers
BASE_PATH = "/torc-service/v1"
"""Every operation's path starts with it. Handlers carry it themselves: registered under a
`Router`, Litestar would deep-copy all of them once more when the server starts."""
_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


class Operation:
    """A handler function bound to the document's operation `operation_id`. Litestar's route
    handler is made from it when an app registers it (`route_handler()`): until then nothing of
    Litestar is imported, so a private server answers its first requests (`http.direct`) before
    Litestar is loaded."""

    def __init__(self, operation_id: str, fn: Callable[..., Any], options: dict[str, Any]) -> None:
        self.operation_id = operation_id
        self.fn = fn
        self.options = options
        annotations = fn.__annotations__
        body_type = annotations.get("data")
        if isinstance(body_type, str):  # the module's annotations are strings
            body_type = eval(body_type, fn.__globals__)  # the module's own annotation
        # An operation without a body model ignores its body, which must still be a JSON
        # object when there is one (checked before the handler runs: errors.before_request).
        # `direct`: the function itself and its body type, for the operations answered without
        # Litestar's pipeline (torc_server.http.direct).
        self.opt: dict[str, Any] = {
            **options.get("opt", {}),
            "object_body": "data" not in annotations,
            "direct": (fn, body_type),
        }
        self._handler: HTTPRouteHandler | None = None

    def route_handler(self) -> HTTPRouteHandler:
        """Litestar's route handler for this operation (made once)."""
        if self._handler is None:
            self._handler = _route_handler(self)
        return self._handler


def operation(operation_id: str, **options: Any) -> Callable[[F], Operation]:
    """Serve the decorated function as the document's operation `operation_id`."""
    OPERATIONS[operation_id]  # an unknown operation fails here, at import
    if "before_request" in options or "guards" in options:
        raise TypeError(
            "access is decided by torc_server.auth.guard for every route, not per handler"
        )

    def bind(fn: F) -> Operation:
        return Operation(operation_id, fn, options)

    return bind


def _route_handler(bound: Operation) -> HTTPRouteHandler:
    from litestar import Request, Response
    from litestar.di import NamedDependency
    from litestar.handlers import HTTPRouteHandler
    from litestar.params import FromPath
    from litestar.response import ServerSentEvent

    spec = OPERATIONS[bound.operation_id]
    fn = bound.fn
    options = {**bound.options, "opt": bound.opt}
    # the handler modules name Litestar's types in annotations only (strings)
    litestar_names = {"Request": Request, "Response": Response, "ServerSentEvent": ServerSentEvent}
    hints = get_type_hints(fn, localns={**fn.__globals__, **litestar_names})
    # Declare path parameters (known from the route) and the injected services explicitly,
    # as Litestar wants them declared.
    for name in re.findall(r"\{(\w+):", spec.route):
        if name in hints:
            hints[name] = FromPath[hints[name]]  # type: ignore[valid-type]
    for name in SERVICES:
        if name in hints:
            hints[name] = NamedDependency[hints[name]]  # type: ignore[valid-type]
    fn.__annotations__ = hints
    if "data" in hints:
        fn = _strict_body(fn, hints)
    if not inspect.iscoroutinefunction(fn):
        # SQLite calls are short and serialized on one connection: run them on the loop.
        options.setdefault("sync_to_thread", False)
    handler = HTTPRouteHandler(
        path=BASE_PATH + spec.route,
        http_method=spec.method,
        operation_id=bound.operation_id,
        status_code=200,
        **options,
    )
    return handler(fn)


def _strict_body(fn: Callable[..., Any], hints: dict[str, Any]) -> Callable[..., Any]:
    """Decode the request body into the handler's `data` type ourselves, strictly: a string is
    not a number or a boolean, and the message names the offending field."""
    body_type = hints["data"]
    decoder = msgspec.json.Decoder(body_type)
    wants_request = "request" in inspect.signature(fn).parameters

    from litestar import Request

    async def with_body(request: Request[Any, Any, Any], **kwargs: Any) -> Any:
        data = strict_body(await request.body(), decoder, body_type)
        if wants_request:
            kwargs["request"] = request
        result = fn(data=data, **kwargs)
        return await result if inspect.isawaitable(result) else result

    parameters = [
        p for name, p in inspect.signature(fn).parameters.items() if name not in ("data", "request")
    ]
    request_param = inspect.Parameter(
        "request", inspect.Parameter.KEYWORD_ONLY, annotation=Request[Any, Any, Any]
    )
    with_body.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in parameters] + [request_param],
        return_annotation=hints.get("return", Any),
    )
    with_body.__annotations__ = {
        **{name: hint for name, hint in hints.items() if name != "data"},
        "request": Request[Any, Any, Any],
    }
    with_body.__name__ = fn.__name__
    with_body.__doc__ = fn.__doc__
    return with_body


def strict_body(raw: bytes, decoder: msgspec.json.Decoder[Any], body_type: Any) -> Any:
    """An operation's body decoded with its `decoder`, strictly (see `_strict_body`)."""
    if not raw.strip():
        raise InvalidRequest("missing request body: this operation needs a JSON body")
    try:
        data = decoder.decode(raw)
    except msgspec.ValidationError as exc:
        data = _with_whole_floats(raw, body_type, exc)
    except msgspec.DecodeError as exc:
        raise InvalidRequest(f"request body is not valid JSON: {exc}") from None
    if b"null" in raw:
        _refuse_nulls(data, "")
    return data


def decode_body(raw: bytes, body_type: type[S]) -> S:
    """A request body as `body_type`, strictly, except that whole floats count as integers
    (JSON Schema's view); InvalidRequest naming the field otherwise."""
    try:
        return msgspec.json.decode(raw, type=body_type)
    except msgspec.ValidationError as exc:
        return _with_whole_floats(raw, body_type, exc)  # type: ignore[no-any-return]
    except msgspec.DecodeError as exc:
        raise InvalidRequest(f"request body is not valid JSON: {exc}") from None


def _with_whole_floats(raw: bytes, body_type: Any, first: msgspec.ValidationError) -> Any:
    """JSON Schema counts `1.0` as an integer: decode again with whole floats read as integers
    (only after the fast typed decode failed, so the usual request pays nothing for it)."""
    try:
        # decoded again from JSON rather than converted: a body type may keep parts raw
        whole = msgspec.json.encode(_whole_floats(msgspec.json.decode(raw)))
        return msgspec.json.decode(whole, type=body_type)
    except msgspec.ValidationError:
        raise InvalidRequest(f"invalid request body: {_field_message(first)}") from None
    except msgspec.DecodeError as exc:  # the typed decode stopped before the syntax error
        raise InvalidRequest(f"request body is not valid JSON: {exc}") from None


def _refuse_nulls(value: Any, path: str) -> None:
    """A field the document does not declare nullable is left out, not sent as null (the
    models accept None so that stored records with empty columns convert)."""
    if isinstance(value, msgspec.Struct):
        allowed = NULLABLE.get(type(value).__name__, frozenset())
        for name in value.__struct_fields__:
            item = getattr(value, name)
            if item is None and name not in allowed:
                raise InvalidRequest(
                    f"invalid request body: field '{path}{name}' must not be null (leave it out)"
                )
            if isinstance(item, msgspec.Struct | list):
                _refuse_nulls(item, f"{path}{name}.")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, msgspec.Struct | list):
                _refuse_nulls(item, f"{path.rstrip('.')}[{index}].")


def _whole_floats(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_floats(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_floats(item) for item in value]
    return value


def _field_message(exc: msgspec.ValidationError) -> str:
    """msgspec says `Expected int, got str - at $.jobs[0].name`; put the field first."""
    text = str(exc).replace("`", "")
    if " - at $" in text:
        problem, where = text.rsplit(" - at $", 1)
        where = where.lstrip(".") or "(the body)"
        return f"field '{where}': {problem}"
    return text


def _convert(param: QueryParameter, raw: str) -> Any:
    name = param.name
    if param.kind == "integer":
        try:
            value: Any = int(raw)
        except ValueError:
            raise InvalidRequest(
                f"query parameter '{name}' must be an integer, got '{raw}'"
            ) from None
        if not -(2**63) <= value < 2**63:
            raise InvalidRequest(
                f"query parameter '{name}' is out of the 64-bit integer range, got {raw}"
            )
    elif param.kind == "number":
        try:
            value = float(raw)
        except ValueError:
            raise InvalidRequest(
                f"query parameter '{name}' must be a number, got '{raw}'"
            ) from None
    elif param.kind == "boolean":
        lowered = raw.lower()
        if lowered not in _TRUE | _FALSE:
            raise InvalidRequest(f"query parameter '{name}' must be true or false, got '{raw}'")
        value = lowered in _TRUE
    else:
        value = raw
    if param.enum is not None and value not in param.enum:
        raise InvalidRequest(
            f"query parameter '{name}' must be one of {', '.join(param.enum)}; got '{raw}'"
        )
    if param.minimum is not None and value < param.minimum:
        raise InvalidRequest(
            f"query parameter '{name}' must be at least {param.minimum}; got {raw}"
        )
    if param.maximum is not None and value > param.maximum:
        raise InvalidRequest(f"query parameter '{name}' must be at most {param.maximum}; got {raw}")
    return value


def query(operation_id: str, request: Request[Any, Any, Any]) -> dict[str, Any]:
    """The operation's query parameters, typed and checked, with defaults filled in."""
    params = request.query_params
    values: dict[str, Any] = {}
    for param in OPERATIONS[operation_id].query:
        raws: Sequence[str] = params.getall(param.name, [])  # type: ignore[arg-type]
        if not raws or (not param.array and raws[-1] == "" and param.kind != "string"):
            if param.required:
                raise InvalidRequest(f"missing required query parameter '{param.name}'")
            values[param.name] = [] if param.array else param.default
            continue
        if param.array:
            values[param.name] = [_convert(param, raw) for raw in raws]
        else:
            values[param.name] = _convert(param, raws[-1])
    return values


def model(record: Mapping[str, Any], cls: type[S]) -> S:
    """A storage record as a response model."""
    return msgspec.convert(record, cls)


def envelope(page: Page, item: type[msgspec.Struct], cls: type[S]) -> S:
    """A page of records in the standard list envelope."""
    return cls(  # type: ignore[call-arg]
        items=[msgspec.convert(record, item) for record in page.items],
        offset=page.offset,
        max_limit=MAX_LIMIT,
        count=page.count,
        total_count=page.total_count,
        has_more=page.has_more,
    )


def paging(values: Mapping[str, Any]) -> dict[str, Any]:
    """The paging arguments of a list operation's parsed query."""
    return {
        "offset": values.get("offset") or 0,
        "limit": MAX_LIMIT if values.get("limit") is None else values["limit"],
        "sort_by": values.get("sort_by"),
        "reverse_sort": bool(values.get("reverse_sort")),
    }


def filters(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {name: values.get(name) for name in names}
