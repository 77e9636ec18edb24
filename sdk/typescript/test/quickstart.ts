// Type-checked only (`tsc -p tsconfig.test.json`, no output): the quick start of docs/sdks.md and
// the calls the tests make must compile against the generated types.
import { call, initializeWorkflow, iterPages, makeApi, TorcApiError, type JobModel } from "../src/index.js";

export async function quickStart(): Promise<JobModel[]> {
  const api = makeApi("http://localhost:8080/torc-service/v1", { username: "alice", password: "..." });
  const wf = await call(api.POST("/workflows", { body: { name: "demo", user: "me" } }));
  await call(api.POST("/jobs", { body: { workflow_id: wf.id!, name: "hello", command: "echo hello" } }));
  const runId: number = await initializeWorkflow(api, wf.id!);
  const jobs: JobModel[] = [];
  for await (const job of iterPages((page) => call(api.GET("/jobs", { params: { query: { workflow_id: wf.id!, ...page } } })))) {
    jobs.push(job);
  }
  try {
    await call(api.GET("/workflows/{id}", { params: { path: { id: runId } } }));
  } catch (error) {
    if (error instanceof TorcApiError && error.status === 404) return [];
    throw error;
  }
  return jobs;
}
