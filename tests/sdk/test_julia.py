"""The Julia client, checked without Julia (it cannot be installed here): every `.jl` file parses
with the tree-sitter Julia grammar, every operation of the document has its generated function,
and the hand-written module and examples only call generated functions and construct generated
models with fields those models have. sdk/julia/README.md says what this does not cover."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import tree_sitter_julia
from tree_sitter import Language, Node, Parser

from tests.openapi_document import load_document

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "sdk" / "julia" / "Torc"
GENERATED = PACKAGE / "src" / "api"
HAND_WRITTEN = [
    PACKAGE / "src" / "Torc.jl",
    PACKAGE / "src" / "map_function.jl",
    *sorted((PACKAGE / "examples").glob("*.jl")),
]
GUIDE_HELPERS = {"make_api", "send_api_command", "add_jobs", "map_function_to_jobs", "get_user"}


@cache
def parser() -> Parser:
    return Parser(Language(tree_sitter_julia.language()))


def parse(path: Path) -> Node:
    return parser().parse(path.read_bytes()).root_node


def walk(node: Node) -> Iterator[Node]:
    yield node
    for child in node.children:
        yield from walk(child)


def text(node: Node) -> str:
    assert node.text is not None
    return node.text.decode()


def problems(root: Node) -> list[str]:
    return [
        f"line {n.start_point[0] + 1}: {'missing ' + n.type if n.is_missing else 'cannot parse'}"
        for n in walk(root)
        if n.is_missing or n.type == "ERROR"
    ]


def test_the_grammar_rejects_broken_julia(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jl"
    broken.write_text("function f(x\n    return x +\n")
    assert problems(parse(broken))


def test_every_julia_file_parses() -> None:
    files = sorted((ROOT / "sdk" / "julia").rglob("*.jl"))
    assert len(files) > 90  # the generated models and API, the module, the examples
    found = {str(f.relative_to(ROOT)): problems(parse(f)) for f in files}
    assert {name: where for name, where in found.items() if where} == {}


def function_names(root: Node) -> set[str]:
    names = set()
    for node in walk(root):
        if node.type == "function_definition":
            signature = next(c for c in node.children if c.type == "signature")
            call = signature.children[0]
            if call.type == "where_expression":
                call = call.children[0]
            if call.type == "typed_expression":
                call = call.children[0]
            names.add(text(call.children[0]))
    return names


@cache
def generated_functions() -> frozenset[str]:
    return frozenset(function_names(parse(GENERATED / "apis" / "api_DefaultApi.jl")))


@cache
def generated_models() -> dict[str, frozenset[str]]:
    """Model struct name -> its field names."""
    models: dict[str, frozenset[str]] = {}
    for path in (GENERATED / "models").glob("model_*.jl"):
        for node in walk(parse(path)):
            if node.type == "struct_definition":
                head = next(c for c in node.children if c.type == "type_head")
                name = text(head).split("<:")[0].strip()
                fields = {
                    text(child.children[0].children[0])
                    for child in node.children
                    if child.type == "assignment" and child.children[0].type == "typed_expression"
                }
                fields |= {
                    text(child.children[0])
                    for child in node.children
                    if child.type == "typed_expression"
                }
                models[name] = frozenset(fields)
    return models


def test_every_operation_has_its_generated_function() -> None:
    operations = {
        op["operationId"]
        for item in load_document()["paths"].values()
        for method, op in item.items()
        if isinstance(op, dict) and "operationId" in op
    }
    assert len(operations) > 100
    assert sorted(operations - generated_functions()) == []


def test_generated_models_are_read() -> None:
    models = generated_models()
    assert {"id", "name", "user", "description"} <= models["WorkflowModel"]
    assert {"workflow_id", "name", "command", "input_user_data_ids"} <= models["JobModel"]


def api_client_uses(root: Node) -> Iterator[tuple[str, set[str], int]]:
    """Each `APIClient.X` reference: X, the keyword names it is called with, its line."""
    for node in walk(root):
        if node.type != "field_expression" or text(node.children[0]) != "APIClient":
            continue
        name = text(node.children[-1])
        keywords: set[str] = set()
        parent = node.parent
        if parent is not None and parent.type == "call_expression" and parent.children[0] == node:
            arguments = parent.children[1]
            keywords = {
                text(arg.children[0]) for arg in walk(arguments) if arg.type == "named_argument"
            } & {text(a.children[0]) for a in arguments.children if a.type == "named_argument"}
        yield name, keywords, node.start_point[0] + 1


@pytest.mark.parametrize("path", HAND_WRITTEN, ids=lambda p: p.name)
def test_hand_written_code_calls_what_was_generated(path: Path) -> None:
    models = generated_models()
    wrong = []
    for name, keywords, line in api_client_uses(parse(path)):
        if name in models:
            unknown = keywords - models[name]
            if unknown:
                wrong.append(f"line {line}: {name} has no field {sorted(unknown)}")
        elif name not in generated_functions() and name != "DefaultApi":
            wrong.append(f"line {line}: APIClient.{name} is not generated")
    assert wrong == []


def test_the_module_exports_the_guides_helpers() -> None:
    root = parse(PACKAGE / "src" / "Torc.jl")
    exported = {
        text(child)
        for node in walk(root)
        if node.type == "export_statement"
        for child in node.children
        if child.type == "identifier"
    }
    assert exported >= GUIDE_HELPERS | {"process_mapped_function_cli_args", "APIClient"}
    defined = function_names(root) | function_names(parse(PACKAGE / "src" / "map_function.jl"))
    assert defined >= GUIDE_HELPERS | {"iter_documents", "process_mapped_function_cli_args"}
