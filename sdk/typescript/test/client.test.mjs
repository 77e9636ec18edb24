// The TypeScript client against a real torc-server process on loopback over a fresh SQLite file.
// The server is `$TORC_PYTHON -m torc_server.cli` (default: the repository's .venv python).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";

import { call, collect, initializeWorkflow, iterPages, makeApi, TorcApiError } from "../dist/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const PYTHON = process.env.TORC_PYTHON ?? join(ROOT, ".venv", "bin", "python");

let server;
let directory;
let url;

before(async () => {
  directory = mkdtempSync(join(tmpdir(), "torc-ts-"));
  server = spawn(PYTHON, ["-m", "torc_server.cli", "run", "--port", "0", "--database", join(directory, "torc.db")], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PYTHONUNBUFFERED: "1" },
  });
  const port = await new Promise((resolvePort, reject) => {
    let seen = "";
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const found = /TORC_SERVER_PORT=(\d+)/.exec(seen);
      if (found) resolvePort(Number(found[1]));
    });
    server.on("exit", (code) => reject(new Error(`torc-server exited with ${code}`)));
  });
  url = `http://127.0.0.1:${port}/torc-service/v1`;
  const api = makeApi(url);
  for (let attempt = 0; ; attempt++) {
    try {
      await call(api.GET("/ping"));
      break;
    } catch (error) {
      if (attempt > 200) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
});

after(() => {
  server?.kill("SIGTERM");
  if (directory) rmSync(directory, { recursive: true, force: true });
});

test("a workflow from a spec runs through initialize, claim, start and complete", async () => {
  const api = makeApi(url);
  const created = await call(
    api.POST("/workflow_specs", {
      body: {
        name: "ts-diamond",
        user: "ts",
        jobs: [
          { name: "first", command: "echo first" },
          { name: "second", command: "echo second", depends_on: ["first"] },
        ],
      },
    }),
  );
  const workflowId = created.workflow.id;
  assert.equal(created.job_ids.length, 2);

  const runId = await initializeWorkflow(api, workflowId);
  assert.equal(runId, 1);
  const node = await call(
    api.POST("/compute_nodes", {
      body: {
        workflow_id: workflowId,
        hostname: "ts-node",
        pid: process.pid,
        start_time: new Date().toISOString(),
        is_active: true,
        num_cpus: 2,
        memory_gb: 1,
        num_gpus: 0,
        num_nodes: 1,
        compute_node_type: "local",
      },
    }),
  );

  for (const expected of ["first", "second"]) {
    const claimed = await call(
      api.POST("/workflows/{id}/claim_next_jobs", { params: { path: { id: workflowId }, query: { limit: 10 } } }),
    );
    assert.deepEqual(
      claimed.jobs.map((job) => job.name),
      [expected],
    );
    const job = claimed.jobs[0];
    await call(
      api.PUT("/jobs/{id}/start_job/{run_id}/{compute_node_id}", {
        params: { path: { id: job.id, run_id: runId, compute_node_id: node.id } },
      }),
    );
    const done = await call(
      api.POST("/jobs/{id}/complete_job/{status}/{run_id}", {
        params: { path: { id: job.id, status: "completed", run_id: runId } },
        body: {
          job_id: job.id,
          workflow_id: workflowId,
          run_id: runId,
          compute_node_id: node.id,
          return_code: 0,
          exec_time_minutes: 0.01,
          completion_time: new Date().toISOString(),
          status: "completed",
        },
      }),
    );
    assert.equal(done.status, "completed");
  }
  const complete = await call(api.GET("/workflows/{id}/is_complete", { params: { path: { id: workflowId } } }));
  assert.equal(complete.is_complete, true);
});

test("iterPages walks 25,000 jobs page by page", async () => {
  const api = makeApi(url);
  const workflow = await call(api.POST("/workflows", { body: { name: "ts-many", user: "ts" } }));
  const total = 25_000;
  for (let start = 0; start < total; start += 10_000) {
    const jobs = [];
    for (let i = start; i < Math.min(total, start + 10_000); i++) {
      jobs.push({ workflow_id: workflow.id, name: `j${i}`, command: "true" });
    }
    await call(api.POST("/bulk_jobs", { body: { jobs } }));
  }
  let pages = 0;
  const jobs = await collect(
    iterPages((page) => {
      pages += 1;
      return call(api.GET("/jobs", { params: { query: { workflow_id: workflow.id, ...page } } }));
    }, 5000),
  );
  assert.equal(jobs.length, total);
  assert.equal(pages, 5);
  assert.equal(new Set(jobs.map((job) => job.id)).size, total);
  assert.equal(jobs[0].name, "j0");
  assert.equal(jobs[total - 1].name, `j${total - 1}`);
});

test("a 404 and a 422 are TorcApiErrors with the server's message", async () => {
  const api = makeApi(url);
  await assert.rejects(
    call(api.GET("/workflows/{id}", { params: { path: { id: 987654321 } } })),
    (error) => {
      assert.ok(error instanceof TorcApiError);
      assert.equal(error.status, 404);
      assert.match(error.serverMessage, /987654321/);
      assert.match(error.message, /^HTTP 404: /);
      return true;
    },
  );
  await assert.rejects(
    call(
      api.POST("/workflow_specs", {
        body: {
          name: "ts-bad",
          user: "ts",
          jobs: [
            { name: "a", command: "true", depends_on: ["nowhere"] },
          ],
        },
      }),
    ),
    (error) => {
      assert.ok(error instanceof TorcApiError);
      assert.equal(error.status, 422);
      assert.match(error.serverMessage, /nowhere/);
      return true;
    },
  );
});

test("an unreachable server is a TorcApiError without a status", async () => {
  const api = makeApi("http://127.0.0.1:9/torc-service/v1");
  await assert.rejects(call(api.GET("/ping")), (error) => {
    assert.ok(error instanceof TorcApiError);
    assert.equal(error.status, undefined);
    assert.match(error.message, /cannot reach the torc server/);
    return true;
  });
  assert.throws(() => makeApi("localhost:8080"), /must start with http/);
});

test("credentials are sent as HTTP Basic", async () => {
  let seen;
  const api = makeApi(url, {
    username: "alice",
    password: "pässword",
    fetch: (request) => {
      seen = request.headers.get("authorization");
      return fetch(request);
    },
  });
  await call(api.GET("/ping"));
  assert.equal(seen, `Basic ${Buffer.from("alice:pässword").toString("base64")}`);
});
