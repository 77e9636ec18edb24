"""`pytorc`: the commands that jobs made by `map_function_to_jobs` run.

    pytorc run-function      call func(job_name, params) for this job and store the result
    pytorc run-postprocess   call postprocess(results) with every mapped job's result

Both read the job from the environment torc sets for every job (`TORC_API_URL`,
`TORC_JOB_ID`; `TORC_USERNAME`/`TORC_PASSWORD` when the server needs a login). A problem with
the job's set-up is one line on stderr and exit code 2; an exception raised by the user's
function is printed with its traceback and gives exit code 1, so torc records the job as failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import traceback
from typing import Any

from torc.errors import ApiError
from torc.mapping import (
    FunctionNotFound,
    from_record,
    input_record_name,
    load_function,
    to_record,
)

SETUP_ERROR = 2
FUNCTION_ERROR = 1


class JobSetupError(Exception):
    """The job cannot run: it was not started by torc, or its user data is not as mapped."""


class UserFunctionFailed(Exception):
    """The user's function raised; its exception is the cause."""


def _job_context() -> tuple[Any, Any]:
    from torc.api import make_api

    url = os.environ.get("TORC_API_URL")
    job_id = os.environ.get("TORC_JOB_ID")
    if not url or not job_id or not job_id.isdigit():
        raise JobSetupError(
            "pytorc commands run inside torc jobs: TORC_API_URL and TORC_JOB_ID must be set"
        )
    api = make_api(url)
    return api, api.get_job(int(job_id))


def _records(api: Any, ids: Any) -> list[Any]:
    return [api.get_user_data(int(i)) for i in (ids or [])]


def _data(record: Any) -> Any:
    """The record's JSON value; None while it has none."""
    from torc_client.types import Unset

    data = getattr(record, "data", None)
    return None if isinstance(data, Unset) else data


def _descriptor(job: Any, inputs: list[Any]) -> tuple[dict[str, Any], list[Any]]:
    """The consumed record that names the function, and the other consumed records."""
    wanted = input_record_name(job.name)
    for position, record in enumerate(inputs):
        if record.name == wanted:
            data = _data(record)
            if not isinstance(data, dict) or "module" not in data or "func" not in data:
                raise JobSetupError(f"user data {record.id} ({wanted}) does not name a function")
            return data, inputs[:position] + inputs[position + 1 :]
    raise JobSetupError(f"job {job.id} ({job.name}) consumes no user data named {wanted}")


def _store(api: Any, job: Any, value: Any) -> None:
    outputs = _records(api, job.output_user_data_ids)
    if len(outputs) != 1:
        raise JobSetupError(
            f"job {job.id} ({job.name}) must produce exactly one user data record, "
            f"not {len(outputs)}"
        )
    record = outputs[0]
    record.data = to_record(value)
    api.update_user_data(record.id, record)


def _call(descriptor: dict[str, Any], *args: Any) -> Any:
    function = load_function(
        descriptor["module"],
        descriptor["func"],
        descriptor.get("module_directory"),
        descriptor.get("found_in"),
    )
    try:
        return function(*args)
    except Exception as exc:
        raise UserFunctionFailed from exc


def run_function() -> Any:
    api, job = _job_context()
    descriptor, _ = _descriptor(job, _records(api, job.input_user_data_ids))
    if "params" not in descriptor:
        raise JobSetupError(f"job {job.id} ({job.name}): its input has no params")
    job_name = descriptor.get("job_name", job.name)
    result = _call(descriptor, job_name, descriptor["params"])
    _store(api, job, result)
    return result


def run_postprocess() -> Any:
    api, job = _job_context()
    descriptor, others = _descriptor(job, _records(api, job.input_user_data_ids))
    results = []
    for record in sorted(others, key=lambda r: r.id):
        data = _data(record)
        if data is None:
            raise JobSetupError(f"user data {record.id} ({record.name}) has no result yet")
        results.append(from_record(data))
    result = _call(descriptor, results)
    _store(api, job, result)
    return result


COMMANDS = {"run-function": run_function, "run-postprocess": run_postprocess}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="pytorc", description="Run the Python functions of jobs made by map_function_to_jobs."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run-function", help="call the mapped function on this job's parameters")
    sub.add_parser("run-postprocess", help="call the postprocess function on all results")
    args = parser.parse_args(argv)
    try:
        result = COMMANDS[args.command]()
    except (JobSetupError, FunctionNotFound, ApiError) as exc:
        print(f"pytorc {args.command}: {exc}", file=sys.stderr)
        return SETUP_ERROR
    except UserFunctionFailed as exc:
        cause = exc.__cause__
        assert cause is not None
        traceback.print_exception(cause)
        return FUNCTION_ERROR
    print(json.dumps(result, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
