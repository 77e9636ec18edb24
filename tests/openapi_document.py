"""openapi/torc.yaml, read once per test process.

The document is 270 kB of YAML. ruamel.yaml (without its C extension) takes seconds to read it;
PyYAML's libyaml loader (PyYAML comes with schemathesis) reads it in a fraction of a second, into
the same plain dicts and lists. Callers share one parsed copy: do not modify it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

DOCUMENT = Path(__file__).resolve().parents[1] / "openapi" / "torc.yaml"


@functools.cache
def load_document() -> dict[str, Any]:
    """The parsed document (shared: do not modify it)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load(DOCUMENT.read_text(), Loader=loader)
    assert isinstance(document, dict), DOCUMENT
    return document
