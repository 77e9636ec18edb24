/* Torc dashboard page. Plain JavaScript, no build step: every API read goes through the
 * dashboard's proxy (/torc-service/v1), actions through /api/cli/*, and live job status comes
 * from the server's event stream (EventSource), with polling only when the stream is down. */
"use strict";

const API = "/torc-service/v1";
const STATUSES = ["uninitialized", "blocked", "ready", "pending", "submitted", "submitted_pending",
  "running", "completed", "failed", "canceled", "terminated", "disabled", "pending_failed"];
const EVENT_STATUS = { job_started: "running", job_completed: "completed", job_failed: "failed",
  job_canceled: "canceled", job_terminated: "terminated", job_pending_failed: "pending_failed" };
const STREAM_EVENTS = ["job_started", "job_completed", "job_failed", "job_canceled", "job_terminated",
  "job_pending_failed", "job_status_changed", "compute_node_started", "compute_node_stopped",
  "scheduler_node_created", "workflow_started", "workflow_reinitialized", "workflow_reset",
  "workflow_canceled", "warning", "message"];
const POLL_MS = 5000;

const $ = (sel) => document.querySelector(sel);
const $$ = (sel) => Array.from(document.querySelectorAll(sel));
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  return node;
};
const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const statusColor = (s) => css(`--s-${s}`) || "#9aa5b1";
const badge = (s) => el("span", { class: `badge s-${s}`, style: `background:${statusColor(s)}` }, s ?? "");

const state = {
  tab: "workflows", workflows: [], workflowId: null, jobs: new Map(), detailKind: "jobs",
  detailRows: [], sort: {}, stream: null, pollTimer: null, refetchTimer: null, events: [],
  cy: null, dagFor: null, debugRows: [], logSel: null, logStream: "stdout",
};

// ---- HTTP -------------------------------------------------------------------------------------

async function request(url, opts = {}) {
  const res = await fetch(url, { headers: { "content-type": "application/json" }, ...opts });
  const text = await res.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  if (!res.ok) {
    const msg = body?.error?.message || body?.detail || (typeof body === "string" && body) || res.statusText;
    const err = new Error(msg); err.status = res.status; throw err;
  }
  return body;
}
const apiGet = (path) => request(API + path);
const action = (name, body) => request(`/api/cli/${name}`, { method: "POST", body: JSON.stringify(body) });

// A list holds at most ROWS records (one server page): a million-job workflow shows its first
// jobs, its latest events, and following it live re-reads one page, not the whole workflow.
const ROWS = 10000;

async function fetchAll(path, max = ROWS) {
  const items = [];
  const sep = path.includes("?") ? "&" : "?";
  for (let offset = 0; items.length < max; ) {
    const page = await apiGet(`${path}${sep}offset=${offset}&limit=${Math.min(10000, max - items.length)}`);
    items.push(...(page.items || []));
    items.total = page.total_count ?? items.length;
    if (!page.has_more || !page.items?.length) break;
    offset += page.items.length;
  }
  return items;
}

// Jobs per status from the server, for a workflow with more jobs than the page read.
async function statusCounts(id) {
  const counts = {};
  await Promise.all(STATUSES.map(async (s) => {
    try {
      const n = (await apiGet(`/jobs?workflow_id=${id}&status=${s}&limit=0`)).total_count;
      if (n) counts[s] = n;
    } catch (e) { if (e.status !== 400) throw e; } // a status this server does not know
  }));
  return counts;
}

function toast(message, kind = "") {
  const t = el("div", { class: `toast ${kind}` }, message);
  $("#toasts").append(t);
  setTimeout(() => t.remove(), kind === "error" ? 9000 : 3000);
}

function confirmDialog(title, text) {
  return new Promise((resolve) => {
    $("#confirm-title").textContent = title;
    $("#confirm-text").textContent = text;
    $("#modal-confirm").classList.remove("hidden");
    const done = (ok) => {
      $("#modal-confirm").classList.add("hidden");
      $("#confirm-ok").onclick = $("#confirm-cancel").onclick = null;
      resolve(ok);
    };
    $("#confirm-ok").onclick = () => done(true);
    $("#confirm-cancel").onclick = () => done(false);
  });
}

// ---- tables: sort, column:value filter --------------------------------------------------------

function matches(row, columns, filter) {
  const terms = filter.trim().split(/\s+/).filter(Boolean);
  return terms.every((term) => {
    const m = term.match(/^([\w.]+):(.*)$/);
    if (m && columns.some((c) => c.key === m[1])) {
      const v = String(row[m[1]] ?? "").toLowerCase();
      return v.includes(m[2].toLowerCase());
    }
    const t = term.toLowerCase();
    return columns.some((c) => String(row[c.key] ?? "").toLowerCase().includes(t));
  });
}

function renderTable(table, tableId, columns, rows, { filter = "", onRow = null, selected = null, empty = "Nothing to show" } = {}) {
  const sort = state.sort[tableId] || {};
  let shown = filter ? rows.filter((r) => matches(r, columns, filter)) : rows.slice();
  if (sort.key) {
    const dir = sort.desc ? -1 : 1;
    shown.sort((a, b) => {
      const x = a[sort.key], y = b[sort.key];
      if (x === y) return 0;
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      return (typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true })) * dir;
    });
  }
  const head = el("tr", {}, columns.map((c) => el("th", {
    "data-key": c.key,
    onclick: () => {
      const cur = state.sort[tableId] || {};
      state.sort[tableId] = { key: c.key, desc: cur.key === c.key ? !cur.desc : false };
      renderTable(table, tableId, columns, rows, { filter, onRow, selected, empty });
    },
  }, c.label, sort.key === c.key ? el("span", { class: "arrow" }, sort.desc ? " ▼" : " ▲") : null)));
  const limit = 2000; // a table of 10,000 rows is built in chunks the user asks for
  const body = shown.slice(0, limit).map((r) => {
    const tr = el("tr", { class: (onRow ? "clickable " : "") + (selected && selected(r) ? "selected" : ""), "data-id": r.id ?? "" },
      columns.map((c) => {
        const v = c.render ? c.render(r) : r[c.key];
        return el("td", { class: c.cls || "", title: c.cls === "cmd" ? String(r[c.key] ?? "") : null }, v ?? "");
      }));
    if (onRow) tr.addEventListener("click", () => onRow(r, tr));
    return tr;
  });
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, body));
  if (!shown.length) table.append(el("tbody", {}, el("tr", {}, el("td", { class: "empty", colspan: columns.length }, empty))));
  else if (shown.length > limit) table.append(el("tbody", {}, el("tr", {}, el("td", { class: "empty", colspan: columns.length }, `… ${shown.length - limit} more rows: narrow the filter`))));
  return shown.length;
}

const fmtTime = (v) => {
  if (v === null || v === undefined || v === "") return "";
  const d = typeof v === "number" ? new Date(v > 1e12 ? v : v * 1000) : new Date(v);
  return isNaN(d) ? String(v) : d.toLocaleString();
};

// ---- workflows tab ----------------------------------------------------------------------------

async function loadWorkflows() {
  try {
    state.workflows = await fetchAll("/workflows");
    state.connected = true;
    if (!state.workflowId) setLive("idle");
  } catch (e) {
    toast(`Cannot list workflows: ${e.message}`, "error");
    state.workflows = [];
    state.connected = false;
    setLive("off");
  }
  const sel = $("#workflow-select");
  const current = state.workflowId;
  sel.replaceChildren(el("option", { value: "" }, "— select a workflow —"),
    ...state.workflows.slice().reverse().map((w) => el("option", { value: w.id }, `#${w.id}  ${w.name}`)));
  if (current && state.workflows.some((w) => w.id === current)) sel.value = String(current);
  else if (current) selectWorkflow(null);
  renderWorkflows();
}

function renderWorkflows() {
  const cols = [
    { key: "id", label: "ID" },
    { key: "name", label: "Name", render: (w) => el("b", {}, w.name) },
    { key: "timestamp", label: "Created", cls: "nowrap", render: (w) => fmtTime(w.timestamp) },
    { key: "user", label: "User" },
    { key: "description", label: "Description", cls: "cmd" },
    { key: "actions", label: "Actions", cls: "actions", render: (w) => workflowButtons(w) },
  ];
  const n = renderTable($("#workflows-table"), "workflows", cols, state.workflows, {
    filter: $("#workflows-filter").value, selected: (w) => w.id === state.workflowId,
    empty: "No workflows yet: click “Create Workflow” to upload a spec.",
  });
  $("#workflows-count").textContent = `${n} workflow${n === 1 ? "" : "s"}`;
}

function workflowButtons(w) {
  const b = (label, fn, cls = "") => el("button", { class: `small ${cls}`, "data-action": label.toLowerCase().replace(/ /g, "-"),
    onclick: (ev) => { ev.stopPropagation(); fn(w); } }, label);
  return [
    b("View", (w) => { selectWorkflow(w.id); showTab("details"); }),
    b("Initialize", (w) => lifecycle(w, "initialize", "Initialize workflow", "Start a new run: jobs become ready or blocked.")),
    b("Reinitialize", (w) => lifecycle(w, "reinitialize", "Reinitialize workflow", "Start a new run that repeats only what needs repeating.")),
    b("Run Locally", (w) => lifecycle(w, "run", "Run workflow locally", "Start `torc run` for this workflow on the dashboard's machine.", { output_dir: outputDir() }), "primary"),
    b("Submit", (w) => lifecycle(w, "submit", "Submit workflow", "Submit this workflow's Slurm allocations (`torc submit`).", { output_dir: outputDir() })),
    b("Cancel", (w) => lifecycle(w, "cancel", "Cancel workflow", "Cancel every job that has not finished."), "danger"),
    b("Delete", (w) => lifecycle(w, "delete", "Delete workflow", "Delete the workflow and all its jobs, files and results. This cannot be undone."), "danger"),
  ];
}

const outputDir = () => $("#debug-output-dir").value.trim() || "output";

async function lifecycle(w, name, title, text, extra = {}) {
  if (!(await confirmDialog(`${title} #${w.id}?`, `${w.name}: ${text}`))) return;
  try {
    const res = await action(name, { workflow_id: w.id, ...extra });
    const what = { run: `started torc run (pid ${res.pid})`, submit: `started torc submit (pid ${res.pid})` }[name] || `${name}: done`;
    toast(`Workflow #${w.id}: ${what}`, "ok");
    if (name === "delete") { if (state.workflowId === w.id) selectWorkflow(null); await loadWorkflows(); return; }
    selectWorkflow(w.id);
    await refreshJobs();
  } catch (e) {
    toast(`${title} failed: ${e.message}`, "error");
  }
}

// ---- create dialog ----------------------------------------------------------------------------

let upload = null;
function openCreate() {
  upload = null;
  $("#create-file").value = ""; $("#create-path").value = "";
  $("#create-file-name").textContent = "";
  $("#create-error").classList.add("hidden");
  $("#modal-create").classList.remove("hidden");
}
async function takeFile(file) {
  upload = { filename: file.name, content: await file.text() };
  $("#create-file-name").textContent = `${file.name} (${file.size} bytes)`;
}
async function submitCreate() {
  const path = $("#create-path").value.trim();
  const body = path ? { path } : upload;
  const err = $("#create-error");
  if (!body) { err.textContent = "Choose a spec file or enter a path."; err.classList.remove("hidden"); return; }
  $("#create-submit").disabled = true;
  try {
    const res = await action("create", body);
    $("#modal-create").classList.add("hidden");
    toast(`Created workflow #${res.workflow_id} with ${res.job_count} jobs`, "ok");
    await loadWorkflows();
    selectWorkflow(res.workflow_id);
  } catch (e) {
    err.textContent = e.message; err.classList.remove("hidden");
  } finally {
    $("#create-submit").disabled = false;
  }
}

// ---- selection, live updates -------------------------------------------------------------------

function selectWorkflow(id) {
  id = id ? Number(id) : null;
  if (id === state.workflowId && id !== null) return;
  state.workflowId = id;
  $("#workflow-select").value = id ? String(id) : "";
  state.jobs = new Map(); state.events = []; state.dagFor = null; state.debugRows = [];
  if (id) localStorage.setItem("torc-dash.workflow", String(id));
  renderWorkflows();
  connectStream();
  refreshJobs().then(() => { if (state.tab === "dag") drawDag(); });
  if (state.tab === "events") loadEvents();
  if (state.tab === "details") loadDetails();
}

/* The badge: Live (event stream open), Polling (stream down, asking every few seconds),
 * Connected (server answers, no workflow selected), Disconnected (server unreachable). */
function setLive(mode) {
  const node = $("#live-indicator");
  node.className = `live ${mode}`;
  node.textContent = { on: "● Live", poll: "● Polling", idle: "● Connected", off: "● Disconnected" }[mode];
}

function connectStream() {
  if (state.stream) { state.stream.close(); state.stream = null; }
  stopPolling();
  const id = state.workflowId;
  if (!id) { setLive(state.connected ? "idle" : "off"); return; }
  if (typeof EventSource === "undefined") { startPolling(); return; } // no streams here: poll
  const es = new EventSource(`${API}/workflows/${id}/events/stream?level=debug`);
  state.stream = es;
  es.onopen = () => { if (state.stream === es) { setLive("on"); stopPolling(); } };
  es.onerror = () => {
    if (state.stream !== es) return;
    if (es.readyState === EventSource.CLOSED) { state.stream = null; startPolling(); }
    else startPolling(); // reconnecting: poll meanwhile
  };
  for (const type of STREAM_EVENTS) es.addEventListener(type, (ev) => onStreamEvent(type, ev));
}

function onStreamEvent(type, ev) {
  let msg; try { msg = JSON.parse(ev.data); } catch { return; }
  if (state.stream && state.stream.readyState === EventSource.OPEN) { setLive("on"); stopPolling(); }
  const job = msg.data?.job_id !== undefined ? state.jobs.get(msg.data.job_id) : null;
  let status = EVENT_STATUS[type];
  if (type === "job_status_changed") status = msg.data?.new_status || msg.data?.status;
  if (job && status) { state.jobsSeq = (state.jobsSeq || 0) + 1; job.status = status; updateJobViews([job]); }
  state.events.unshift({ id: "", timestamp: msg.timestamp, event_type: type, severity: msg.severity, message: describe(msg.data) });
  if (state.tab === "events") renderEvents();
  scheduleRefetch(); // blocked→ready and similar changes are not evented per job
}

function scheduleRefetch() {
  if (state.refetchTimer) return;
  state.refetchTimer = setTimeout(() => { state.refetchTimer = null; refreshJobs(); }, 700);
}
function startPolling() {
  if (state.pollTimer || !state.workflowId) return;
  setLive("poll");
  state.pollTimer = setInterval(() => refreshJobs(), POLL_MS);
}
function stopPolling() { if (state.pollTimer) { clearInterval(state.pollTimer); state.pollTimer = null; } }

async function refreshJobs() {
  const id = state.workflowId;
  if (!id) { renderSummary(); return; }
  // A read that started before a newer read or a live status change is stale when it answers:
  // applying it would turn a job that just failed back to running.
  const seq = (state.jobsSeq = (state.jobsSeq || 0) + 1);
  let jobs;
  try { jobs = await fetchAll(`/jobs?workflow_id=${id}`); } catch (e) {
    if (state.pollTimer) setLive("off"); else toast(`Cannot load jobs: ${e.message}`, "error");
    return;
  }
  if (state.pollTimer) setLive("poll");
  if (id !== state.workflowId) return;
  if (seq !== state.jobsSeq) { if (!state.refetchTimer) scheduleRefetch(); return; }
  const total = jobs.total ?? jobs.length;
  let counts = null;
  if (total > jobs.length) {
    try { counts = await statusCounts(id); } catch { /* the page's own counts */ }
    if (id !== state.workflowId || seq !== state.jobsSeq) return;
  }
  state.jobsTotal = total;
  state.statusCounts = counts;
  const changed = [];
  const fresh = new Map();
  for (const j of jobs) {
    const old = state.jobs.get(j.id);
    if (!old || old.status !== j.status) changed.push(j);
    fresh.set(j.id, j);
  }
  state.jobs = fresh;
  updateJobViews(changed);
}

function updateJobViews(changed) {
  renderSummary();
  if (state.tab === "details" && state.detailKind === "jobs") {
    if (changed.length > 50 || !$("#details-table tbody")) renderDetails();
    else for (const j of changed) {
      const cell = $(`#details-table tr[data-id="${j.id}"] td.status-cell`);
      if (cell) cell.replaceChildren(badge(j.status)); else { renderDetails(); break; }
    }
  }
  if (state.cy && state.dagFor === state.workflowId) {
    state.cy.batch(() => { for (const j of changed) { const n = state.cy.getElementById(`j${j.id}`); if (n.length) n.data("color", statusColor(j.status)).data("status", j.status); } });
  }
}

function renderSummary() {
  const box = $("#summary");
  const w = state.workflows.find((x) => x.id === state.workflowId);
  if (!w) { box.replaceChildren(el("div", { class: "stat title" }, el("b", {}, "No workflow selected"), el("span", {}, "pick one above or in the Workflows tab"))); return; }
  let counts = state.statusCounts;
  if (!counts) {
    counts = {};
    for (const j of state.jobs.values()) counts[j.status] = (counts[j.status] || 0) + 1;
  }
  const jobs = Math.max(state.jobsTotal || 0, state.jobs.size);
  const total = jobs || 1;
  const bar = el("div", { class: "progress" }, STATUSES.filter((s) => counts[s]).map((s) => el("div", { style: `width:${(100 * counts[s]) / total}%;background:${statusColor(s)}`, title: `${s}: ${counts[s]}` })));
  box.replaceChildren(
    el("div", { class: "stat title" }, el("b", {}, `#${w.id} ${w.name}`), el("span", {}, `${jobs > state.jobs.size ? `${jobs} jobs (first ${state.jobs.size} listed)` : `${jobs} jobs`} · ${w.user}`), bar),
    ...STATUSES.filter((s) => counts[s]).map((s) => el("div", { class: "stat", "data-status": s, style: `border-top:3px solid ${statusColor(s)}` }, el("b", {}, counts[s]), el("span", {}, s))),
  );
}

// ---- details tab ------------------------------------------------------------------------------

const DETAIL = {
  jobs: { path: null, cols: [
    { key: "id", label: "ID" }, { key: "name", label: "Name" },
    { key: "status", label: "Status", cls: "status-cell", render: (j) => badge(j.status) },
    { key: "command", label: "Command", cls: "cmd" },
    { key: "resource_requirements_id", label: "Resources" }, { key: "attempt_id", label: "Attempt" }] },
  files: { path: "/files", cols: [{ key: "id", label: "ID" }, { key: "name", label: "Name" }, { key: "path", label: "Path", cls: "cmd" }, { key: "st_mtime", label: "Modified", render: (f) => fmtTime(f.st_mtime) }] },
  user_data: { path: "/user_data", cols: [{ key: "id", label: "ID" }, { key: "name", label: "Name" }, { key: "is_ephemeral", label: "Ephemeral" }, { key: "data", label: "Data", cls: "cmd", render: (u) => JSON.stringify(u.data) }] },
  results: { path: "/results", cols: [{ key: "job_id", label: "Job" }, { key: "run_id", label: "Run" }, { key: "return_code", label: "Return code" },
    { key: "status", label: "Status", render: (r) => badge(r.status) }, { key: "exec_time_minutes", label: "Minutes", render: (r) => (r.exec_time_minutes ?? 0).toFixed(3) },
    { key: "peak_memory_bytes", label: "Peak memory (MB)", render: (r) => r.peak_memory_bytes ? (r.peak_memory_bytes / 2 ** 20).toFixed(1) : "" },
    { key: "peak_cpu_percent", label: "Peak CPU %" }, { key: "completion_time", label: "Completed", render: (r) => fmtTime(r.completion_time) }] },
  compute_nodes: { path: "/compute_nodes", cols: [{ key: "id", label: "ID" }, { key: "hostname", label: "Host" }, { key: "pid", label: "PID" }, { key: "num_cpus", label: "CPUs" }, { key: "memory_gb", label: "Memory GB" }, { key: "is_active", label: "Active" }, { key: "compute_node_type", label: "Type" }, { key: "start_time", label: "Started", render: (c) => fmtTime(c.start_time) }] },
  scheduled_compute_nodes: { path: "/scheduled_compute_nodes", cols: [{ key: "id", label: "ID" }, { key: "scheduler_id", label: "Slurm job" }, { key: "scheduler_config_id", label: "Scheduler" }, { key: "scheduler_type", label: "Type" }, { key: "status", label: "Status", render: (s) => badge(s.status) },
    { key: "logs", label: "Logs", render: (s) => s.scheduler_type === "slurm" ? el("button", { class: "small", onclick: () => viewSlurmLogs(s.scheduler_id) }, "View Logs") : "" }] },
  resource_requirements: { path: "/resource_requirements", cols: [{ key: "id", label: "ID" }, { key: "name", label: "Name" }, { key: "num_cpus", label: "CPUs" }, { key: "num_gpus", label: "GPUs" }, { key: "num_nodes", label: "Nodes" }, { key: "memory", label: "Memory" }, { key: "runtime", label: "Runtime" }] },
  slurm_schedulers: { path: "/slurm_schedulers", cols: [{ key: "id", label: "ID" }, { key: "name", label: "Name" }, { key: "account", label: "Account" }, { key: "partition", label: "Partition" }, { key: "nodes", label: "Nodes" }, { key: "walltime", label: "Walltime" }, { key: "mem", label: "Memory" }, { key: "gres", label: "GRES" }] },
};

async function loadDetails() {
  const kind = state.detailKind;
  const spec = DETAIL[kind];
  if (!state.workflowId) { state.detailRows = []; renderDetails(); return; }
  if (spec.path) {
    try { state.detailRows = await fetchAll(`${spec.path}?workflow_id=${state.workflowId}`); }
    catch (e) { state.detailRows = []; toast(`Cannot load ${kind}: ${e.message}`, "error"); }
  } else await refreshJobs();
  renderDetails();
}

function renderDetails() {
  const kind = state.detailKind;
  const rows = kind === "jobs" ? Array.from(state.jobs.values()) : state.detailRows;
  const n = renderTable($("#details-table"), `details-${kind}`, DETAIL[kind].cols, rows, {
    filter: $("#details-filter").value,
    empty: state.workflowId ? "No rows" : "Select a workflow",
    onRow: kind === "jobs" ? (j) => { showJobInDebugger(j); } : null,
  });
  $("#details-count").textContent = `${n} of ${rows.length}`;
}

// ---- DAG --------------------------------------------------------------------------------------

async function dagElements(id, type) {
  const jobs = Array.from(state.jobs.values());
  const nodes = jobs.map((j) => ({ id: `j${j.id}`, label: j.name, kind: "job", status: j.status, color: statusColor(j.status), job: j.id }));
  const edges = new Map();
  const add = (a, b) => { if (a !== b) edges.set(`${a}>${b}`, { source: a, target: b }); };
  if (type === "jobs") {
    for (const d of await fetchAll(`/workflows/${id}/job_dependencies`)) add(`j${d.depends_on_job_id}`, `j${d.job_id}`);
    for (const r of await fetchAll(`/workflows/${id}/job_file_relationships`)) if (r.producer_job_id && r.consumer_job_id) add(`j${r.producer_job_id}`, `j${r.consumer_job_id}`);
    for (const r of await fetchAll(`/workflows/${id}/job_user_data_relationships`)) if (r.producer_job_id && r.consumer_job_id) add(`j${r.producer_job_id}`, `j${r.consumer_job_id}`);
  } else {
    const rel = type === "files" ? "job_file_relationships" : "job_user_data_relationships";
    const pre = type === "files" ? "f" : "u";
    const seen = new Set();
    for (const r of await fetchAll(`/workflows/${id}/${rel}`)) {
      const key = `${pre}${r.file_id ?? r.user_data_id}`;
      if (!seen.has(key)) { seen.add(key); nodes.push({ id: key, label: r.file_name ?? r.user_data_name ?? key, kind: "data", color: "#e5e7eb" }); }
      if (r.producer_job_id) add(`j${r.producer_job_id}`, key);
      if (r.consumer_job_id) add(key, `j${r.consumer_job_id}`);
    }
  }
  return { nodes, edges: Array.from(edges.values()) };
}

/* A layered layout computed here: longest path from the roots gives the layer, and nodes are
 * spread across their layer in order of their parents' mean position (one sweep). Linear in
 * the graph's size, so 10,000 jobs lay out in milliseconds, where a general layout takes minutes. */
function layered(nodes, edges) {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const parents = nodes.map(() => []), children = nodes.map(() => []), indeg = nodes.map(() => 0);
  for (const e of edges) {
    const a = index.get(e.source), b = index.get(e.target);
    if (a === undefined || b === undefined) continue;
    children[a].push(b); parents[b].push(a); indeg[b]++;
  }
  const layer = nodes.map(() => 0), queue = [];
  indeg.forEach((d, i) => { if (!d) queue.push(i); });
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q];
    for (const c of children[i]) { layer[c] = Math.max(layer[c], layer[i] + 1); if (--indeg[c] === 0) queue.push(c); }
  }
  const layers = [];
  nodes.forEach((n, i) => { (layers[layer[i]] ||= []).push(i); });
  const x = nodes.map(() => 0);
  const positions = {};
  const widest = Math.max(1, ...layers.map((l) => l?.length || 0));
  const perRow = Math.min(widest, 120); // wide layers wrap into rows, so the graph stays viewable
  let y = 0;
  for (const l of layers) {
    if (!l) continue;
    const order = l.map((i) => [parents[i].length ? parents[i].reduce((s, p) => s + x[p], 0) / parents[i].length : i, i]).sort((a, b) => a[0] - b[0]).map((p) => p[1]);
    const rows = Math.ceil(order.length / perRow);
    order.forEach((i, k) => {
      const row = Math.floor(k / perRow), col = k % perRow, inRow = Math.min(perRow, order.length - row * perRow);
      x[i] = (col - (inRow - 1) / 2) * 150;
      positions[nodes[i].id] = { x: x[i], y: y + row * 60 };
    });
    y += rows * 60 + 70;
  }
  return positions;
}

async function drawDag() {
  const id = state.workflowId;
  const info = $("#dag-info");
  renderLegend();
  if (!id) { info.textContent = "Select a workflow"; if (state.cy) { state.cy.destroy(); state.cy = null; } return; }
  if (!state.jobs.size) await refreshJobs();
  info.textContent = "Loading…";
  const t0 = performance.now();
  const { nodes, edges } = await dagElements(id, $("#dag-type").value);
  const t1 = performance.now();
  const positions = layered(nodes, edges);
  const t2 = performance.now();
  if (state.cy) state.cy.destroy();
  const big = nodes.length > 2000;
  state.cy = cytoscape({
    container: $("#dag"),
    elements: [...nodes.map((n) => ({ data: n, position: positions[n.id] })), ...edges.map((e) => ({ data: e }))],
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.02, maxZoom: 3,
    textureOnViewport: big, hideEdgesOnViewport: big, pixelRatio: big ? 1 : "auto",
    style: [
      // text measuring (ellipsis, outlines) dominates the first render of a large graph: small
      // graphs get the nicer labels, large ones plain labels drawn only when zoomed in
      { selector: "node", style: { "background-color": "data(color)", label: big ? "" : "data(label)", "font-size": 11, "text-valign": "center", "text-halign": "center", color: "#111827", width: 120, height: 32, shape: big ? "rectangle" : "round-rectangle", "border-width": big ? 0 : 1, "border-color": "#94a3b8", "min-zoomed-font-size": big ? 9 : 7, ...(big ? {} : { "text-max-width": 112, "text-wrap": "ellipsis" }) } },
      { selector: 'node[kind = "job"]', style: big ? { color: "#fff" } : { color: "#fff", "text-outline-color": "data(color)", "text-outline-width": 1 } },
      { selector: 'node[kind = "data"]', style: { shape: "ellipse", width: 90, height: 26, "background-color": "#eef2f7", color: "#334155" } },
      { selector: "edge", style: { width: 1.3, "line-color": "#a3b1c2", "target-arrow-color": "#a3b1c2", "target-arrow-shape": "triangle", "curve-style": big ? "haystack" : "bezier", "arrow-scale": 0.8 } },
      { selector: "node:selected", style: { "border-width": 3, "border-color": "#111827" } },
      { selector: "node.lbl", style: { label: "data(label)" } },
    ],
  });
  if (big) labelVisibleNodes(state.cy);
  state.cy.on("tap", "node", (ev) => showNode(ev.target.data()));
  state.dagFor = id;
  const t3 = performance.now();
  window.__dagTimings = { fetch: t1 - t0, layout: t2 - t1, render: t3 - t2, nodes: nodes.length, edges: edges.length };
  info.textContent = `${nodes.length} nodes · ${edges.length} edges · layout ${(t2 - t1).toFixed(0)} ms`;
}

/* A large graph draws labels only for the nodes in view once zoomed in far enough to read
 * them: measuring 10,000 labels up front would double the first render. */
function labelVisibleNodes(cy) {
  let timer = null;
  const update = () => {
    timer = null;
    cy.batch(() => {
      cy.nodes(".lbl").removeClass("lbl");
      if (cy.zoom() < 0.35) return;
      const box = cy.extent();
      cy.nodes().filter((n) => { const p = n.position(); return p.x >= box.x1 - 80 && p.x <= box.x2 + 80 && p.y >= box.y1 - 40 && p.y <= box.y2 + 40; }).addClass("lbl");
    });
  };
  cy.on("viewport", () => { if (!timer) timer = setTimeout(update, 120); });
}

function renderLegend() {
  $("#dag-legend").replaceChildren(...["uninitialized", "blocked", "ready", "pending", "running", "completed", "failed", "canceled", "terminated"]
    .map((s) => el("span", {}, el("i", { style: `background:${statusColor(s)}` }), s)));
}

function showNode(d) {
  const panel = $("#dag-node");
  if (panel.classList.contains("hidden")) { panel.classList.remove("hidden"); state.cy?.resize(); }
  if (d.kind !== "job") { panel.replaceChildren(el("h4", {}, d.label), el("p", { class: "muted" }, "data item")); return; }
  const j = state.jobs.get(d.job) || {};
  const dl = el("dl", {}, ...[["ID", j.id], ["Status", badge(j.status)], ["Command", el("code", {}, j.command ?? "")], ["Attempt", j.attempt_id], ["Resources", j.resource_requirements_id]]
    .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v ?? "")]));
  panel.replaceChildren(el("h4", {}, j.name ?? d.label), dl,
    el("p", {}, el("button", { class: "small", onclick: () => showJobInDebugger(j) }, "Open logs")));
}

// ---- debugging tab ----------------------------------------------------------------------------

async function generateReport() {
  const id = state.workflowId;
  if (!id) { toast("Select a workflow first", "error"); return; }
  const all = $("#debug-all-runs").checked;
  let results;
  try { results = await fetchAll(`/results?workflow_id=${id}${all ? "&all_runs=true" : ""}`); }
  catch (e) { toast(`Cannot load results: ${e.message}`, "error"); return; }
  if (!state.jobs.size) await refreshJobs();
  let rows = results.map((r) => ({ ...r, job_name: state.jobs.get(r.job_id)?.name ?? "", result_id: r.id, id: `${r.job_id}-${r.run_id}-${r.attempt_id ?? 1}` }));
  if ($("#debug-failed-only").checked) rows = rows.filter((r) => r.return_code !== 0);
  state.debugRows = rows;
  renderDebug();
}

function renderDebug() {
  const cols = [{ key: "job_id", label: "Job ID" }, { key: "job_name", label: "Job Name" }, { key: "status", label: "Status", render: (r) => badge(r.status) },
    { key: "return_code", label: "Return Code" }, { key: "exec_time_minutes", label: "Execution Time (min)", render: (r) => (r.exec_time_minutes ?? 0).toFixed(3) }, { key: "run_id", label: "Run ID" }];
  renderTable($("#debug-table"), "debug", cols, state.debugRows, {
    onRow: (r) => { state.logSel = { job_id: r.job_id, run_id: r.run_id, name: r.job_name }; renderDebug(); loadLog(); },
    selected: (r) => state.logSel && r.job_id === state.logSel.job_id && r.run_id === state.logSel.run_id,
    empty: "No results: generate a report (uncheck “Show only failed jobs” to see every job).",
  });
}

async function showJobInDebugger(j) {
  showTab("debugging");
  let run = 1;
  try { const rs = await fetchAll(`/results?workflow_id=${state.workflowId}&job_id=${j.id}`); if (rs.length) run = rs[rs.length - 1].run_id; } catch { /* the log may still exist */ }
  state.logSel = { job_id: j.id, run_id: run, name: j.name };
  loadLog();
}

async function loadLog() {
  const sel = state.logSel;
  if (!sel) return;
  $("#log-job").textContent = `— job ${sel.job_id} ${sel.name} (run ${sel.run_id})`;
  const q = new URLSearchParams({ output_dir: outputDir(), workflow_id: state.workflowId, job_id: sel.job_id, run_id: sel.run_id, stream: state.logStream });
  try {
    const res = await request(`/api/logs?${q}`);
    $("#log-path").textContent = res.path;
    $("#log-content").textContent = (res.truncated ? "[… start of file not shown …]\n" : "") + (res.content || "(empty)");
  } catch (e) {
    $("#log-path").textContent = "";
    $("#log-content").textContent = e.message;
  }
}

async function viewSlurmLogs(slurmId) {
  if (!slurmId) return;
  $("#modal-logs").classList.remove("hidden");
  $("#slurm-title").textContent = `Slurm job ${slurmId}`;
  $("#modal-logs").dataset.slurm = slurmId;
  await loadSlurmLog("o");
}
async function loadSlurmLog(ext) {
  $$("#slurm-tabs button").forEach((b) => b.classList.toggle("active", b.dataset.ext === ext));
  const id = $("#modal-logs").dataset.slurm;
  const q = new URLSearchParams({ output_dir: outputDir(), file: `slurm_output_${id}.${ext}` });
  try { const res = await request(`/api/logs?${q}`); $("#slurm-path").textContent = res.path; $("#slurm-content").textContent = res.content || "(empty)"; }
  catch (e) { $("#slurm-path").textContent = ""; $("#slurm-content").textContent = e.message; }
}

async function slurmReport(report, tableId, statusId, itemsKey) {
  const id = state.workflowId;
  if (!id) { toast("Select a workflow first", "error"); return; }
  const status = $(statusId);
  status.textContent = "Running…";
  try {
    const res = await action("slurm", { workflow_id: id, report, output_dir: outputDir() });
    const items = res[itemsKey] || [];
    const keys = [...new Set(items.flatMap((i) => Object.keys(i)))].filter((k) => typeof items[0][k] !== "object");
    renderTable($(tableId), tableId, keys.map((k) => ({ key: k, label: k.replace(/_/g, " ") })), items, { empty: "Nothing found" });
    status.textContent = report === "sacct" ? `${items.length} steps of ${(res.slurm_job_ids || []).length} allocations` : `${res.total_errors ?? items.length} problems in ${(res.files_scanned || []).length} files`;
  } catch (e) { status.textContent = e.message; }
}

// ---- events tab -------------------------------------------------------------------------------

function describe(data) {
  if (!data || typeof data !== "object") return String(data ?? "");
  if (data.message) return data.message;
  return Object.entries(data).filter(([k]) => !["category", "type", "severity"].includes(k)).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join("  ");
}

async function loadEvents() {
  if (!state.workflowId) { state.events = []; renderEvents(); return; }
  try {
    const stored = await fetchAll(`/events?workflow_id=${state.workflowId}&sort_by=id&reverse_sort=true`);
    state.events = stored.map((e) => ({ id: e.id, timestamp: e.timestamp, event_type: e.data?.type || e.data?.category || "", severity: e.data?.severity || "", message: describe(e.data) }));
  } catch (e) { toast(`Cannot load events: ${e.message}`, "error"); }
  renderEvents();
}

function renderEvents() {
  const cols = [{ key: "timestamp", label: "Time", render: (e) => fmtTime(e.timestamp) }, { key: "event_type", label: "Type" }, { key: "severity", label: "Severity" }, { key: "message", label: "Details", cls: "cmd" }];
  const n = renderTable($("#events-table"), "events", cols, state.events, { filter: $("#events-filter").value, empty: state.workflowId ? "No events yet" : "Select a workflow" });
  $("#events-count").textContent = `${n} events${state.stream ? " · live" : ""}`;
}

// ---- resource plots ---------------------------------------------------------------------------

async function scanDatabases() {
  const dir = $("#res-dir").value.trim() || "output";
  const box = $("#res-list");
  try {
    const res = await request(`/api/resource-dbs?dir=${encodeURIComponent(dir)}`);
    if (!res.databases.length) { box.textContent = `No time-series databases under ${res.dir}`; return; }
    box.replaceChildren(el("div", { class: "muted" }, `Found in ${res.dir}:`), ...res.databases.map((d) => el("label", {}, el("input", { type: "checkbox", value: d.file, checked: true }), ` ${d.file} `, el("span", { class: "muted" }, `(${d.samples} samples)`))));
  } catch (e) { box.textContent = e.message; }
}

async function ensurePlotly() {
  if (window.Plotly) return;
  await new Promise((resolve, reject) => { const s = el("script", { src: "/vendor/plotly.min.js" }); s.onload = resolve; s.onerror = reject; document.head.append(s); });
}

async function generatePlots() {
  const dir = $("#res-dir").value.trim() || "output";
  const files = $$("#res-list input:checked").map((i) => i.value);
  if (!files.length) { toast("Scan and select at least one database", "error"); return; }
  await ensurePlotly();
  const out = $("#res-plots"); out.replaceChildren();
  for (const file of files) {
    const data = await request(`/api/resource-data?dir=${encodeURIComponent(dir)}&file=${encodeURIComponent(file)}`);
    for (const [metric, title, unit] of [["cpu", "CPU", "%"], ["mem_mb", "Memory", "MB"]]) {
      const div = el("div", { class: "plot" }); out.append(div);
      const traces = data.jobs.map((j) => ({ x: j.t.map((t) => new Date(t)), y: j[metric], mode: "lines+markers", name: j.name ? `${j.job_id} ${j.name}` : `job ${j.job_id}` }));
      Plotly.newPlot(div, traces, { title: { text: `${title} over time — ${file}` }, height: 340, showlegend: true, margin: { t: 50, l: 60, r: 20, b: 40 }, yaxis: { title: { text: unit } } }, { responsive: true, displaylogo: false });
    }
  }
}

// ---- wizard -----------------------------------------------------------------------------------
/* The guide's five steps: basics, jobs (commands, Blocked By, a resource preset, a scheduler,
 * parameters), Slurm schedulers, actions that schedule nodes, and a review of the JSON spec. */

const PRESETS = { small: { num_cpus: 1, memory: "1g", num_gpus: 0 }, medium: { num_cpus: 8, memory: "50g", num_gpus: 0 }, gpu: { num_cpus: 1, memory: "10g", num_gpus: 1 } };
const newJob = (n) => ({ name: `job${n}`, command: "", blockedBy: [], preset: "small", custom: { num_cpus: 1, memory: "1g", num_gpus: 0 }, scheduler: "", parameters: "" });
const wiz = { step: 0, name: "my_workflow", description: "", jobs: [{ ...newJob(1), command: "echo hello" }], schedulers: [], actions: [], initialize: true, run: false };
const WIZ_STEPS = ["Basics", "Jobs", "Schedulers", "Actions", "Review"];

const field = (label, value, oninput, attrs = {}) => el("label", {}, label, el("input", { value: value ?? "", oninput: (e) => oninput(e.target.value), ...attrs }));
function choice(label, options, value, onchange, multiple = false) {
  const sel = el("select", { multiple, onchange: (e) => onchange(multiple ? Array.from(e.target.selectedOptions).map((o) => o.value) : e.target.value) },
    options.map(([v, text]) => el("option", { value: v, selected: multiple ? value.includes(v) : v === value }, text)));
  return el("label", {}, label, sel);
}

function renderWizard() {
  // re-rendering while the user types (job names feed the Blocked By lists) keeps their place
  const active = document.activeElement?.dataset?.wiz;
  const caret = active ? document.activeElement.selectionStart : null;
  drawWizard();
  if (active) {
    const input = document.querySelector(`[data-wiz="${active}"]`);
    if (input) { input.focus(); if (caret !== null) input.setSelectionRange(caret, caret); }
  }
}

function drawWizard() {
  $("#wiz-steps").replaceChildren(...WIZ_STEPS.map((s, i) => el("span", { class: i === wiz.step ? "active" : i < wiz.step ? "done" : "" }, `${i + 1}. ${s}`)));
  const body = $("#wiz-body");
  const names = wiz.jobs.map((j) => j.name);
  if (wiz.step === 0) {
    body.replaceChildren(
      el("label", { class: "block" }, "Workflow Name (required)", el("input", { class: "wide", id: "wiz-name", value: wiz.name, oninput: (e) => { wiz.name = e.target.value; } })),
      el("label", { class: "block" }, "Description", el("input", { class: "wide", id: "wiz-desc", value: wiz.description, oninput: (e) => { wiz.description = e.target.value; } })));
  } else if (wiz.step === 1) {
    const cards = wiz.jobs.map((j, i) => el("div", { class: "wiz-card" },
      el("div", { class: "wiz-grid" },
        field("Job Name", j.name, (v) => { j.name = v; renderWizard(); }, { "data-wiz": `job-${i}-name` }),
        field("Command", j.command, (v) => { j.command = v; }, { class: "wide" }),
        choice("Blocked By", names.filter((n) => n !== j.name).map((n) => [n, n]), j.blockedBy, (v) => { j.blockedBy = v; }, true),
        choice("Resources", [["small", "Small: 1 CPU, 1GB"], ["medium", "Medium: 8 CPUs, 50GB"], ["gpu", "GPU: 1 CPU, 10GB, 1 GPU"], ["custom", "Custom"]], j.preset, (v) => { j.preset = v; renderWizard(); }),
        choice("Scheduler", [["", "(run locally)"], ...wiz.schedulers.map((s) => [s.name, s.name])], j.scheduler, (v) => { j.scheduler = v; }),
        field("Parameters", j.parameters, (v) => { j.parameters = v; }, { placeholder: 'i: "1:10"' })),
      j.preset === "custom" ? el("div", { class: "wiz-grid" },
        field("CPUs", j.custom.num_cpus, (v) => { j.custom.num_cpus = Number(v); }, { type: "number", min: 1 }),
        field("Memory", j.custom.memory, (v) => { j.custom.memory = v; }),
        field("GPUs", j.custom.num_gpus, (v) => { j.custom.num_gpus = Number(v); }, { type: "number", min: 0 })) : null,
      el("button", { class: "small danger", onclick: () => { wiz.jobs.splice(i, 1); renderWizard(); } }, "Remove")));
    body.replaceChildren(...cards, el("button", { id: "wiz-add-job", onclick: () => { wiz.jobs.push(newJob(wiz.jobs.length + 1)); renderWizard(); } }, "+ Add Job"));
  } else if (wiz.step === 2) {
    const cards = wiz.schedulers.map((s, i) => el("div", { class: "wiz-card" },
      el("div", { class: "wiz-grid" }, ...[["Scheduler Name", "name"], ["Account", "account"], ["Nodes", "nodes"], ["Wall Time", "walltime"], ["Partition", "partition"], ["QoS", "qos"], ["GRES", "gres"], ["Memory", "mem"], ["Temp Storage", "tmp"], ["Extra Slurm Options", "extra"]]
        .map(([label, key]) => field(label, s[key], (v) => { s[key] = v; }))),
      el("button", { class: "small danger", onclick: () => { wiz.schedulers.splice(i, 1); renderWizard(); } }, "Remove")));
    body.replaceChildren(el("p", { class: "muted" }, "Optional: Slurm schedulers for HPC execution. Jobs without one run locally."), ...cards,
      el("button", { id: "wiz-add-scheduler", onclick: () => { wiz.schedulers.push({ name: `scheduler${wiz.schedulers.length + 1}`, account: "", nodes: "1", walltime: "01:00:00", partition: "", qos: "", gres: "", mem: "", tmp: "", extra: "" }); renderWizard(); } }, "+ Add Scheduler"));
  } else if (wiz.step === 3) {
    const cards = wiz.actions.map((a, i) => el("div", { class: "wiz-card" },
      el("div", { class: "wiz-grid" },
        choice("Trigger", [["on_workflow_start", "When workflow starts"], ["on_jobs_ready", "When jobs become ready"], ["on_jobs_complete", "When jobs complete"]], a.trigger, (v) => { a.trigger = v; renderWizard(); }),
        choice("Scheduler", wiz.schedulers.map((s) => [s.name, s.name]), a.scheduler, (v) => { a.scheduler = v; }),
        a.trigger === "on_workflow_start" ? null : choice("Jobs", names.map((n) => [n, n]), a.jobs, (v) => { a.jobs = v; }, true),
        field("Number of Allocations", a.num_allocations, (v) => { a.num_allocations = Number(v); }, { type: "number", min: 1 })),
      el("button", { class: "small danger", onclick: () => { wiz.actions.splice(i, 1); renderWizard(); } }, "Remove")));
    body.replaceChildren(el("p", { class: "muted" }, "Optional: schedule Slurm nodes automatically when the workflow starts or jobs become ready or complete."), ...cards,
      el("button", { id: "wiz-add-action", disabled: !wiz.schedulers.length, onclick: () => { wiz.actions.push({ trigger: "on_workflow_start", scheduler: wiz.schedulers[0]?.name ?? "", jobs: [], num_allocations: 1 }); renderWizard(); } }, "+ Add Action"));
  } else {
    body.replaceChildren(el("p", {}, "The specification to create:"), el("pre", { class: "log", id: "wiz-spec" }, JSON.stringify(wizardSpec(), null, 2)),
      el("div", { class: "form-row" },
        el("label", { class: "check" }, el("input", { type: "checkbox", id: "wiz-init", checked: wiz.initialize, onchange: (e) => { wiz.initialize = e.target.checked; } }), "Initialize workflow after creation"),
        el("label", { class: "check" }, el("input", { type: "checkbox", id: "wiz-run", checked: wiz.run, onchange: (e) => { wiz.run = e.target.checked; } }), "Run workflow immediately")));
  }
  $("#wiz-back").disabled = wiz.step === 0;
  $("#wiz-next").textContent = wiz.step === WIZ_STEPS.length - 1 ? "Create" : "Next →";
}

function parseParameters(text) {
  const out = {};
  for (const part of text.split(/[\n;]+/)) {
    const m = part.match(/^\s*(\w+)\s*:\s*(.+?)\s*$/);
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return out;
}

function wizardSpec() {
  const resources = new Map();
  const jobs = wiz.jobs.map((j) => {
    const r = j.preset === "custom" ? j.custom : PRESETS[j.preset];
    const name = `res_${r.num_cpus}cpu_${String(r.memory).toLowerCase()}${r.num_gpus ? `_${r.num_gpus}gpu` : ""}`;
    resources.set(name, { name, num_cpus: r.num_cpus, memory: r.memory, num_gpus: r.num_gpus || 0, num_nodes: 1, runtime: "PT1H" });
    const params = parseParameters(j.parameters);
    return { name: j.name, command: j.command,
      ...(j.blockedBy.length ? { depends_on: j.blockedBy } : {}),
      resource_requirements: name,
      ...(j.scheduler ? { scheduler: j.scheduler } : {}),
      ...(Object.keys(params).length ? { parameters: params } : {}) };
  });
  const spec = { name: wiz.name, ...(wiz.description ? { description: wiz.description } : {}), jobs, resource_requirements: [...resources.values()] };
  if (wiz.schedulers.length) {
    spec.slurm_schedulers = wiz.schedulers.map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== "").map(([k, v]) => [k, k === "nodes" ? Number(v) : v])));
  }
  if (wiz.actions.length) {
    spec.actions = wiz.actions.map((a) => ({ trigger_type: a.trigger, action_type: "schedule_nodes", scheduler: a.scheduler, scheduler_type: "slurm", num_allocations: a.num_allocations || 1,
      ...(a.trigger !== "on_workflow_start" && a.jobs.length ? { jobs: a.jobs } : {}) }));
  }
  return spec;
}

async function wizardNext() {
  if (wiz.step === 0 && !wiz.name.trim()) { toast("A workflow name is required", "error"); return; }
  if (wiz.step < WIZ_STEPS.length - 1) { wiz.step++; renderWizard(); return; }
  try {
    const res = await action("create", { filename: `${wiz.name.replace(/[^\w.-]/g, "_") || "workflow"}.json`, content: JSON.stringify(wizardSpec(), null, 2) });
    toast(`Created workflow #${res.workflow_id}`, "ok");
    if (wiz.initialize || wiz.run) await action("initialize", { workflow_id: res.workflow_id });
    if (wiz.run) await action("run", { workflow_id: res.workflow_id, output_dir: outputDir() });
    await loadWorkflows(); selectWorkflow(res.workflow_id); showTab("workflows");
  } catch (e) { toast(`Cannot create: ${e.message}`, "error"); }
}

// ---- configuration ----------------------------------------------------------------------------

async function loadInfo() {
  const info = await request("/api/info");
  const saved = localStorage.getItem("torc-dash.api_url");
  if (saved && saved !== info.api_url && !info.standalone) {
    try { await request("/api/config", { method: "POST", body: JSON.stringify({ api_url: saved }) }); info.api_url = saved; } catch { /* keep the server's */ }
  }
  $("#api-url").textContent = info.api_url;
  $("#cfg-api-url").value = info.api_url;
  $("#srv-status").textContent = info.managed_server.running ? `Running at ${info.managed_server.url}` : (info.standalone ? `Standalone server at ${info.api_url}` : "No server started from the dashboard");
}
async function saveConfig() {
  const url = $("#cfg-api-url").value.trim();
  try {
    await request("/api/config", { method: "POST", body: JSON.stringify({ api_url: url }) });
    localStorage.setItem("torc-dash.api_url", url);
    $("#api-url").textContent = url;
    $("#cfg-status").textContent = "Saved.";
    await loadWorkflows();
  } catch (e) { $("#cfg-status").textContent = e.message; }
}
async function testConnection() {
  const url = $("#cfg-api-url").value.trim();
  const res = await request(`/api/config/test?api_url=${encodeURIComponent(url)}`);
  $("#cfg-status").textContent = (res.ok ? "✔ " : "✘ ") + res.message;
  $("#cfg-status").style.color = res.ok ? "#166534" : "#991b1b";
}
async function startServer() {
  const body = { port: Number($("#srv-port").value || 0), database: $("#srv-db").value.trim(), completion_check_interval_secs: Number($("#srv-interval").value || 5), log_level: $("#srv-log-level").value };
  $("#srv-status").textContent = "Starting…";
  $("#cfg-status").textContent = "";
  try {
    const res = await request("/api/server/start", { method: "POST", body: JSON.stringify(body) });
    $("#srv-status").textContent = `Running at ${res.url}`;
    localStorage.setItem("torc-dash.api_url", res.url);
    $("#cfg-api-url").value = res.url; $("#api-url").textContent = res.url;
    await loadWorkflows();
  } catch (e) { $("#srv-status").textContent = e.message; }
}
async function stopServer() {
  if (!(await confirmDialog("Stop server?", "Stop the torc-server started from the dashboard."))) return;
  try { await request("/api/server/stop", { method: "POST", body: "{}" }); $("#srv-status").textContent = "Stopped"; }
  catch (e) { $("#srv-status").textContent = e.message; }
}

// ---- tabs and wiring --------------------------------------------------------------------------

function showTab(name) {
  state.tab = name;
  $$("#tabs button").forEach((b) => b.classList.toggle("active", b.dataset.tab === name));
  $$(".tab").forEach((s) => s.classList.toggle("active", s.id === `tab-${name}`));
  location.hash = name;
  if (name === "details") { renderSummary(); loadDetails(); }
  if (name === "dag" && state.dagFor !== state.workflowId) drawDag();
  if (name === "debugging") renderDebug();
  if (name === "events") loadEvents();
  if (name === "wizard") renderWizard();
  if (name === "config") loadInfo();
}

function wire() {
  $$("#tabs button").forEach((b) => b.addEventListener("click", () => showTab(b.dataset.tab)));
  $("#workflow-select").addEventListener("change", (e) => selectWorkflow(e.target.value));
  $("#workflows-refresh").onclick = loadWorkflows;
  $("#workflows-filter").oninput = renderWorkflows;
  $("#create-open").onclick = openCreate;
  $("#create-cancel").onclick = () => $("#modal-create").classList.add("hidden");
  $("#create-submit").onclick = submitCreate;
  $("#create-wizard").onclick = () => { $("#modal-create").classList.add("hidden"); showTab("wizard"); };
  $("#create-file").onchange = (e) => e.target.files[0] && takeFile(e.target.files[0]);
  const drop = $("#drop-zone");
  drop.addEventListener("dragover", (e) => { e.preventDefault(); drop.classList.add("over"); });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => { e.preventDefault(); drop.classList.remove("over"); if (e.dataTransfer.files[0]) takeFile(e.dataTransfer.files[0]); });
  $$("#detail-subtabs button").forEach((b) => b.addEventListener("click", () => {
    $$("#detail-subtabs button").forEach((x) => x.classList.toggle("active", x === b));
    state.detailKind = b.dataset.kind; $("#details-filter").value = ""; loadDetails();
  }));
  $("#details-filter").oninput = renderDetails;
  $("#details-refresh").onclick = loadDetails;
  $("#auto-refresh").onchange = (e) => {
    clearInterval(state.autoTimer);
    if (e.target.checked) state.autoTimer = setInterval(() => { if (state.tab === "details") loadDetails(); }, POLL_MS);
  };
  $("#view-dag").onclick = () => showTab("dag");
  $("#dag-fit").onclick = () => state.cy && state.cy.fit(undefined, 30);
  $("#dag-reload").onclick = drawDag;
  $("#dag-type").onchange = drawDag;
  $("#debug-generate").onclick = generateReport;
  $$("#log-tabs button").forEach((b) => b.addEventListener("click", () => {
    state.logStream = b.dataset.stream;
    $$("#log-tabs button").forEach((x) => x.classList.toggle("active", x === b));
    loadLog();
  }));
  $("#log-copy").onclick = async () => {
    const path = $("#log-path").textContent;
    try { await navigator.clipboard.writeText(path); toast("Path copied", "ok"); } catch { toast(path); }
  };
  $("#slurm-analyze").onclick = () => slurmReport("parse-logs", "#slurm-errors", "#slurm-analyze-status", "errors");
  $("#slurm-sacct").onclick = () => slurmReport("sacct", "#slurm-steps", "#slurm-sacct-status", "steps");
  $("#slurm-view-logs").onclick = () => viewSlurmLogs($("#slurm-job-id").value.trim());
  $$("#slurm-tabs button").forEach((b) => b.addEventListener("click", () => loadSlurmLog(b.dataset.ext)));
  $("#slurm-close").onclick = () => $("#modal-logs").classList.add("hidden");
  $("#events-filter").oninput = renderEvents;
  $("#events-refresh").onclick = loadEvents;
  $("#res-scan").onclick = scanDatabases;
  $("#res-plot").onclick = generatePlots;
  $("#wiz-back").onclick = () => { wiz.step = Math.max(0, wiz.step - 1); renderWizard(); };
  $("#wiz-next").onclick = wizardNext;
  $("#cfg-test").onclick = testConnection;
  $("#cfg-save").onclick = saveConfig;
  $("#srv-start").onclick = startServer;
  $("#srv-stop").onclick = stopServer;
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") $$(".modal").forEach((m) => m.classList.add("hidden")); });
}

async function main() {
  wire();
  try { await loadInfo(); } catch (e) { toast(`Dashboard: ${e.message}`, "error"); }
  await loadWorkflows();
  const wanted = Number(new URLSearchParams(location.search).get("workflow") || localStorage.getItem("torc-dash.workflow"));
  if (wanted && state.workflows.some((w) => w.id === wanted)) selectWorkflow(wanted);
  const tab = location.hash.slice(1);
  showTab($$("#tabs button").some((b) => b.dataset.tab === tab) ? tab : "workflows");
  window.__dash = state; // tests and the benchmark read the page's state
  window.__dashReady = true;
}
main();
