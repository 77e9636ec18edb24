"""The example notebook runs from top to bottom in a real IPython kernel (nbclient): it starts
its own server, maps a function over a sweep, runs it with `torc run`, shows the results as an
HTML table, plots resource use and awaits the async API."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "notebooks" / "parameter_sweep.ipynb"


def outputs_of(cell: nbformat.NotebookNode) -> tuple[str, str]:
    """(all text/plain and stream text, all text/html) of a cell's outputs."""
    plain, html = [], []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream":
            plain.append(output["text"])
        data = output.get("data", {})
        plain.append(data.get("text/plain", ""))
        html.append(data.get("text/html", ""))
    return "".join(plain), "".join(html)


def test_the_example_notebook_runs_in_a_kernel(tmp_path: Path) -> None:
    shutil.copy(NOTEBOOK, tmp_path / NOTEBOOK.name)
    notebook = nbformat.read(tmp_path / NOTEBOOK.name, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError, with the traceback, when a cell fails

    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    by_source = {cell.source.splitlines()[0]: cell for cell in code}

    _, jobs_html = outputs_of(next(c for c in code if "map_function_to_jobs(api" in c.source))
    assert "ListJobsResponse: 4 of 4" in jobs_html and "pytorc run-function" in jobs_html

    _, table_html = outputs_of(
        by_source["names = {job.id: job.name for job in api.iter_jobs(workflow.id)}"]
    )
    assert "<caption>memory sweep</caption>" in table_html
    assert table_html.count("<tr>") == 5  # header and four jobs
    for mb in (20, 60, 120, 200):
        assert f"<td>{mb}</td>" in table_html

    figure = next(c for c in code if c.source.startswith("figure = go.Figure("))
    assert any("application/vnd.plotly.v1+json" in o.get("data", {}) for o in figure.outputs)

    printed, _ = outputs_of(next(c for c in code if "make_async_api(url)" in c.source))
    assert "run 1: complete=True failed=[]" in printed

    # the jobs really held the memory they were asked for: each peak is at least that much
    rows = [
        dict(zip(("job", "asked", "code", "peak"), cells_of(row), strict=False))
        for row in table_html.split("<tr>")[2:]
    ]
    assert [row["code"] for row in rows] == ["0"] * 4
    assert all(float(row["peak"]) >= float(row["asked"]) for row in rows), rows


def cells_of(row: str) -> list[str]:
    return [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]
