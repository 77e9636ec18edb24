"""Mapping a Python function over sets of parameters, one torc job per set.

`map_function_to_jobs` stores each set of parameters as a user data record the job consumes,
plus an empty record the job produces, and creates jobs whose command is
`pytorc run-function`; that command (in `torc.pytorc`) imports the function, calls
`func(job_name, params)` and stores what it returns. An optional postprocess job
(`pytorc run-postprocess`) consumes every result and calls `postprocess(results)`.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from torc.helpers import create_jobs

RUN_FUNCTION_COMMAND = "pytorc run-function"
RUN_POSTPROCESS_COMMAND = "pytorc run-postprocess"
RETURN_KEY = "torc_return_value"
"""A function that returns None stores `{RETURN_KEY: null}` (a null record would count as not
produced yet); the postprocess function gets None back."""


class FunctionNotFound(ValueError):
    """The module cannot be imported or has no such function."""


def input_record_name(job_name: str) -> str:
    return f"input_{job_name}"


def output_record_name(job_name: str) -> str:
    return f"output_{job_name}"


def load_function(
    module: str,
    func: str,
    module_directory: str | None = None,
    fallback_directory: str | None = None,
) -> Callable[..., Any]:
    """Import `module` (from `module_directory` first, the usual path, then the current
    directory and `fallback_directory`) and answer its callable `func`."""
    if module_directory is not None and module_directory not in sys.path:
        sys.path.insert(0, module_directory)
    for extra in (os.getcwd(), fallback_directory):
        if extra is not None and extra not in sys.path:
            sys.path.append(extra)
    try:
        loaded = importlib.import_module(module)
    except ImportError as exc:
        where = f" (module_directory={module_directory})" if module_directory else ""
        raise FunctionNotFound(f"cannot import module {module!r}{where}: {exc}") from exc
    function = getattr(loaded, func, None)
    if not callable(function):
        raise FunctionNotFound(f"module {module!r} has no function {func!r}")
    return function


def _where_found(module: str) -> str | None:
    """The directory of sys.path that `module` was imported from, for jobs that run from
    another working directory."""
    spec = importlib.util.find_spec(module.partition(".")[0])
    if spec is None or spec.origin is None:
        return None
    origin = Path(spec.origin).resolve()
    top = origin.parent.parent if origin.name == "__init__.py" else origin.parent
    return str(top)


def function_reference(
    module: str, func: str, module_directory: str | os.PathLike[str] | None
) -> dict[str, Any]:
    """Check that `module.func` can be called and describe it for the job (as user data)."""
    directory = None if module_directory is None else str(Path(module_directory).resolve())
    if directory is not None and not Path(directory).is_dir():
        raise FunctionNotFound(f"module_directory {directory} is not a directory")
    load_function(module, func, directory)
    reference: dict[str, Any] = {"module": module, "func": func}
    if directory is not None:
        reference["module_directory"] = directory
    else:
        found = _where_found(module)
        if found is not None:
            reference["found_in"] = found
    return reference


def map_function_to_jobs(
    api: Any,
    workflow_id: int,
    module: str,
    func: str,
    params: Sequence[dict[str, Any]],
    postprocess_func: str | None = None,
    module_directory: str | os.PathLike[str] | None = None,
    resource_requirements_id: int | None = None,
    scheduler_id: int | None = None,
    start_index: int = 1,
    name_prefix: str = "",
    depends_on_job_ids: list[int] | None = None,
) -> list[Any]:
    """Create one job per item of `params` that calls `module.func(job_name, item)`, and, with
    `postprocess_func`, a final job that calls `module.postprocess_func(results)` with the list
    of what each call returned (in the order of `params`). Answers the created jobs.

    Job names are `name_prefix` plus the item's index (from `start_index`); the postprocess job
    is `name_prefix + "postprocess"`. Each item must be JSON-serializable. `module` must be
    importable here (it is checked now) and where the jobs run: from `module_directory`, the
    Python path, the job's working directory, or the directory it was found in here.
    `depends_on_job_ids` makes every mapped job wait for those jobs.
    """
    from torc_client.models import JobModel, UserDataModel

    if isinstance(params, dict | str) or not all(isinstance(p, dict) for p in params):
        raise TypeError("params must be a list of dicts, one per job")
    reference = function_reference(module, func, module_directory)
    post_reference = (
        None
        if postprocess_func is None
        else function_reference(module, postprocess_func, module_directory)
    )

    def record(name: str, data: dict[str, Any] | None) -> int:
        model = UserDataModel(workflow_id=workflow_id, name=name)
        if data is not None:
            model.data = data
        return api.create_user_data(model).id

    optional: dict[str, Any] = {}
    if resource_requirements_id is not None:
        optional["resource_requirements_id"] = resource_requirements_id
    if scheduler_id is not None:
        optional["scheduler_id"] = scheduler_id

    jobs = []
    result_ids = []
    for index, item in enumerate(params, start=start_index):
        job_name = f"{name_prefix}{index}"
        inputs = record(
            input_record_name(job_name), {**reference, "params": item, "job_name": job_name}
        )
        output = record(output_record_name(job_name), None)
        result_ids.append(output)
        job = JobModel(
            workflow_id=workflow_id,
            name=job_name,
            command=RUN_FUNCTION_COMMAND,
            input_user_data_ids=[inputs],
            output_user_data_ids=[output],
            **optional,
        )
        if depends_on_job_ids:
            job.depends_on_job_ids = list(depends_on_job_ids)
        jobs.append(job)

    if post_reference is not None:
        job_name = f"{name_prefix}postprocess"
        inputs = record(input_record_name(job_name), {**post_reference, "job_name": job_name})
        output = record(output_record_name(job_name), None)
        jobs.append(
            JobModel(
                workflow_id=workflow_id,
                name=job_name,
                command=RUN_POSTPROCESS_COMMAND,
                input_user_data_ids=[inputs, *result_ids],
                output_user_data_ids=[output],
                **optional,
            )
        )
    return create_jobs(api, jobs)


def to_record(value: Any) -> Any:
    """What a function returned, as the JSON value stored in user data."""
    return {RETURN_KEY: None} if value is None else value


def from_record(data: Any) -> Any:
    """The value `to_record` stored."""
    if isinstance(data, dict) and set(data) == {RETURN_KEY}:
        return data[RETURN_KEY]
    return data
