"""The other tabs in a real browser: resource plots of a time-series run, the configuration
tab starting and stopping a torc-server, and the workflow wizard."""

from __future__ import annotations

from typing import Any

from tests.dash.conftest import Dash
from tests.dash.test_dashboard import create, shot, statuses, workflow_button

TIME_SERIES = """name: sampled
resource_monitor:
  enabled: true
  granularity: time_series
  sample_interval_seconds: 1
jobs:
  - name: busy
    command: python3 -c "import time; x = [0] * 5_000_000; time.sleep(2.5)"
"""


def test_resource_plots_of_a_time_series_run(page: Any, dash: Dash) -> None:
    workflow_id = create(page, name="sampled.yaml", text=TIME_SERIES)
    workflow_button(page, workflow_id, "initialize")
    workflow_button(page, workflow_id, "run-locally")
    page.wait_for_function(
        "Array.from(window.__dash.jobs.values()).every(j => j.status === 'completed')",
        timeout=60_000,
    )
    page.click("#tabs button[data-tab=resources]")
    page.fill("#res-dir", "output")
    page.click("#res-scan")
    page.wait_for_selector("#res-list input[type=checkbox]")
    page.click("#res-plot")
    page.wait_for_selector("#res-plots .plot .main-svg")
    assert page.locator("#res-plots .plot").count() >= 2  # CPU and memory
    traces = page.evaluate(
        "Array.from(document.querySelectorAll('#res-plots .plot')).map(d => d.data.length)"
    )
    assert all(count >= 1 for count in traces)
    names = page.evaluate("document.querySelector('#res-plots .plot').data.map(t => t.name)")
    assert any(name.endswith(" busy") for name in names), names
    assert "busy" in page.locator("#res-plots").inner_text()  # the legend
    # plotly.js comes from the dashboard, not from a CDN
    sources = page.evaluate("Array.from(document.scripts).map(s => s.src)")
    assert all(src.startswith(dash.url) for src in sources if src), sources
    shot(page, "08-resource-plots")


def test_configuration_starts_and_stops_a_server(page: Any, dash: Dash) -> None:
    page.click("#tabs button[data-tab=config]")
    page.click("#cfg-test")
    page.wait_for_function("document.querySelector('#cfg-status').textContent.startsWith('✔')")
    page.fill("#srv-db", str(dash.cwd / "from-page" / "torc.db"))
    page.click("#srv-start")
    page.wait_for_function(
        "document.querySelector('#srv-status').textContent.startsWith('Running at http://127.0.0.1:')",
        timeout=60_000,
    )
    url = page.locator("#srv-status").inner_text().removeprefix("Running at ")
    assert page.locator("#cfg-api-url").input_value() == url
    assert page.evaluate("localStorage.getItem('torc-dash.api_url')") == url
    # the new server has no workflows yet: the list now comes from it
    page.click("#tabs button[data-tab=workflows]")
    page.wait_for_function("window.__dash.workflows.length === 0")
    page.click("#tabs button[data-tab=config]")
    shot(page, "09-configuration")
    page.click("#srv-stop")
    page.click("#confirm-ok")
    page.wait_for_function("document.querySelector('#srv-status').textContent === 'Stopped'")
    page.click("#cfg-test")
    page.wait_for_function("document.querySelector('#cfg-status').textContent.startsWith('✘')")
    page.click("#tabs button[data-tab=workflows]")
    page.click("#workflows-refresh")
    page.wait_for_function(
        "document.querySelector('#live-indicator').textContent === '● Disconnected'"
    )
    page.click("#tabs button[data-tab=config]")
    # back to the test's server, for the tests after this one
    page.fill("#cfg-api-url", dash.api_url)
    page.click("#cfg-save")
    page.wait_for_function("document.querySelector('#cfg-status').textContent === 'Saved.'")


def test_wizard_creates_a_workflow(page: Any, dash: Dash) -> None:
    """The tutorial's pipeline: three jobs (one parameterized), a Slurm scheduler, an action."""
    page.click("#tabs button[data-tab=wizard]")
    page.fill("#wiz-name", "from_wizard")
    page.click("#wiz-next")
    page.click("#wiz-add-job")
    page.click("#wiz-add-job")
    cards = page.locator("#wiz-body .wiz-card")

    def job(index: int, name: str, command: str) -> Any:
        card = cards.nth(index)
        card.locator("label:has-text('Job Name') input").fill(name)
        card.locator("label:has-text('Command') input").fill(command)
        return card

    job(0, "preprocess", "echo pre")
    analyze = job(1, "analyze", "echo analyze")
    report = job(2, "report_{i}", "echo report {i}")
    analyze.locator("label:has-text('Blocked By') select").select_option(["preprocess"])
    analyze.locator("label:has-text('Resources') select").select_option("medium")
    report.locator("label:has-text('Blocked By') select").select_option(["analyze"])
    report.locator("label:has-text('Parameters') input").fill('i: "1:2"')
    shot(page, "10-wizard")
    page.click("#wiz-next")
    page.click("#wiz-add-scheduler")
    scheduler = page.locator("#wiz-body .wiz-card").first
    scheduler.locator("label:has-text('Scheduler Name') input").fill("compute")
    scheduler.locator("label:has-text('Account') input").fill("my_project")
    page.click("#wiz-next")
    page.click("#wiz-add-action")
    page.click("#wiz-next")
    spec = page.locator("#wiz-spec").inner_text()
    assert '"depends_on"' in spec and '"slurm_schedulers"' in spec and '"actions"' in spec
    assert page.locator("#wiz-init").is_checked()
    page.click("#wiz-next")
    page.wait_for_function(
        "window.__dash.workflows.some(w => w.name === 'from_wizard') && window.__dash.jobs.size === 4"
    )
    page.wait_for_function(
        "Array.from(window.__dash.jobs.values()).some(j => j.status === 'ready')"
    )
    assert statuses(page) == {
        "preprocess": "ready",
        "analyze": "blocked",
        "report_1": "blocked",
        "report_2": "blocked",
    }
    workflow_id = page.evaluate("window.__dash.workflowId")
    actions = page.evaluate(
        f"fetch('/torc-service/v1/workflows/{workflow_id}/actions').then(r => r.json())"
    )
    assert [(a["trigger_type"], a["action_type"]) for a in actions] == [
        ("on_workflow_start", "schedule_nodes")
    ]


def test_large_dag_draws_and_labels_what_is_in_view(page: Any, dash: Dash) -> None:
    """Above 2,000 nodes the DAG takes its fast path: plain styling, labels only when zoomed in."""
    from tests.benchmarks.bench_dash import spec
    from torc import make_api
    from torc.workflows import create_workflow_from_dict

    with make_api(dash.api_url) as api:
        workflow_id = create_workflow_from_dict(api, spec(50, 42)).workflow.id
    page.click("#tabs button[data-tab=workflows]")
    page.click("#workflows-refresh")
    page.select_option("#workflow-select", str(workflow_id))
    page.wait_for_function("window.__dash.jobs.size === 2100")
    page.click("#tabs button[data-tab=dag]")
    page.wait_for_function(
        f"window.__dagTimings && window.__dash.dagFor === {workflow_id}", timeout=60_000
    )
    timings = page.evaluate("window.__dagTimings")
    assert (timings["nodes"], timings["edges"]) == (2100, 2050)
    assert page.evaluate("window.__dash.cy.nodes('.lbl').length") == 0  # the whole graph: no labels
    shot(page, "11-dag-2100")
    page.evaluate(
        "(() => { const cy = window.__dash.cy; const n = cy.nodes().filter(n => "
        "n.data('label') === 'j_20_25'); cy.zoom({level: 1, position: n.position()}); "
        "cy.center(n); })()"
    )
    page.wait_for_function("window.__dash.cy.nodes('.lbl').length > 0")
    labelled = page.evaluate("window.__dash.cy.nodes('.lbl').map(n => n.data('label'))")
    assert "j_20_25" in labelled and len(labelled) < 200


def test_polling_when_the_event_stream_is_unavailable(browser: Any, dash: Dash) -> None:
    """Without server-sent events the page falls back to asking every few seconds."""
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    try:
        context.add_init_script("delete window.EventSource")
        page = context.new_page()
        page.goto(dash.url)
        page.wait_for_function("window.__dashReady === true")
        workflow_id = create(
            page, name="one.yaml", text="name: one\njobs:\n  - name: a\n    command: 'true'\n"
        )
        assert page.locator("#live-indicator").inner_text() == "● Polling"
        workflow_button(page, workflow_id, "initialize")
        workflow_button(page, workflow_id, "run-locally")
        page.wait_for_function(
            "Array.from(window.__dash.jobs.values()).every(j => j.status === 'completed')",
            timeout=30_000,
        )
    finally:
        context.close()


def test_a_large_workflow_lists_one_page_and_counts_on_the_server(page: Any, dash: Dash) -> None:
    """More jobs than one page (10,000): the dashboard reads the first page only, also when it
    follows the workflow, and takes the counts per status from the server."""
    from torc import make_api
    from torc.workflows import create_workflow_from_dict

    spec = {
        "name": "ten_thousand_and_five",
        "jobs": [{"name": "j{i}", "command": "true", "parameters": {"i": "1:10005"}}],
    }
    with make_api(dash.api_url) as api:
        workflow_id = create_workflow_from_dict(api, spec).workflow.id
    page.click("#tabs button[data-tab=workflows]")
    page.click("#workflows-refresh")
    page.select_option("#workflow-select", str(workflow_id))
    page.wait_for_function("window.__dash.jobs.size === 10000")
    page.wait_for_function(
        "document.querySelector('#summary .stat[data-status=uninitialized] b')?.textContent"
        " === '10005'"
    )
    title = page.locator("#summary .stat.title span").first
    assert title.inner_text().startswith("10005 jobs (first 10000 listed)")
    assert page.locator("#summary .stat[data-status]").count() == 1  # all uninitialized
