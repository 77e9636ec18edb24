"""Reading the specification `torc slurm generate` works on and writing the result: the
expanded `Spec` for planning next to the document as written (canonical keys, parameters kept),
and the document back out as YAML or JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def read_spec(source: Any) -> tuple[Any, dict[str, Any]]:
    """A specification file (YAML, JSON, JSON5 or KDL) -> (the expanded `Spec`, the document
    with canonical key names that it was expanded from). Raises `torc.spec.SpecError`."""
    from pathlib import Path

    from torc.spec import SpecError, formats, schema
    from torc.spec.model import build

    raw, source_info, problems = formats.read(source)
    document, schema_problems = schema.normalize(raw, source_info)
    problems = [*problems, *schema_problems]
    if "name" not in document and isinstance(raw, dict):
        label = source_info.label
        if label and label != "<text>":
            document["name"] = Path(label).stem
        else:
            problems.append(source_info.problem("the workflow: missing required key 'name'"))
    if problems:
        raise SpecError(problems)
    spec = build(document, source_info, None, True, None, None)
    if spec.problems:
        raise SpecError(spec.problems)
    return spec, document


OUTPUT_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json", ".json5": "json"}


def render(document: Mapping[str, Any], fmt: str = "yaml") -> str:
    """The specification as YAML or JSON text (JSON is valid JSON5 too)."""
    if fmt == "json":
        import json

        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    from torc_hpc import yamlout

    return yamlout.dumps(document)
