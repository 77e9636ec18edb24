"""Call a Python function on torc user data and store what it returns as user data.

Job commands of the "map a Python function" example run this script:

    python3 examples/python/run_function.py map simulation run \
        --input ${user_data.input.params_1} --output ${user_data.output.result_1}
    python3 examples/python/run_function.py reduce simulation postprocess \
        --input ${user_data.input.result_1} ... --output ${user_data.output.final_result}

torc replaces each ${user_data...} variable with the record's id. `map` calls
FUNCTION(job_name, data) with the one input record's data; `reduce` calls FUNCTION([data, ...])
with every input's data. The return value (a dict; anything else is stored as {"result": value})
becomes the data of the output record. The server is $TORC_API_URL, which torc sets for every
job; $TORC_USERNAME and $TORC_PASSWORD are used for basic authentication when set. Only the
standard library is used, so any python3 can run it.
"""

from __future__ import annotations

import argparse
import base64
import importlib
import json
import os
import sys
import urllib.request
from pathlib import Path
from typing import Any


def _call_api(method: str, path: str, body: Any = None) -> Any:
    url = os.environ.get("TORC_API_URL", "http://localhost:8080/torc-service/v1").rstrip("/")
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    user = os.environ.get("TORC_USERNAME")
    if user:
        token = base64.b64encode(f"{user}:{os.environ.get('TORC_PASSWORD', '')}".encode())
        request.add_header("Authorization", "Basic " + token.decode())
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def read_user_data(user_data_id: int) -> Any:
    record = _call_api("GET", f"/user_data/{user_data_id}")
    if record.get("data") is None:
        raise SystemExit(f"user data {user_data_id} ({record.get('name')}) has no data yet")
    return record["data"]


def write_user_data(user_data_id: int, value: Any) -> None:
    record = _call_api("GET", f"/user_data/{user_data_id}")
    record["data"] = value if isinstance(value, dict) else {"result": value}
    _call_api("PUT", f"/user_data/{user_data_id}", record)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["map", "reduce"])
    parser.add_argument("module", help="module that holds the function, e.g. simulation")
    parser.add_argument("function", help="function to call, e.g. run")
    parser.add_argument("--input", type=int, action="append", required=True, help="user data id")
    parser.add_argument("--output", type=int, help="user data id that receives the return value")
    parser.add_argument(
        "--module-directory",
        default=str(Path(__file__).resolve().parent),
        help="directory to import the module from (default: this script's directory)",
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, args.module_directory)
    function = getattr(importlib.import_module(args.module), args.function)
    inputs = [read_user_data(i) for i in args.input]
    if args.mode == "map":
        if len(inputs) != 1:
            parser.error("map takes exactly one --input")
        job_name = os.environ.get("TORC_JOB_NAME") or f"job_{os.environ.get('TORC_JOB_ID', '0')}"
        result = function(job_name, inputs[0])
    else:
        result = function(inputs)
    print(json.dumps(result))
    if args.output is not None and result is not None:
        write_user_data(args.output, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
