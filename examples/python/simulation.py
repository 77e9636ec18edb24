"""The user's code in the "map a Python function" example: one simulation per set of inputs,
then a post-processing step over all results. torc knows nothing about this module; the job
commands call it through run_function.py."""

from __future__ import annotations


def run(job_name: str, input_params: dict) -> dict:
    """Run one simulation on a set of input parameters and return its result."""
    return {
        "inputs": input_params,
        "result": 5,
        "output_data_path": f"/projects/my-project/{job_name}",
    }


def postprocess(results: list[dict]) -> dict:
    """Collect the results of the workers into a final result."""
    total = 0
    paths = []
    for result in results:
        assert "result" in result
        assert "output_data_path" in result
        total += result["result"]
        paths.append(result["output_data_path"])
    return {"total": total, "output_data_paths": paths}
