"""`DefaultApi`: every operation of the torc API as a method, and `make_api` to get one.

The methods are not written by hand. At import, this module walks the generated low-level SDK
(`torc_client.api.<tag>.<operation_id>`), reads the signature of each module's
`sync_detailed`, and turns it into a method of `DefaultApi` named by the operationId, in the
style of the old openapi-generator client that Torc users know:

- positional arguments: the path parameters in path order, then the request body when it is
  required, then the required query parameters, then an optional request body;
- optional query parameters are keywords; None (their default unless the document gives one)
  leaves them out of the request;
- enum parameters also take their string values (`status="ready"`), and a request body may be
  given as a plain dict;
- the answer is the parsed model (a list for array answers, a plain value for `get_version`);
  any failure raises `torc.ApiError`.

Every list operation that answers pages (`items`, `has_more`) also gets an `iter_<plural>`
method that yields every item across pages: `api.iter_jobs(workflow_id, status="ready")`.
"""

from __future__ import annotations

import base64
import functools
import importlib
import inspect
import operator
import os
import pkgutil
import re
import ssl
import threading
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import Enum
from types import ModuleType, UnionType
from typing import Any

import attrs
import httpx

import torc_client.api
from torc.display import enable_html
from torc.errors import ApiError, error_message
from torc.pagination import DEFAULT_PAGE_SIZE, iter_pages
from torc_client import AuthenticatedClient, Client
from torc_client.types import Unset

DEFAULT_TIMEOUT = 120.0
USERNAME_ENV = "TORC_USERNAME"
PASSWORD_ENV = "TORC_PASSWORD"
CA_CERT_ENV = "TORC_CA_CERT"

_API_PACKAGE = torc_client.api.__name__


# ---------------------------------------------------------------------------------------------
# operations read from the generated SDK


@dataclass(frozen=True)
class Operation:
    """One operation of the document, as the generated SDK exposes it."""

    name: str
    """The operationId, which is also the name of the generated module and of the method."""
    tag: str
    module: ModuleType
    call: Callable[..., Any]
    """The generated `sync_detailed`."""
    path_params: tuple[str, ...]
    body_type: Any
    """The request body's model class, or None when the operation takes no body."""
    body_required: bool
    required_query: tuple[str, ...]
    optional_query: tuple[str, ...]
    returns: Any
    """What a 200 answer parses to: a model class, `list[Model]`, `str`, ..."""
    enums: dict[str, type[Enum]]
    lists: frozenset[str]
    signature: inspect.Signature
    """Signature of the `DefaultApi` method, `self` included."""

    @property
    def pages(self) -> bool:
        """Whether the operation answers pages (`items`, `has_more`) and takes offset/limit."""
        params = self.signature.parameters
        return (
            "offset" in params
            and "limit" in params
            and attrs.has(self.returns)
            and {"items", "has_more"} <= attrs.fields_dict(self.returns).keys()
        )


def _without_unset(annotation: Any) -> Any:
    """`X | Unset` -> `X`."""
    if isinstance(annotation, UnionType) or typing.get_origin(annotation) is typing.Union:
        kept = [a for a in typing.get_args(annotation) if a is not Unset]
        return functools.reduce(operator.or_, kept)
    return annotation


def _members(annotation: Any) -> tuple[Any, ...]:
    if isinstance(annotation, UnionType) or typing.get_origin(annotation) is typing.Union:
        return typing.get_args(annotation)
    return (annotation,)


def _enum_of(annotation: Any) -> type[Enum] | None:
    for member in _members(annotation):
        if isinstance(member, type) and issubclass(member, Enum):
            return member
    return None


def _is_error_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and annotation.__name__.endswith("ErrorResponse")


def _success_type(sync_detailed: Callable[..., Any]) -> Any:
    """The 200 type out of `Response[Model | DefaultErrorResponse]`."""
    ret = inspect.signature(sync_detailed).return_annotation
    args = typing.get_args(ret)
    if not args:
        return Any
    kept = [a for a in _members(args[0]) if not _is_error_model(a)]
    return functools.reduce(operator.or_, kept) if kept else None


def _public_annotation(annotation: Any, *, optional: bool) -> Any:
    """How a parameter is annotated on the `DefaultApi` method."""
    annotation = _without_unset(annotation)
    if _enum_of(annotation) is not None:
        annotation = annotation | str
    if optional:
        annotation = annotation | None
    return annotation


def _docstring(op_name: str, generated: str | None, returns: Any, enums: bool) -> str:
    doc = inspect.cleandoc(generated or op_name)
    doc = re.sub(r"^ (?=\S)", "", doc, flags=re.MULTILINE)  # the generator indents one space
    for section in ("\nRaises:", "\nReturns:"):
        cut = doc.find(section)
        if cut != -1:
            doc = doc[:cut]
    doc = doc.rstrip()
    notes = [
        "Optional parameters left as None are not sent; the server applies its default.",
    ]
    if enums:
        notes.append("Enum parameters also take their string values.")
    raises = (
        "torc.ApiError: the server refused the request (`status` 400, 404, 409, 422, ...,\n"
        "        `message` from the server), answered something unreadable, or could not be\n"
        "        reached (`status` None)."
    )
    note_text = "\n".join(notes)
    return f"{doc}\n\n{note_text}\n\nReturns:\n    {_type_name(returns)}\n\nRaises:\n    {raises}\n"


def _type_name(annotation: Any) -> str:
    if annotation is None:
        return "None"
    if isinstance(annotation, type) and not typing.get_args(annotation):
        return annotation.__name__
    return str(annotation).replace("torc_client.models.", "").replace("typing.", "")


def _build_operation(tag: str, name: str, module: ModuleType) -> Operation:
    call = module.sync_detailed
    generated = inspect.signature(call)
    path_params: list[str] = []
    required_query: list[str] = []
    optional_query: list[inspect.Parameter] = []
    body: inspect.Parameter | None = None
    enums: dict[str, type[Enum]] = {}
    lists: set[str] = set()
    for param in generated.parameters.values():
        if param.name == "client":
            continue
        enum = _enum_of(_without_unset(param.annotation))
        if enum is not None:
            enums[param.name] = enum
        if any(typing.get_origin(m) is list for m in _members(param.annotation)):
            lists.add(param.name)
        if param.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            path_params.append(param.name)
        elif param.name == "body":
            body = param
        elif param.default is inspect.Parameter.empty:
            required_query.append(param.name)
        else:
            optional_query.append(param)

    body_required = body is not None and body.default is inspect.Parameter.empty
    body_type = None
    if body is not None:
        body_type = _without_unset(body.annotation)

    P = inspect.Parameter
    params = [P("self", P.POSITIONAL_OR_KEYWORD)]
    for pname in path_params:
        annotation = _public_annotation(generated.parameters[pname].annotation, optional=False)
        params.append(P(pname, P.POSITIONAL_OR_KEYWORD, annotation=annotation))
    if body is not None and body_required:
        params.append(P("body", P.POSITIONAL_OR_KEYWORD, annotation=body_type))
    for pname in required_query:
        annotation = _public_annotation(generated.parameters[pname].annotation, optional=False)
        params.append(P(pname, P.POSITIONAL_OR_KEYWORD, annotation=annotation))
    if body is not None and not body_required:
        params.append(P("body", P.POSITIONAL_OR_KEYWORD, default=None, annotation=body_type | None))
    for param in optional_query:
        default = None if isinstance(param.default, Unset) else param.default
        annotation = _public_annotation(param.annotation, optional=True)
        params.append(P(param.name, P.KEYWORD_ONLY, default=default, annotation=annotation))

    returns = _success_type(call)
    return Operation(
        name=name,
        tag=tag,
        module=module,
        call=call,
        path_params=tuple(path_params),
        body_type=body_type,
        body_required=body_required,
        required_query=tuple(required_query),
        optional_query=tuple(p.name for p in optional_query),
        returns=returns,
        enums=enums,
        lists=frozenset(lists),
        signature=inspect.Signature(params, return_annotation=returns),
    )


def _operation_tags() -> dict[str, str]:
    """The operationId and tag of every generated operation module, from a listing of the
    generated package's directories (nothing is imported)."""
    tags: dict[str, str] = {}
    for tag in sorted(pkgutil.iter_modules(torc_client.api.__path__), key=lambda m: m.name):
        if not tag.ispkg:
            continue
        path = [os.path.join(p, tag.name) for p in torc_client.api.__path__]
        for info in sorted(pkgutil.iter_modules(path), key=lambda m: m.name):
            if info.ispkg or info.name.startswith("_"):
                continue
            if info.name in tags:
                raise RuntimeError(
                    f"operation {info.name!r} is generated twice ({tags[info.name]} and {tag.name})"
                )
            tags[info.name] = tag.name
    return tags


class _Operations(Mapping[str, Operation]):
    """Every operation by operationId; each is read from its generated module the first time
    it is looked up, so importing `torc` does not import the whole generated SDK."""

    def __init__(self, tags: dict[str, str]) -> None:
        self._tags = tags
        self._built: dict[str, Operation] = {}
        self._lock = threading.Lock()

    def __getitem__(self, name: str) -> Operation:
        op = self._built.get(name)
        if op is not None:
            return op
        tag = self._tags[name]  # KeyError for a name that is not an operation
        with self._lock:
            op = self._built.get(name)
            if op is None:
                module = importlib.import_module(f"{_API_PACKAGE}.{tag}.{name}")
                if not callable(getattr(module, "sync_detailed", None)):
                    raise RuntimeError(f"generated module {module.__name__} has no sync_detailed")
                op = self._built[name] = _build_operation(tag, name, module)
        return op

    def __contains__(self, name: object) -> bool:
        return name in self._tags

    def __iter__(self) -> Iterator[str]:
        return iter(self._tags)

    def __len__(self) -> int:
        return len(self._tags)

    def __repr__(self) -> str:
        return f"<{len(self._tags)} torc API operations>"


OPERATIONS: Mapping[str, Operation] = _Operations(_operation_tags())
"""Every operation of the API, by operationId (each built when first looked up)."""


# ---------------------------------------------------------------------------------------------
# DefaultApi


class _LastResponse:
    """An httpx response hook that remembers, per thread, the last response received, so that
    an answer the generated SDK cannot parse still yields its status and body."""

    def __init__(self) -> None:
        self._local = threading.local()

    def __call__(self, response: httpx.Response) -> None:
        self._local.response = response

    def clear(self) -> None:
        self._local.response = None

    def get(self) -> httpx.Response | None:
        return getattr(self._local, "response", None)


class _OperationMethods(type):
    """Builds `DefaultApi`'s operation methods on first use: looking one up on the class (or an
    instance) creates the method and stores it on the class, so it is built once; `dir()` lists
    them all from the start."""

    def __getattr__(cls, name: str) -> Any:
        method = _build_method(name)
        if method is None:
            raise AttributeError(f"type object {cls.__name__!r} has no attribute {name!r}")
        setattr(cls, name, method)
        return method

    def __dir__(cls) -> list[str]:
        return sorted({*super().__dir__(), *_method_names()})


@dataclass(frozen=True)
class _Answered:
    """A `send_json` answered at once: the answer, or the error to raise."""

    value: Any

    def ready(self) -> bool:
        return True

    def answer(self) -> Any:
        if isinstance(self.value, ApiError):
            raise self.value
        return self.value


class DefaultApi(metaclass=_OperationMethods):
    """The torc API: one method per operation of `openapi/torc.yaml`, named by its operationId.

    Get one with `torc.make_api(url)`, or wrap a generated client yourself with
    `DefaultApi(torc_client.Client(base_url=url))`. Methods take and answer the generated
    models (`torc.openapi_client`) and raise `torc.ApiError` on failure::

        workflow = api.create_workflow(WorkflowModel(name="demo", user="me"))
        job = api.create_job(JobModel(workflow_id=workflow.id, name="a", command="echo a"))
        page = api.list_jobs(workflow.id, status="ready", limit=100)
        for job in api.iter_jobs(workflow.id):
            ...

    Use it as a context manager, or call `close()`, to release its connections.
    """

    def __init__(self, client: Client | AuthenticatedClient) -> None:
        self.client = client
        self._last_response = _LastResponse()
        httpx_client = client.get_httpx_client()
        hooks = httpx_client.event_hooks
        httpx_client.event_hooks = {
            "request": list(hooks.get("request", [])),
            "response": [*hooks.get("response", []), self._last_response],
        }

    @property
    def url(self) -> str:
        """The API base URL, for example `http://127.0.0.1:8080/torc-service/v1`."""
        return str(self.client.get_httpx_client().base_url).rstrip("/")

    def credential_environment(self) -> dict[str, str]:
        """`TORC_USERNAME` and `TORC_PASSWORD` for the login this client sends (empty without
        one): how runners hand credentials to the jobs and processes they start, through the
        environment, never on a command line."""
        header = self.client.get_httpx_client().headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "basic" or not token:
            return {}
        try:
            username, _, password = base64.b64decode(token).decode("utf-8").partition(":")
        except ValueError:
            return {}
        return {USERNAME_ENV: username, PASSWORD_ENV: password}

    def close(self) -> None:
        """Close the HTTP connections."""
        self.client.get_httpx_client().close()
        lean = self.__dict__.get("_lean")
        if lean:
            lean.close()

    def request_json(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: dict[str, Any] | None = None,
        operation: str | None = None,
    ) -> Any:
        """Send one request with a plain JSON body and answer the decoded JSON: for hot loops
        (a job runner's one request per finished job), at a fraction of the cost of the
        operation methods, which build and parse models over httpx.

        `path` is relative to the API base URL (`/workflows/3/complete_jobs/1`); `params` is
        the query (None values left out). Same URL, headers, authentication, timeout and TLS
        settings as this client. Raises `torc.ApiError` like the operation methods
        (`operation` names the call in its message).
        """
        lean = self._lean_client()
        if lean is False:  # a custom httpx transport or proxy: go through httpx
            return self._request_json_httpx(method, path, body, params, operation)
        return lean.request(method, path, body, params, operation=operation)

    def send_json(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        params: dict[str, Any] | None = None,
        operation: str | None = None,
        chunks: Iterable[bytes] | None = None,
        timeout: float | None = None,
    ) -> Any:
        """`request_json` in two steps: the request goes now, and the answer is read when
        asked for (`.answer()`, from the same thread; the same ApiErrors; `.ready()`: whether
        it has come), so that the caller works while the server does. `chunks`: a body
        already encoded as JSON, sent piece by piece; `timeout`: seconds to wait for this
        answer instead of the client's. (Through httpx, the request is answered at once.)"""
        lean = self._lean_client()
        if lean is not False:
            return lean.send(
                method, path, body, params, operation=operation, chunks=chunks, timeout=timeout
            )
        try:
            return _Answered(
                self._request_json_httpx(
                    method, path, body, params, operation, chunks=chunks, timeout=timeout
                )
            )
        except ApiError as exc:
            return _Answered(exc)

    def _lean_client(self) -> Any:
        """The plain-JSON client (`torc.lean.LeanJson`), made on first use; False where
        requests must go through httpx (a custom transport or proxy)."""
        lean = self.__dict__.get("_lean")
        if lean is None:
            lean = self.__dict__["_lean"] = self._make_lean()
        return lean

    def _make_lean(self) -> Any:
        from torc.lean import LeanJson

        client = self.client
        httpx_args = getattr(client, "_httpx_args", {}) or {}
        if any(key in httpx_args for key in ("transport", "proxy", "proxies", "mounts")):
            return False
        httpx_client = client.get_httpx_client()
        timeout = httpx_client.timeout.read
        headers = {
            key: value
            for key, value in httpx_client.headers.items()
            if key.lower() not in ("accept", "accept-encoding", "connection", "user-agent")
        }
        try:
            return LeanJson(
                self.url, headers, timeout, getattr(client, "_verify_ssl", True) or False
            )
        except ValueError:
            return False

    def _request_json_httpx(
        self,
        method: str,
        path: str,
        body: Any,
        params: dict[str, Any] | None,
        operation: str | None,
        *,
        chunks: Iterable[bytes] | None = None,
        timeout: float | None = None,
    ) -> Any:
        query = {k: v for k, v in (params or {}).items() if v is not None}
        extra: dict[str, Any] = {"json": body}
        if chunks is not None:
            extra = {"content": chunks, "headers": {"Content-Type": "application/json"}}
        if timeout is not None:
            extra["timeout"] = timeout
        try:
            response = self.client.get_httpx_client().request(
                method, path, params=query or None, **extra
            )
        except httpx.HTTPError as exc:
            raise ApiError(
                f"request to the torc server at {self.url} failed ({exc})", operation=operation
            ) from exc
        if not 200 <= response.status_code < 300:
            raise ApiError.from_response(
                response.status_code, response.content, operation=operation, url=str(response.url)
            )
        return response.json() if response.content else None

    def __enter__(self) -> DefaultApi:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"DefaultApi(url={self.url!r})"

    def __getattr__(self, name: str) -> Any:
        """An operation method not built yet (normal lookup found nothing)."""
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            method = getattr(type(self), name)
        except AttributeError:
            raise AttributeError(
                f"{type(self).__name__!r} object has no attribute {name!r}"
            ) from None
        return method.__get__(self, type(self))

    def __dir__(self) -> list[str]:
        return sorted({*super().__dir__(), *_method_names()})

    def _invoke(self, op: Operation, arguments: dict[str, Any]) -> Any:
        path_args = [self._argument(op, name, arguments.pop(name)) for name in op.path_params]
        kwargs: dict[str, Any] = {}
        for name, value in arguments.items():
            optional = name in op.optional_query or (name == "body" and not op.body_required)
            if value is None and optional:
                continue  # left out: the server applies its default
            kwargs[name] = self._argument(op, name, value)

        self._last_response.clear()
        try:
            return self._send(op, path_args, kwargs)
        finally:
            self._last_response.clear()  # do not keep the last answer alive between calls

    def _send(self, op: Operation, path_args: list[Any], kwargs: dict[str, Any]) -> Any:
        try:
            response = op.call(*path_args, client=self.client, **kwargs)
        except httpx.HTTPError as exc:
            raise self._transport_error(op, exc) from exc
        except Exception as exc:
            raw = self._last_response.get()
            if raw is None:
                raise  # nothing was sent: a bad argument, not an answer
            status = raw.status_code
            if status == 200:
                raise ApiError(
                    f"cannot read the server's answer ({type(exc).__name__}: {exc}); "
                    f"body: {error_message(status, raw.content)}",
                    status=status,
                    operation=op.name,
                    url=str(raw.request.url),
                    body=raw.content,
                ) from exc
            raise self._status_error(op, status, raw.content, str(raw.request.url)) from exc

        status = int(response.status_code)
        if status != 200:
            raw = self._last_response.get()
            url = str(raw.request.url) if raw is not None else None
            raise self._status_error(op, status, response.content, url)
        enable_html(response.parsed)
        return response.parsed

    @staticmethod
    def _argument(op: Operation, name: str, value: Any) -> Any:
        if value is None or isinstance(value, Unset):
            raise TypeError(f"{op.name}() argument {name!r} is required and may not be None")
        enum = op.enums.get(name)
        if enum is not None and not isinstance(value, enum):
            try:
                return enum(value)
            except ValueError:
                allowed = ", ".join(repr(m.value) for m in enum)
                raise ValueError(
                    f"{op.name}() argument {name!r}: {value!r} is not one of {allowed}"
                ) from None
        if name in op.lists and isinstance(value, str):
            return [value]
        if name == "body" and isinstance(value, dict) and hasattr(op.body_type, "from_dict"):
            return op.body_type.from_dict(value)
        return value

    def _status_error(self, op: Operation, status: int, body: bytes, url: str | None) -> ApiError:
        error = ApiError.from_response(status, body, operation=op.name, url=url)
        if status == 404 and error.message.startswith("no such route"):
            error.message += (
                f" (is {self.url} the API base URL? It normally ends with /torc-service/v1)"
            )
            error.args = (error.message,)
        return error

    def _transport_error(self, op: Operation, exc: httpx.HTTPError) -> ApiError:
        try:
            request = exc.request
            target = f"{request.method} {request.url}"
            url = str(request.url)
        except RuntimeError:
            target = url = self.url
        if isinstance(exc, httpx.TimeoutException):
            message = (
                f"no answer from the torc server at {self.url} in time ({target}: "
                f"{type(exc).__name__} {exc}). Check that the server is running and not "
                "overloaded, or give make_api() a larger timeout."
            )
        elif isinstance(exc, httpx.ConnectError):
            message = (
                f"cannot connect to the torc server at {self.url} ({target}: {exc}). Check that "
                "torc-server is running and reachable from here, and that the URL's scheme, "
                "host, port and base path are right "
                "(for example http://127.0.0.1:8080/torc-service/v1)."
            )
        else:
            message = (
                f"request to the torc server at {self.url} failed ({target}: "
                f"{type(exc).__name__} {exc}). Check the URL and that the server is running."
            )
        return ApiError(message, operation=op.name, url=url)


def _make_method(op: Operation) -> Callable[..., Any]:
    signature = op.signature

    def method(self: DefaultApi, /, *args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(self, *args, **kwargs)
        arguments = dict(bound.arguments)
        del arguments["self"]
        return self._invoke(op, arguments)

    method.__name__ = op.name
    method.__qualname__ = f"DefaultApi.{op.name}"
    method.__module__ = __name__
    method.__doc__ = _docstring(op.name, op.call.__doc__, op.returns, bool(op.enums))
    method.__signature__ = signature  # type: ignore[attr-defined]
    method.__annotations__ = {
        p.name: p.annotation
        for p in signature.parameters.values()
        if p.annotation is not inspect.Parameter.empty
    } | {"return": op.returns}
    return method


def iter_method_name(op_name: str) -> str:
    """`list_jobs` -> `iter_jobs`."""
    return "iter_" + op_name.removeprefix("list_")


class _ModelNames(dict[str, Any]):
    """Names for evaluating the generated models' annotations: the models themselves, each
    imported when an annotation names it."""

    def __missing__(self, name: str) -> Any:
        from torc_client import models

        try:
            return getattr(models, name)
        except AttributeError:
            raise KeyError(name) from None


def _item_type(page_type: Any) -> Any:
    try:
        hints = typing.get_type_hints(page_type, localns=_ModelNames())
    except Exception:
        return Any
    args = typing.get_args(hints.get("items"))
    return args[0] if args else Any


def _make_iter_method(op: Operation) -> Callable[..., Any]:
    name = iter_method_name(op.name)
    P = inspect.Parameter
    params = [p for p in op.signature.parameters.values() if p.name not in ("offset", "limit")]
    params.append(P("page_size", P.KEYWORD_ONLY, default=DEFAULT_PAGE_SIZE, annotation=int))
    item = _item_type(op.returns)
    signature = inspect.Signature(params, return_annotation=Iterator[item])

    def method(
        self: DefaultApi, /, *args: Any, page_size: int = DEFAULT_PAGE_SIZE, **kwargs: Any
    ) -> Iterator[Any]:
        return iter_pages(getattr(self, op.name), *args, page_size=page_size, **kwargs)

    method.__name__ = name
    method.__qualname__ = f"DefaultApi.{name}"
    method.__module__ = __name__
    method.__doc__ = (
        f"Yield every {_type_name(item)} that `{op.name}` lists, across all pages.\n\n"
        f"Takes the arguments of `{op.name}` except `offset` and `limit`; pages are fetched\n"
        f"`page_size` records at a time, lazily, while the server says `has_more`.\n\n"
        f"Raises:\n    torc.ApiError: a page could not be fetched.\n"
    )
    method.__signature__ = signature  # type: ignore[attr-defined]
    return method


def _build_method(name: str) -> Callable[..., Any] | None:
    """The `DefaultApi` method called `name`: an operation, or `iter_<plural>` for a list
    operation that answers pages; None when there is no such method."""
    if name in OPERATIONS:
        return _make_method(OPERATIONS[name])
    if name.startswith("iter_"):
        list_name = "list_" + name.removeprefix("iter_")
        if list_name in OPERATIONS and OPERATIONS[list_name].pages:
            return _make_iter_method(OPERATIONS[list_name])
    return None


@functools.cache
def _method_names() -> frozenset[str]:
    """Every operation method's name and every `iter_` method's name (building the list
    operations to learn which of them answer pages)."""
    names = set(OPERATIONS)
    for name in OPERATIONS:
        if name.startswith("list_") and OPERATIONS[name].pages:
            names.add(iter_method_name(name))
    return frozenset(names)


def _check_names() -> None:
    """No operation (or its `iter_` method) may hide one of `DefaultApi`'s own attributes."""
    own = {name for klass in DefaultApi.__mro__ for name in vars(klass)}
    for name in OPERATIONS:
        for candidate in (name, iter_method_name(name) if name.startswith("list_") else None):
            if candidate in own:
                raise RuntimeError(f"DefaultApi already has an attribute named {candidate!r}")


_check_names()


# ---------------------------------------------------------------------------------------------
# make_api


def make_api(
    url: str,
    *,
    username: str | None = None,
    password: str | None = None,
    timeout: float | httpx.Timeout | None = DEFAULT_TIMEOUT,
    verify_ssl: bool | str | ssl.SSLContext = True,
    headers: dict[str, str] | None = None,
    httpx_args: dict[str, Any] | None = None,
    ca_cert: str | os.PathLike[str] | None = None,
) -> DefaultApi:
    """Connect to a torc server: a `DefaultApi` for the API at `url`.

    Args:
        url: The API base URL, for example `http://localhost:8080/torc-service/v1`.
        username: User for HTTP Basic authentication; default `$TORC_USERNAME`. Without a
            user name no credentials are sent.
        password: Password for HTTP Basic authentication; default `$TORC_PASSWORD`, else empty.
        timeout: Seconds to wait for the server (connecting, and each read), or an
            `httpx.Timeout`; None waits forever. Default 120.
        verify_ssl: Verify the server's TLS certificate (True), skip it (False), a path to
            a CA bundle, or an `ssl.SSLContext`.
        ca_cert: CA bundle (PEM) that signed the server's certificate, for a server whose
            certificate the system does not trust (a site CA, or a self-signed one); default
            `$TORC_CA_CERT`. Used when `verify_ssl` is True.
        headers: Extra HTTP headers to send with every request.
        httpx_args: Extra arguments for the `httpx.Client` (proxies, transport, ...).

    Nothing is sent until the first call, so an unreachable server shows up then, as an
    `ApiError` naming the URL.
    """
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        raise ValueError(f"url must start with http:// or https://, got {url!r}")
    if username is None:
        username = os.environ.get(USERNAME_ENV) or None
        if username is None and password is not None:
            raise ValueError(f"a password needs a user name: pass username= or set ${USERNAME_ENV}")
    if password is None:
        password = os.environ.get(PASSWORD_ENV)
    all_headers = dict(headers or {})
    if username:
        all_headers["Authorization"] = basic_auth_header(username, password or "")
    if timeout is not None and not isinstance(timeout, httpx.Timeout):
        timeout = httpx.Timeout(timeout)
    if verify_ssl is True or isinstance(verify_ssl, str):
        verify_ssl = tls_verify(verify_ssl if isinstance(verify_ssl, str) else ca_cert)
    client = Client(
        base_url=url.rstrip("/"),
        headers=all_headers,
        timeout=timeout,
        verify_ssl=verify_ssl,
        httpx_args=dict(httpx_args or {}),
    )
    return DefaultApi(client)


def tls_verify(ca_cert: str | os.PathLike[str] | None = None) -> ssl.SSLContext | bool:
    """How to check a server's certificate: the system's trusted CAs plus `ca_cert` (default
    `$TORC_CA_CERT`) when one is given, TLS 1.2 at least; True (the system's CAs) otherwise."""
    path = ca_cert or os.environ.get(CA_CERT_ENV) or None
    if path is None:
        return True
    try:
        context = ssl.create_default_context(cafile=os.fspath(path))
    except (OSError, ssl.SSLError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise ValueError(f"cannot use the CA bundle {os.fspath(path)}: {reason}") from exc
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def basic_auth_header(username: str, password: str) -> str:
    """The `Authorization` header value for HTTP Basic authentication."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


# The old package's `torc.api` held these helpers too; scripts import them from here.
from torc.helpers import (  # noqa: E402
    create_jobs,
    iter_documents,
    make_job_label,
    send_api_command,
    wait_for_healthy_database,
)
from torc.mapping import map_function_to_jobs  # noqa: E402

__all__ = [
    "OPERATIONS",
    "DefaultApi",
    "basic_auth_header",
    "create_jobs",
    "iter_documents",
    "make_api",
    "make_job_label",
    "map_function_to_jobs",
    "send_api_command",
    "wait_for_healthy_database",
]
