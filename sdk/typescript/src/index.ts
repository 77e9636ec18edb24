/**
 * The torc client for TypeScript and JavaScript.
 *
 * `schema.d.ts` is generated from openapi/torc.yaml (openapi-typescript; never edit it); the
 * requests go through openapi-fetch, typed by path and method. This file adds what the other
 * SDKs offer too: `makeApi` to connect (with HTTP Basic credentials), `call` to get the answer
 * or a `TorcApiError` carrying the server's message, and `iterPages` to walk a paged list.
 *
 *     const api = makeApi("http://localhost:8080/torc-service/v1");
 *     const wf = await call(api.POST("/workflows", { body: { name: "demo", user: "me" } }));
 *     for await (const job of iterPages((page) =>
 *         call(api.GET("/jobs", { params: { query: { workflow_id: wf.id!, ...page } } })))) { ... }
 */

import createClient, { type Client } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };
export type Schemas = components["schemas"];
export type WorkflowModel = Schemas["workflow_model"];
export type JobModel = Schemas["job_model"];
export type ResultModel = Schemas["result_model"];
export type FileModel = Schemas["file_model"];
export type UserDataModel = Schemas["user_data_model"];
export type ResourceRequirementsModel = Schemas["resource_requirements_model"];
export type ComputeNodeModel = Schemas["compute_node_model"];
export type WorkflowSpecModel = Schemas["workflow_spec_model"];
export type JobStatus = Schemas["job_status"];

/** The client: `api.GET(path, init)`, `api.POST(...)`, ... typed from the document. */
export type TorcApi = Client<paths> & { readonly url: string };

export const DEFAULT_PAGE_SIZE = 1000;
export const MAX_PAGE_SIZE = 10_000;

/** An API call failed: the server refused it (`status` 4xx/5xx with its `message`), or it
 * could not be reached (`status` undefined). */
export class TorcApiError extends Error {
  readonly status: number | undefined;
  readonly url: string | undefined;
  readonly body: unknown;

  constructor(message: string, options: { status?: number; url?: string; body?: unknown; cause?: unknown } = {}) {
    super(options.status === undefined ? message : `HTTP ${options.status}: ${message}`, {
      cause: options.cause,
    });
    this.name = "TorcApiError";
    this.status = options.status;
    this.url = options.url;
    this.body = options.body;
  }

  /** The server's `error.message` (or the transport problem), without the status prefix. */
  get serverMessage(): string {
    const body = this.body as { error?: { message?: unknown } } | undefined;
    const message = body?.error?.message;
    return typeof message === "string" ? message : this.message;
  }
}

export interface ApiOptions {
  /** HTTP Basic user; default `$TORC_USERNAME` under node. */
  username?: string;
  /** HTTP Basic password; default `$TORC_PASSWORD` under node. */
  password?: string;
  headers?: Record<string, string>;
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
}

function environment(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name];
  return value ? value : undefined;
}

/** Connect to a torc server: `url` is the API base URL, such as
 * `http://localhost:8080/torc-service/v1`. Nothing is sent until the first call. */
export function makeApi(url: string, options: ApiOptions = {}): TorcApi {
  if (!/^https?:\/\//.test(url)) {
    throw new TypeError(`url must start with http:// or https://, got ${JSON.stringify(url)}`);
  }
  const baseUrl = url.replace(/\/+$/, "");
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  const username = options.username ?? environment("TORC_USERNAME");
  if (username) {
    const password = options.password ?? environment("TORC_PASSWORD") ?? "";
    const bytes = new TextEncoder().encode(`${username}:${password}`);
    headers.Authorization = `Basic ${btoa(String.fromCharCode(...bytes))}`;
  }
  const client = createClient<paths>({ baseUrl, headers, fetch: options.fetch });
  return Object.assign(client, { url: baseUrl });
}

type Answer = { data?: unknown; error?: unknown; response: Response };

/** Await an `api.GET/POST/...` call and answer its data; throw `TorcApiError` when the server
 * refuses the request (with the server's message) or cannot be reached. */
export async function call<R extends Answer>(request: Promise<R>): Promise<NonNullable<R["data"]>> {
  let answer: R;
  try {
    answer = await request;
  } catch (cause) {
    if (cause instanceof TorcApiError) throw cause;
    const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
    throw new TorcApiError(`cannot reach the torc server (${reason}); check the URL and that torc-server is running`, {
      cause,
    });
  }
  const { response } = answer;
  if (!response.ok || answer.error !== undefined) {
    const body = answer.error;
    const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
    const text = typeof message === "string" ? message : typeof body === "string" && body ? body : response.statusText;
    throw new TorcApiError(text || `HTTP status ${response.status}`, { status: response.status, url: response.url, body });
  }
  return answer.data as NonNullable<R["data"]>;
}

/** One page of a list operation. */
export interface Page<T> {
  items?: T[];
  has_more: boolean;
  count?: number;
}

/** Yield every item of a paged list, one request per page:
 *
 *     iterPages((page) => call(api.GET("/jobs", { params: { query: { workflow_id: 1, ...page } } })))
 */
export async function* iterPages<T>(
  fetchPage: (page: { offset: number; limit: number }) => Promise<Page<T>>,
  pageSize: number = DEFAULT_PAGE_SIZE,
): AsyncGenerator<T> {
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new RangeError(`pageSize must be an integer between 1 and ${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  let offset = 0;
  for (;;) {
    const page = await fetchPage({ offset, limit: pageSize });
    const items = page.items ?? [];
    yield* items;
    if (page.has_more !== true) return;
    const step = typeof page.count === "number" ? page.count : items.length;
    if (step <= 0) throw new TorcApiError(`the server answered an empty page at offset ${offset} but said more follow`);
    offset += step;
  }
}

/** Collect an async iterable into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** Start a new run of a workflow, as `torc workflows initialize-jobs` does without its file
 * checks: the run id goes up by one and the jobs are initialized (ready or blocked). Answers the
 * new run id, which `start_job` and `complete_job` take. */
export async function initializeWorkflow(api: TorcApi, workflowId: number): Promise<number> {
  const id = { params: { path: { id: workflowId } } };
  const status = await call(api.GET("/workflows/{id}/status", id));
  const runId = status.run_id + 1;
  await call(api.PUT("/workflows/{id}/status", { ...id, body: { ...status, run_id: runId } }));
  await call(
    api.POST("/workflows/{id}/initialize_jobs", {
      params: { path: { id: workflowId }, query: { only_uninitialized: false } },
    }),
  );
  return runId;
}
