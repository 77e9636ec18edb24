"""The dashboard in a real browser: create by upload, run, live status, DAG, debugging."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.dash.conftest import REPO, Dash, artifacts_dir

FAILING_SPEC = {
    "name": "fails_on_purpose",
    "description": "one job that writes to stderr and exits 3",
    "jobs": [
        {"name": "ok_job", "command": "echo all good"},
        {
            "name": "boom",
            "command": "bash -c 'echo about to fail; echo disk quota exceeded >&2; exit 3'",
        },
    ],
}


def shot(page: Any, name: str) -> Path:
    path = artifacts_dir() / f"{name}.png"
    page.evaluate("document.querySelectorAll('.toast').forEach(t => t.remove())")
    page.screenshot(path=str(path))
    return path


def upload(page: Any, path: Path | None = None, *, name: str = "", text: str = "") -> None:
    page.click("#create-open")
    if path is not None:
        page.set_input_files("#create-file", str(path))
    else:
        page.set_input_files(
            "#create-file",
            files=[{"name": name, "mimeType": "text/plain", "buffer": text.encode()}],
        )
    page.wait_for_function("document.querySelector('#create-file-name').textContent !== ''")
    page.click("#create-submit")


def create(page: Any, path: Path | None = None, *, name: str = "", text: str = "") -> int:
    before = page.evaluate("window.__dash.workflowId")
    upload(page, path, name=name, text=text)
    page.wait_for_selector("#modal-create.hidden, #create-error:not(.hidden)", state="attached")
    assert page.locator("#create-error.hidden").count() == 1, page.locator(
        "#create-error"
    ).inner_text()
    page.wait_for_function(
        f"window.__dash.workflowId && window.__dash.workflowId !== {before or 0}"
    )
    return int(page.evaluate("window.__dash.workflowId"))


def workflow_button(page: Any, workflow_id: int, action: str, *, confirm: bool = True) -> None:
    page.click("#tabs button[data-tab=workflows]")
    page.click(f'#workflows-table tr[data-id="{workflow_id}"] button[data-action="{action}"]')
    page.wait_for_selector("#modal-confirm", state="visible")
    page.click("#confirm-ok" if confirm else "#confirm-cancel")
    page.wait_for_selector("#modal-confirm", state="hidden")


def statuses(page: Any) -> dict[str, str]:
    return page.evaluate(
        "Object.fromEntries(Array.from(window.__dash.jobs.values()).map(j => [j.name, j.status]))"
    )


def test_diamond_runs_live_in_the_page(page: Any, dash: Dash) -> None:
    shot(page, "01-workflows-empty")
    workflow_id = create(page, REPO / "examples" / "yaml" / "diamond_workflow.yaml")
    assert (
        page.locator(f'#workflows-table tr[data-id="{workflow_id}"]')
        .inner_text()
        .count("diamond_workflow")
    )
    shot(page, "02-workflows")

    workflow_button(page, workflow_id, "initialize")
    page.wait_for_function(
        "Array.from(window.__dash.jobs.values()).some(j => j.status === 'ready')"
    )
    assert statuses(page) == {
        "preprocess": "ready",
        "work1": "blocked",
        "work2": "blocked",
        "postprocess": "blocked",
    }
    page.evaluate("window.__notReloaded = true")

    workflow_button(page, workflow_id, "run-locally")
    page.click("#tabs button[data-tab=details]")
    # the rows turn completed as the server reports it, with no reload and no polling
    page.wait_for_function(
        "document.querySelectorAll('#details-table td.status-cell .badge.s-completed').length === 4",
        timeout=60_000,
    )
    assert page.evaluate("window.__notReloaded") is True
    assert page.locator("#live-indicator").inner_text() == "● Live"
    assert page.evaluate("window.__dash.pollTimer") is None
    assert set(statuses(page).values()) == {"completed"}
    assert page.locator('#summary .stat[data-status="completed"] b').inner_text() == "4"
    shot(page, "03-details-completed")

    # column:value filter and sorting by a header
    page.fill("#details-filter", "name:work")
    assert page.locator("#details-table tbody tr").count() == 2
    page.fill("#details-filter", "")
    page.click('#details-table th[data-key="name"]')
    page.click('#details-table th[data-key="name"]')  # descending
    first = page.locator("#details-table tbody tr").first.locator("td").nth(1).inner_text()
    assert first == "work2"

    # the other tables of the workflow
    for kind, rows in (("files", 6), ("results", 4), ("resource_requirements", 3), ("jobs", 4)):
        page.click(f'#detail-subtabs button[data-kind="{kind}"]')
        page.wait_for_function(
            f"document.querySelector('#details-count').textContent === '{rows} of {rows}'"
        )
    # the stored events of the run
    page.click("#tabs button[data-tab=events]")
    page.wait_for_function("document.querySelectorAll('#events-table tbody tr').length >= 4")
    shot(page, "05-events")

    page.click("#tabs button[data-tab=dag]")
    page.wait_for_function("window.__dagTimings && window.__dash.dagFor")
    timings = page.evaluate("window.__dagTimings")
    assert (timings["nodes"], timings["edges"]) == (4, 4)
    colours = page.evaluate("window.__dash.cy.nodes().map(n => n.data('status'))")
    assert colours == ["completed"] * 4
    # a click on a node (where cytoscape drew it) opens its details
    node = page.evaluate(
        "(() => { const n = window.__dash.cy.nodes().filter(n => n.data('label') === 'work1');"
        " return n.renderedPosition(); })()"
    )
    box = page.locator("#dag").bounding_box()
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    page.wait_for_selector("#dag-node:not(.hidden)")
    assert "work1" in page.locator("#dag-node").inner_text()
    assert "completed" in page.locator("#dag-node").inner_text()
    shot(page, "04-dag")


def test_failed_job_stderr_in_debugging_tab(page: Any, dash: Dash) -> None:
    workflow_id = create(page, name="fails.json", text=json.dumps(FAILING_SPEC))
    workflow_button(page, workflow_id, "initialize")
    # the DAG, drawn before the run, turns the failed job red as it happens
    page.click("#tabs button[data-tab=dag]")
    page.wait_for_function(f"window.__dagTimings && window.__dash.dagFor === {workflow_id}")
    page.evaluate("window.__dagTimings.drawn = 'before the run'")
    workflow_button(page, workflow_id, "run-locally")
    page.click("#tabs button[data-tab=dag]")
    page.wait_for_function(
        "window.__dash.cy.nodes().filter(n => n.data('status') === 'failed').map(n => n.data('label'))"
        ".join() === 'boom'",
        timeout=60_000,
    )
    assert page.evaluate("window.__dagTimings.drawn") == "before the run"  # not redrawn
    assert page.evaluate(
        "window.__dash.cy.nodes().filter(n => n.data('label') === 'boom').data('color')"
    ) == page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--s-failed').trim()"
    )
    page.click("#tabs button[data-tab=debugging]")
    page.click("#debug-generate")
    page.wait_for_selector("#debug-table tbody tr.clickable")
    rows = page.locator("#debug-table tbody tr.clickable")
    assert rows.count() == 1  # only the failed job
    assert "boom" in rows.first.inner_text()
    rows.first.click()
    page.click('#log-tabs button[data-stream="stderr"]')
    page.wait_for_function(
        "document.querySelector('#log-content').textContent.includes('disk quota exceeded')"
    )
    path = page.locator("#log-path").inner_text()
    assert path.startswith(str(dash.cwd / "output")) and path.endswith(".e")
    page.click('#log-tabs button[data-stream="stdout"]')
    page.wait_for_function(
        "document.querySelector('#log-content').textContent.includes('about to fail')"
    )
    page.click('#log-tabs button[data-stream="stderr"]')
    page.wait_for_function(
        "document.querySelector('#log-content').textContent.includes('disk quota exceeded')"
    )
    shot(page, "06-debugging")

    # the Slurm sections run `torc slurm parse-logs` / `sacct` and show their answers
    page.click("#slurm-analyze")
    page.wait_for_function(
        "/^\\d+ problems in \\d+ files$/.test(document.querySelector('#slurm-analyze-status').textContent)"
    )
    page.click("#slurm-sacct")
    page.wait_for_function(
        "/^0 steps of 0 allocations$/.test(document.querySelector('#slurm-sacct-status').textContent)"
    )
    # an allocation's log, by its Slurm job id
    (dash.cwd / "output" / "slurm_output_4242.e").write_text("slurmstepd: error: oom-kill\n")
    page.fill("#slurm-job-id", "4242")
    page.click("#slurm-view-logs")
    page.click('#slurm-tabs button[data-ext="e"]')
    page.wait_for_function(
        "document.querySelector('#slurm-content').textContent.includes('oom-kill')"
    )
    page.click("#slurm-close")


def test_spec_errors_shown_by_line_and_all_formats_upload(page: Any, dash: Dash) -> None:
    upload(page, name="bad.yaml", text="name: bad\njobs:\n  - name: a\n    comand: echo hi\n")
    error = page.locator("#create-error")
    error.wait_for(state="visible")
    assert "bad.yaml:4:" in error.inner_text() and "comand" in error.inner_text()
    shot(page, "07-create-error")
    page.click("#create-cancel")
    for path in (
        REPO / "examples" / "json5" / "diamond_workflow.json5",
        REPO / "examples" / "kdl" / "diamond_workflow.kdl",
    ):
        workflow_id = create(page, path)
        page.wait_for_function("window.__dash.jobs.size === 4")
        assert page.locator(f'#workflows-table tr[data-id="{workflow_id}"]').count() == 1


def test_delete_asks_first(page: Any, dash: Dash) -> None:
    workflow_id = create(
        page, name="short.yaml", text="name: short\njobs:\n  - name: a\n    command: 'true'\n"
    )
    row = f'#workflows-table tr[data-id="{workflow_id}"]'
    workflow_button(page, workflow_id, "delete", confirm=False)
    assert page.locator(row).count() == 1
    workflow_button(page, workflow_id, "delete")
    page.wait_for_selector(row, state="detached")


def test_cancel_stops_a_running_workflow(page: Any, dash: Dash) -> None:
    workflow_id = create(
        page, name="long.yaml", text="name: long\njobs:\n  - name: sleeper\n    command: sleep 60\n"
    )
    workflow_button(page, workflow_id, "initialize")
    workflow_button(page, workflow_id, "run-locally")
    page.wait_for_function(
        "Array.from(window.__dash.jobs.values()).some(j => j.status === 'running')",
        timeout=30_000,
    )
    workflow_button(page, workflow_id, "cancel", confirm=False)
    assert statuses(page) == {"sleeper": "running"}
    workflow_button(page, workflow_id, "cancel")
    page.wait_for_function(
        "['canceled', 'terminated'].includes(Array.from(window.__dash.jobs.values())[0].status)",
        timeout=30_000,
    )
