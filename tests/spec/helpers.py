"""Shared helpers for the specification tests."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest

from torc.spec import Report, Spec, SpecError, load_spec, validate


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def load(tmp_path: Path, name: str, text: str, **kwargs: Any) -> Spec:
    return load_spec(write(tmp_path, name, text), **kwargs)


def check(tmp_path: Path, name: str, text: str, **kwargs: Any) -> Report:
    return validate(load(tmp_path, name, text), **kwargs)


def load_error(tmp_path: Path, name: str, text: str, **kwargs: Any) -> SpecError:
    with pytest.raises(SpecError) as info:
        load(tmp_path, name, text, **kwargs)
    return info.value


def job_names(spec: Spec) -> list[str]:
    return [job["name"] for job in spec.jobs]


def job(spec: Spec, name: str) -> dict[str, Any]:
    return next(j for j in spec.jobs if j["name"] == name)
