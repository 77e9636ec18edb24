"""Parameter expansion: one job, file or user data entry with parameters becomes many.

The parameters of an entry are its workflow-level `use_parameters` overlaid with its own
`parameters` (its own win). Values combine as a Cartesian product (first parameter outermost) or,
with `parameter_mode: zip`, position by position. Each combination renders the entry's strings.

A job whose name does not use every varying parameter is not multiplied by the ones it leaves
out: it stays one job per value of the parameters its name uses (one job when it uses none), and
its reference lists (`depends_on`, `input_files`, ...) take every value of the others. That is
how `aggregate` with `input_files: [result_{i}]` and `i: "1:100"` waits for all 100 results.

The size of an expansion is known before anything is generated: one that would exceed the limit
(`max_jobs`, default 1,000,000) is refused with the number it would have made.
"""

from __future__ import annotations

import itertools
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from torc.spec.errors import Path, Problem, Source, SpecError, did_you_mean
from torc.spec.parameters import ParameterError, Template, Value, parse_values, placeholders

DEFAULT_MAX_JOBS = 1_000_000
MAX_JOBS_ENV = "TORC_SPEC_MAX_JOBS"

JOB_SCALARS = ("name", "command", "invocation_script", "scheduler", "failure_handler")
JOB_LISTS = ("depends_on", "input_files", "output_files", "input_user_data", "output_user_data")
JOB_REGEX_LISTS = (
    "depends_on_regexes",
    "input_file_regexes",
    "output_file_regexes",
    "input_user_data_regexes",
    "output_user_data_regexes",
)
_PARAMETER_KEYS = ("parameters", "parameter_mode", "use_parameters")


def max_jobs_default() -> int:
    try:
        return int(os.environ.get(MAX_JOBS_ENV, DEFAULT_MAX_JOBS))
    except ValueError:
        return DEFAULT_MAX_JOBS


@dataclass
class Expansion:
    """The entries of one section after expansion, each with the entry it came from."""

    items: list[dict[str, Any]] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)
    entries: int = 0
    """Number of entries before expansion."""
    parameterized: int = 0
    """How many of those entries had parameters."""


@dataclass
class _Params:
    names: list[str]
    values: list[Sequence[Value]]
    mode: str

    def count(self) -> int:
        if not self.names:
            return 1
        if self.mode == "zip":
            return len(self.values[0])
        return math.prod(len(v) for v in self.values)


class Expander:
    def __init__(
        self,
        document: dict[str, Any],
        source: Source,
        max_jobs: int | None = None,
    ) -> None:
        self.document = document
        self.source = source
        self.max_jobs = max_jobs if max_jobs is not None else max_jobs_default()
        self.warnings: list[Problem] = []
        self.workflow_params: dict[str, Sequence[Value]] = {}
        problems = []
        for name, text in (document.get("parameters") or {}).items():
            try:
                self.workflow_params[name] = parse_values(text)
            except ParameterError as exc:
                problems.append(
                    source.problem(f"workflow parameter '{name}': {exc}", ("parameters", name))
                )
        if problems:
            raise SpecError(problems)

    # ---- parameters of one entry ----------------------------------------------------------

    def params_of(self, entry: dict[str, Any], path: Path, what: str) -> _Params | None:
        use = entry.get("use_parameters") or []
        local = entry.get("parameters") or {}
        mode = entry.get("parameter_mode") or "product"
        if not use and not local:
            if entry.get("parameter_mode"):
                self.warnings.append(
                    self.source.problem(f"{what}: parameter_mode without parameters", path)
                )
            return None
        names: list[str] = []
        values: list[Sequence[Value]] = []
        for name in use:
            if name in local:
                continue  # its own value overrides the workflow's
            if name not in self.workflow_params:
                if not self.workflow_params:
                    message = f"{what} uses workflow parameter '{name}', but the workflow has no 'parameters'"
                else:
                    message = (
                        f"{what} uses workflow parameter '{name}', which is not defined"
                        + did_you_mean(name, self.workflow_params)
                    )
                raise self.source.error(message, (*path, "use_parameters"))
            names.append(name)
            values.append(self.workflow_params[name])
        for name, text in local.items():
            try:
                parsed = parse_values(text)
            except ParameterError as exc:
                raise self.source.error(
                    f"{what}: parameter '{name}': {exc}", (*path, "parameters", name)
                ) from None
            names.append(name)
            values.append(parsed)
        params = _Params(names, values, mode)
        if mode == "zip":
            lengths = [len(v) for v in values]
            for name, length in zip(names[1:], lengths[1:], strict=True):
                if length != lengths[0]:
                    raise self.source.error(
                        f"{what}: All parameters must have the same number of values when "
                        f"using 'zip' mode. Parameter '{names[0]}' has {lengths[0]} values, "
                        f"but '{name}' has {length} values.",
                        (*path, "parameter_mode"),
                    )
        return params

    def check_size(self, count: int, params: _Params, total: int, what: str, path: Path) -> None:
        if total + count <= self.max_jobs:
            return
        if params.mode == "zip":
            detail = f"{len(params.values[0]):,} zipped values"
        else:
            detail = " x ".join(
                f"{len(v):,} value{'s' if len(v) != 1 else ''} of '{n}'"
                for n, v in zip(params.names, params.values, strict=True)
            )
        raise self.source.error(
            f"{what} would expand to {count:,} {'entries' if 'job' not in what else 'jobs'} "
            f"({detail}), {total + count:,} in all, more than the limit of {self.max_jobs:,}: "
            f"check its parameter ranges, or raise the limit (max_jobs=, or ${MAX_JOBS_ENV})",
            path,
        )

    # ---- sections -------------------------------------------------------------------------

    def expand_section(
        self,
        section: str,
        kind: str,
        scalars: Sequence[str],
        lists: Sequence[str] = (),
        regex_lists: Sequence[str] = (),
        data_field: str | None = None,
    ) -> Expansion:
        result = Expansion()
        entries = self.document.get(section) or []
        result.entries = len(entries)
        for index, entry in enumerate(entries):
            path: Path = (section, index)
            what = f"{kind} '{entry.get('name')}'"
            params = self.params_of(entry, path, what)
            base = {k: v for k, v in entry.items() if k not in _PARAMETER_KEYS}
            if params is None:
                self._warn_placeholders(entry, what, path, set())
                result.items.append(base)
                result.origin.append(index)
                continue
            result.parameterized += 1
            self._warn_placeholders(entry, what, path, set(params.names))
            count_before = len(result.items)
            try:
                self._expand_entry(
                    base, params, scalars, lists, regex_lists, data_field, result, what, path
                )
            except ParameterError as exc:
                raise self.source.error(f"{what}: {exc}", path) from None
            result.origin.extend([index] * (len(result.items) - count_before))
        return result

    def _expand_entry(
        self,
        base: dict[str, Any],
        params: _Params,
        scalars: Sequence[str],
        lists: Sequence[str],
        regex_lists: Sequence[str],
        data_field: str | None,
        result: Expansion,
        what: str,
        path: Path,
    ) -> None:
        names = params.names
        name_template = Template(str(base["name"]), names)
        scalar_templates = {
            k: Template(base[k], names) for k in scalars if isinstance(base.get(k), str)
        }
        list_templates = {k: [Template(x, names) for x in base[k]] for k in lists if base.get(k)}
        regex_templates = {
            k: [Template(x, names) for x in base[k]] for k in regex_lists if base.get(k)
        }
        data = base.get(data_field) if data_field else None
        varying = {i for i, v in enumerate(params.values) if len(v) > 1}
        used = name_template.used
        if params.mode == "zip":
            grouped = not (used & varying) and bool(varying)
        else:
            grouped = not varying <= used

        if not grouped:
            count = params.count()
            self.check_size(count, params, len(result.items), what, path)
            combos: Iterable[tuple[Value, ...]] = (
                zip(*params.values, strict=True)
                if params.mode == "zip"
                else itertools.product(*params.values)
            )
            append = result.items.append
            # a field without placeholders keeps the value `dict(base)` copies
            rendered = {k: t for k, t in scalar_templates.items() if t.literal is None}
            for combo in combos:
                item = dict(base)
                for key, template in rendered.items():
                    item[key] = template.render(combo)
                for key, templates in list_templates.items():
                    item[key] = [t.render(combo) for t in templates]
                for key, templates in regex_templates.items():
                    item[key] = [t.render(combo, escape=True) for t in templates]
                if data is not None:
                    item[data_field] = _render_data(data, names, combo)  # type: ignore[index]
                append(item)
            return

        # The name leaves out some varying parameters: one entry per value of those it uses,
        # whose lists take every value of the others.
        self.check_size(params.count(), params, len(result.items), what, path)
        if params.mode == "zip":
            groups: list[tuple[dict[int, Value], list[tuple[Value, ...]]]] = [
                ({}, list(zip(*params.values, strict=True)))
            ]
        else:
            key_indices = sorted(used & varying)
            other_indices = [i for i in range(len(names)) if i not in key_indices]
            single = {i: params.values[i][0] for i in range(len(names)) if i not in varying}
            groups = []
            key_values = itertools.product(*(params.values[i] for i in key_indices))
            count = math.prod(len(params.values[i]) for i in key_indices)
            self.check_size(count, params, len(result.items), what, path)
            for values in key_values:
                fixed = dict(zip(key_indices, values, strict=True))
                combos_list = []
                for others in itertools.product(*(params.values[i] for i in other_indices)):
                    combo: list[Value] = [None] * len(names)  # type: ignore[list-item]
                    for i, v in fixed.items():
                        combo[i] = v
                    for i, v in zip(other_indices, others, strict=True):
                        combo[i] = v
                    combos_list.append(tuple(combo))
                groups.append(({**single, **fixed}, combos_list))
        for constant, combos_in_group in groups:
            item = dict(base)
            for key, template in scalar_templates.items():
                item[key] = template.render_some(constant)
            for key, templates in list_templates.items():
                item[key] = list(
                    dict.fromkeys(t.render(c) for c in combos_in_group for t in templates)
                )
            for key, templates in regex_templates.items():
                item[key] = list(
                    dict.fromkeys(
                        t.render(c, escape=True) for c in combos_in_group for t in templates
                    )
                )
            if data is not None:
                item[data_field] = _render_data_some(data, names, constant)  # type: ignore[index]
            result.items.append(item)

    def _warn_placeholders(
        self, entry: dict[str, Any], what: str, path: Path, known: set[str]
    ) -> None:
        name = entry.get("name")
        if not isinstance(name, str):
            return
        for placeholder in dict.fromkeys(placeholders(name)):
            if placeholder in known:
                continue
            if placeholder in self.workflow_params:
                hint = f"; add use_parameters: [{placeholder}] to use the workflow parameter"
            else:
                hint = "; no parameter of that name is defined"
            self.warnings.append(
                self.source.problem(
                    f"{what}: the name keeps the placeholder {{{placeholder}}}{hint}",
                    (*path, "name"),
                )
            )


def _render_data(data: Any, names: Sequence[str], combo: Sequence[Value]) -> Any:
    if isinstance(data, str):
        return Template(data, names).render(combo)
    if isinstance(data, list):
        return [_render_data(x, names, combo) for x in data]
    if isinstance(data, dict):
        return {k: _render_data(v, names, combo) for k, v in data.items()}
    return data


def _render_data_some(data: Any, names: Sequence[str], values: dict[int, Value]) -> Any:
    if isinstance(data, str):
        return Template(data, names).render_some(values)
    if isinstance(data, list):
        return [_render_data_some(x, names, values) for x in data]
    if isinstance(data, dict):
        return {k: _render_data_some(v, names, values) for k, v in data.items()}
    return data
