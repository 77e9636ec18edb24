"""Reading a specification file (YAML, JSON, JSON5 or KDL) into a document and its line map.

The format comes from the file's extension (`.yaml`/`.yml`, `.json`, `.json5`, `.kdl`); text
without one is tried as JSON, JSON5, YAML and KDL in turn. A syntax error names the file and
line. The document is plain data (dicts, lists, strings, numbers, booleans, None) whatever the
format; the locator answers the line of any value by its path, for later messages.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path as FilePath
from typing import Any

from torc.spec import kdl, schema
from torc.spec.errors import Locator, Path, Problem, Source, SpecError
from torc.spec.jsonpos import offset_line, value_lines

EXTENSIONS = {
    ".yaml": "yaml",
    ".yml": "yaml",
    ".json": "json",
    ".json5": "json5",
    ".kdl": "kdl",
}
FORMATS = ("json", "json5", "yaml", "kdl")


def read(source: Any) -> tuple[Any, Source, list[Problem]]:
    """A path, text, or dict -> (document, source, problems found while converting).

    Raises SpecError for a file that cannot be read or parsed.
    """
    if isinstance(source, Mapping):
        return dict(source), Source(None, Locator({}), "dict"), []
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        path = FilePath(source)
        label = str(source)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SpecError(Problem("no such file", label)) from None
        except IsADirectoryError:
            raise SpecError(Problem("is a directory, not a specification file", label)) from None
        except UnicodeDecodeError as exc:
            raise SpecError(Problem(f"not UTF-8 text ({exc.reason})", label)) from None
        except OSError as exc:
            raise SpecError(Problem(f"cannot read the file: {exc.strerror}", label)) from None
        return parse_text(text, label, EXTENSIONS.get(path.suffix.lower()))
    if isinstance(source, str):
        return parse_text(source, "<text>", None)
    raise TypeError(f"a specification is a path, text or dict, not {type(source).__name__}")


def _looks_like_path(text: str) -> bool:
    if "\n" in text or text.lstrip().startswith(("{", "[")):
        return False
    if os.path.exists(text):
        return True
    return FilePath(text).suffix.lower() in EXTENSIONS or ("/" in text and ":" not in text)


def parse_text(text: str, label: str, fmt: str | None) -> tuple[Any, Source, list[Problem]]:
    if fmt is not None:
        return _PARSERS[fmt](text, label)
    failures: dict[str, SpecError] = {}
    for candidate in FORMATS:
        try:
            document, source, problems = _PARSERS[candidate](text, label)
        except SpecError as exc:
            failures[candidate] = exc
            continue
        if isinstance(document, Mapping):
            return document, source, problems
        failures[candidate] = SpecError(
            Problem(f"not a workflow specification when read as {candidate.upper()}", label)
        )
    raise failures[_likely_format(text)]


def _likely_format(text: str) -> str:
    """Which format's error to show when nothing parses."""
    stripped = re.sub(r"(?m)^\s*(#|//).*$", "", text).strip()
    if stripped.startswith("{"):
        return "json5"
    first = next((line for line in stripped.splitlines() if line.strip()), "")
    if re.match(r"^\s*(- |[\w.-]+\s*:(\s|$))", first):
        return "yaml"
    return "kdl"


# ---- JSON and JSON5 ------------------------------------------------------------------------


def _json_locator(text: str) -> Locator:
    return Locator(compute=lambda: value_lines(text))


def parse_json(text: str, label: str) -> tuple[Any, Source, list[Problem]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = ""
        try:
            import pyjson5

            pyjson5.decode(text)
            hint = " (comments and trailing commas need the .json5 extension)"
        except Exception:
            pass
        raise SpecError(Problem(f"JSON syntax error: {exc.msg}{hint}", label, exc.lineno)) from None
    return document, Source(label, _json_locator(text), "json"), []


def parse_json5(text: str, label: str) -> tuple[Any, Source, list[Problem]]:
    import pyjson5

    try:
        document = pyjson5.decode(text)
    except pyjson5.Json5Exception as exc:
        message = str(exc.args[0]) if exc.args else "syntax error"
        line = None
        near = re.search(r"near (\d+)", message)
        if near:
            line = offset_line(text, int(near.group(1)))
            message = message[: near.start()].rstrip(" ,") + message[near.end() :]
        message = message.replace("b'", "'").strip()
        raise SpecError(Problem(f"JSON5 syntax error: {message}", label, line)) from None
    return document, Source(label, _json_locator(text), "json5"), []


# ---- YAML ----------------------------------------------------------------------------------


def parse_yaml(text: str, label: str) -> tuple[Any, Source, list[Problem]]:
    from ruamel.yaml import YAML
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt", pure=True)
    try:
        loaded = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "syntax error").strip()
        if exc.context and exc.problem and "duplicate" not in problem:
            problem = f"{exc.problem} ({exc.context})"
        if "found duplicate key" in str(exc):
            key = re.search(r'duplicate key "([^"]*)"', str(exc))
            problem = f"key '{key.group(1) if key else '?'}' is given twice"
        line = mark.line + 1 if mark is not None else None
        raise SpecError(Problem(f"YAML syntax error: {problem}", label, line)) from None
    except YAMLError as exc:
        raise SpecError(Problem(f"YAML syntax error: {exc}", label)) from None
    lines: dict[Path, int] = {}
    document = _plain(loaded, (), lines)
    return document, Source(label, Locator(lines), "yaml"), []


def _plain(value: Any, path: Path, lines: dict[Path, int]) -> Any:
    """ruamel's round-trip objects as plain data, recording the line of each member."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, CommentedMap):
        out = {}
        for key, item in value.items():
            key_text = key if isinstance(key, str) else _plain(key, (), {})
            with contextlib.suppress(KeyError, TypeError, AttributeError):
                lines[(*path, key_text)] = value.lc.key(key)[0] + 1
            out[key_text] = _plain(item, (*path, key_text), lines)
        return out
    if isinstance(value, CommentedSeq):
        items = []
        for index, item in enumerate(value):
            with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
                lines[(*path, index)] = value.lc.item(index)[0] + 1
            items.append(_plain(item, (*path, index), lines))
        return items
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v, (*path, k), lines) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, (*path, i), lines) for i, v in enumerate(value)]
    return str(value)


# ---- KDL -----------------------------------------------------------------------------------


def parse_kdl(text: str, label: str) -> tuple[Any, Source, list[Problem]]:
    try:
        nodes = kdl.parse(text)
    except kdl.KdlError as exc:
        raise SpecError(Problem(f"KDL syntax error: {exc.message}", label, exc.line)) from None
    converter = _KdlConverter(label)
    document = converter.entry(nodes, schema.WORKFLOW, (), None)
    source = Source(label, Locator(converter.lines), "kdl")
    return document, source, converter.problems


class _KdlConverter:
    """KDL nodes -> the same document a YAML file gives, guided by the schema.

    `job "name" { command "..." }` is an entry of `jobs` whose first argument is its name; a
    child node is a field; list fields take several arguments and may be repeated
    (`input_file "a"` twice); `parameters { i "1:10" }` and `resource_monitor { ... }` are
    mappings. Unknown node names are kept so that the schema check reports them.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.lines: dict[Path, int] = {}
        self.problems: list[Problem] = []

    def problem(self, message: str, line: int) -> None:
        self.problems.append(Problem(message, self.label, line))

    def entry(
        self,
        children: list[kdl.Node],
        section: schema.Section,
        path: Path,
        node: kdl.Node | None,
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if node is not None:
            args = list(node.args)
            if section.named and args:
                out["name"] = args.pop(0)
                self.lines[(*path, "name")] = node.line
            if args:
                self.problem(
                    f"'{node.name}' takes {'one argument (its name)' if section.named else 'no arguments'}"
                    f", found {len(node.args)}",
                    node.line,
                )
            for key, value in node.props.items():
                canonical = section.canonical(key)
                spec = section.fields.get(canonical) if canonical else None
                if spec is not None and spec.kind in ("strs", "ints"):
                    value = [value]
                self._set(out, canonical or key, value, spec, (*path, canonical or key), node.line)
        for child in children:
            canonical = section.canonical(child.name)
            spec = section.fields.get(canonical) if canonical else None
            key = canonical or child.name
            child_path = (*path, key)
            if spec is None:
                out[key] = child.args[0] if len(child.args) == 1 else child.args
                self.lines.setdefault(child_path, child.line)
                continue
            if spec.kind == "objects":
                assert spec.section is not None
                index = len(out.get(key, []))
                value = self.entry(child.children, spec.section, (*child_path, index), child)
            else:
                value = self.field_value(child, spec, child_path, self._where(section, out))
            if value is _SKIP:
                continue
            self._set(out, key, value, spec, child_path, child.line)
        return out

    def _set(
        self,
        out: dict[str, Any],
        key: str,
        value: Any,
        spec: schema.Field | None,
        path: Path,
        line: int,
    ) -> None:
        if spec is not None and spec.kind == "objects":
            items = out.setdefault(key, [])
            self.lines.setdefault(path, line)
            self.lines[(*path, len(items))] = line
            items.append(value)
            return
        if spec is not None and spec.kind in ("strs", "ints") and key in out:
            out[key] = [*out[key], *value]
            return
        if key in out and spec is not None:
            self.problem(f"'{key}' is given more than once", line)
        out[key] = value
        self.lines.setdefault(path, line)

    @staticmethod
    def _where(section: schema.Section, out: dict[str, Any]) -> str:
        if section.named and isinstance(out.get("name"), str):
            return f"{section.name} '{out['name']}': "
        return f"{section.name}: " if section is not schema.WORKFLOW else ""

    def field_value(self, node: kdl.Node, spec: schema.Field, path: Path, where: str = "") -> Any:
        kind = spec.kind
        if kind == "object" or (kind == "requirements" and node.has_children):
            assert spec.section is not None
            return self.entry(node.children, spec.section, path, node)
        if kind in ("params", "map"):
            out: dict[str, Any] = dict(node.props)
            for child in node.children:
                out[child.name] = child.args[0] if len(child.args) == 1 else list(child.args)
                self.lines[(*path, child.name)] = child.line
            if node.args:
                self.problem(
                    f"{where}'{node.name}' takes a block of values, not arguments", node.line
                )
            return out
        if kind in ("strs", "ints"):
            return list(node.args)
        if kind in ("json", "jsonish"):
            if node.has_children:
                return self.plain_block(node)
            if len(node.args) != 1:
                self.problem(
                    f"{where}'{node.name}' takes one value, found {len(node.args)}", node.line
                )
                return node.args[0] if node.args else _SKIP
            value = node.args[0]
            if kind == "json" and isinstance(value, str):
                try:
                    return json.loads(value)
                except json.JSONDecodeError as exc:
                    self.problem(
                        f'{where}\'{node.name}\' must hold JSON text (as in data "{{\\"key\\": 1}}"): '
                        f"{exc.msg}",
                        node.line,
                    )
                    return _SKIP
            return value
        if len(node.args) != 1 or node.children:
            self.problem(
                f"{where}'{node.name}' takes exactly one value, found {len(node.args)}", node.line
            )
            return node.args[0] if node.args else _SKIP
        return node.args[0]

    def plain_block(self, node: kdl.Node) -> dict[str, Any]:
        out: dict[str, Any] = dict(node.props)
        for child in node.children:
            if child.has_children:
                out[child.name] = self.plain_block(child)
            else:
                out[child.name] = child.args[0] if len(child.args) == 1 else list(child.args)
        return out


_SKIP = object()

_PARSERS = {"json": parse_json, "json5": parse_json5, "yaml": parse_yaml, "kdl": parse_kdl}
