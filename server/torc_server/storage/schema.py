"""The database schema and its migrations.

`PRAGMA user_version` records how far a database has been migrated. Each migration is applied
once, in order, inside one transaction, so a newer server opens an older database and brings it
up to date, and a failed migration leaves the database as it was.
"""

from __future__ import annotations

import sqlite3

# Job status codes as stored in the database (the wire uses the names).
JOB_STATUS_CODES: dict[str, int] = {
    "uninitialized": 0,
    "blocked": 1,
    "ready": 2,
    "pending": 3,
    "running": 4,
    "completed": 5,
    "failed": 6,
    "canceled": 7,
    "terminated": 8,
    "disabled": 9,
    "pending_failed": 10,
}
JOB_STATUS_NAMES: dict[int, str] = {code: name for name, code in JOB_STATUS_CODES.items()}

_V1 = """
CREATE TABLE workflow (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    user TEXT NOT NULL,
    description TEXT,
    timestamp TEXT NOT NULL,
    project TEXT,
    metadata TEXT,
    compute_node_expiration_buffer_seconds INTEGER NOT NULL DEFAULT 180,
    compute_node_wait_for_new_jobs_seconds INTEGER NOT NULL DEFAULT 90,
    compute_node_ignore_workflow_completion INTEGER NOT NULL DEFAULT 0,
    compute_node_wait_for_healthy_database_minutes INTEGER NOT NULL DEFAULT 20,
    compute_node_min_time_for_new_jobs_seconds INTEGER NOT NULL DEFAULT 300,
    jobs_sort_method TEXT NOT NULL DEFAULT 'gpus_runtime_memory',
    resource_monitor_config TEXT,
    slurm_defaults TEXT,
    use_pending_failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_workflow_user ON workflow(user);
CREATE INDEX idx_workflow_name ON workflow(name);
CREATE INDEX idx_workflow_description ON workflow(description);

-- One status row per workflow, sharing the workflow's id.
CREATE TABLE workflow_status (
    id INTEGER PRIMARY KEY REFERENCES workflow(id) ON DELETE CASCADE,
    run_id INTEGER NOT NULL DEFAULT 0,
    is_canceled INTEGER NOT NULL DEFAULT 0,
    is_archived INTEGER NOT NULL DEFAULT 0,
    has_detected_need_to_run_completion_script INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_workflow_status_archived ON workflow_status(is_archived);

CREATE TABLE resource_requirements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    num_cpus INTEGER NOT NULL DEFAULT 1,
    num_gpus INTEGER NOT NULL DEFAULT 0,
    num_nodes INTEGER NOT NULL DEFAULT 1,
    memory TEXT NOT NULL DEFAULT '1m',
    runtime TEXT NOT NULL DEFAULT 'P0DT1M',
    memory_bytes INTEGER NOT NULL,
    runtime_s INTEGER NOT NULL
);
CREATE INDEX idx_rr_workflow ON resource_requirements(workflow_id);
CREATE INDEX idx_rr_workflow_name ON resource_requirements(workflow_id, name);

CREATE TABLE failure_handler (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    rules TEXT NOT NULL
);
CREATE INDEX idx_failure_handler_workflow ON failure_handler(workflow_id);

CREATE TABLE compute_node (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    hostname TEXT NOT NULL,
    pid INTEGER NOT NULL,
    start_time TEXT NOT NULL,
    duration_seconds REAL,
    is_active INTEGER,
    num_cpus INTEGER NOT NULL,
    memory_gb REAL NOT NULL,
    num_gpus INTEGER NOT NULL,
    num_nodes INTEGER NOT NULL,
    time_limit TEXT,
    scheduler_config_id INTEGER,
    compute_node_type TEXT NOT NULL,
    scheduler TEXT
);
CREATE INDEX idx_compute_node_workflow ON compute_node(workflow_id);
CREATE INDEX idx_compute_node_workflow_active ON compute_node(workflow_id, is_active);
CREATE INDEX idx_compute_node_hostname ON compute_node(workflow_id, hostname);

CREATE TABLE job (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    command TEXT NOT NULL,
    invocation_script TEXT,
    status INTEGER NOT NULL DEFAULT 0,
    cancel_on_blocking_job_failure INTEGER NOT NULL DEFAULT 1,
    supports_termination INTEGER NOT NULL DEFAULT 0,
    resource_requirements_id INTEGER NOT NULL REFERENCES resource_requirements(id),
    scheduler_id INTEGER,
    failure_handler_id INTEGER REFERENCES failure_handler(id) ON DELETE SET NULL,
    attempt_id INTEGER NOT NULL DEFAULT 1,
    schedule_compute_nodes TEXT,
    input_hash TEXT,
    active_compute_node_id INTEGER REFERENCES compute_node(id) ON DELETE SET NULL
);
CREATE INDEX idx_job_workflow ON job(workflow_id);
CREATE INDEX idx_job_workflow_status ON job(workflow_id, status);
CREATE INDEX idx_job_workflow_name ON job(workflow_id, name);
CREATE INDEX idx_job_rr ON job(resource_requirements_id);
CREATE INDEX idx_job_failure_handler ON job(failure_handler_id) WHERE failure_handler_id IS NOT NULL;
CREATE INDEX idx_job_active_node ON job(active_compute_node_id)
    WHERE active_compute_node_id IS NOT NULL;

CREATE TABLE job_depends_on (
    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    depends_on_job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, depends_on_job_id)
) WITHOUT ROWID;
CREATE INDEX idx_job_depends_on_upstream ON job_depends_on(depends_on_job_id);
CREATE INDEX idx_job_depends_on_workflow ON job_depends_on(workflow_id);

CREATE TABLE file (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    path TEXT NOT NULL,
    st_mtime REAL
);
CREATE INDEX idx_file_workflow ON file(workflow_id);
CREATE INDEX idx_file_workflow_name ON file(workflow_id, name);

CREATE TABLE job_input_file (
    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, file_id)
) WITHOUT ROWID;
CREATE INDEX idx_job_input_file_file ON job_input_file(file_id);
CREATE INDEX idx_job_input_file_workflow ON job_input_file(workflow_id);

CREATE TABLE job_output_file (
    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    file_id INTEGER NOT NULL REFERENCES file(id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, file_id)
) WITHOUT ROWID;
CREATE INDEX idx_job_output_file_file ON job_output_file(file_id);
CREATE INDEX idx_job_output_file_workflow ON job_output_file(workflow_id);

CREATE TABLE user_data (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    is_ephemeral INTEGER NOT NULL DEFAULT 0,
    data TEXT
);
CREATE INDEX idx_user_data_workflow ON user_data(workflow_id);
CREATE INDEX idx_user_data_workflow_name ON user_data(workflow_id, name);

CREATE TABLE job_input_user_data (
    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    user_data_id INTEGER NOT NULL REFERENCES user_data(id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, user_data_id)
) WITHOUT ROWID;
CREATE INDEX idx_job_input_user_data_ud ON job_input_user_data(user_data_id);
CREATE INDEX idx_job_input_user_data_workflow ON job_input_user_data(workflow_id);

CREATE TABLE job_output_user_data (
    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    user_data_id INTEGER NOT NULL REFERENCES user_data(id) ON DELETE CASCADE,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    PRIMARY KEY (job_id, user_data_id)
) WITHOUT ROWID;
CREATE INDEX idx_job_output_user_data_ud ON job_output_user_data(user_data_id);
CREATE INDEX idx_job_output_user_data_workflow ON job_output_user_data(workflow_id);

CREATE TABLE local_scheduler (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    name TEXT NOT NULL DEFAULT 'default',
    memory TEXT,
    num_cpus INTEGER
);
CREATE INDEX idx_local_scheduler_workflow ON local_scheduler(workflow_id);

CREATE TABLE slurm_scheduler (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    name TEXT,
    account TEXT NOT NULL,
    gres TEXT,
    mem TEXT,
    nodes INTEGER NOT NULL,
    ntasks_per_node INTEGER,
    partition TEXT,
    qos TEXT DEFAULT 'normal',
    tmp TEXT,
    walltime TEXT NOT NULL,
    extra TEXT
);
CREATE INDEX idx_slurm_scheduler_workflow ON slurm_scheduler(workflow_id);

CREATE TABLE scheduled_compute_node (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    scheduler_id INTEGER NOT NULL,
    scheduler_config_id INTEGER NOT NULL,
    scheduler_type TEXT NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX idx_scheduled_node_workflow ON scheduled_compute_node(workflow_id);
CREATE INDEX idx_scheduled_node_workflow_status ON scheduled_compute_node(workflow_id, status);
CREATE INDEX idx_scheduled_node_scheduler ON scheduled_compute_node(workflow_id, scheduler_id);

CREATE TABLE result (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    run_id INTEGER NOT NULL,
    attempt_id INTEGER NOT NULL DEFAULT 1,
    compute_node_id INTEGER NOT NULL,
    return_code INTEGER NOT NULL,
    exec_time_minutes REAL NOT NULL,
    completion_time TEXT NOT NULL,
    status INTEGER NOT NULL,
    peak_memory_bytes INTEGER,
    avg_memory_bytes INTEGER,
    peak_cpu_percent REAL,
    avg_cpu_percent REAL,
    UNIQUE (job_id, run_id, attempt_id)
);
CREATE INDEX idx_result_workflow ON result(workflow_id);
CREATE INDEX idx_result_workflow_run ON result(workflow_id, run_id);
CREATE INDEX idx_result_compute_node ON result(compute_node_id);

-- The current result of each job (the latest completion of its latest run).
CREATE TABLE workflow_result (
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    job_id INTEGER NOT NULL REFERENCES job(id) ON DELETE CASCADE,
    result_id INTEGER NOT NULL REFERENCES result(id) ON DELETE CASCADE,
    PRIMARY KEY (workflow_id, job_id)
) WITHOUT ROWID;
CREATE INDEX idx_workflow_result_result ON workflow_result(result_id);

CREATE TABLE event (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    timestamp INTEGER NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX idx_event_workflow ON event(workflow_id);
CREATE INDEX idx_event_workflow_timestamp ON event(workflow_id, timestamp);

CREATE TABLE workflow_action (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    trigger_type TEXT NOT NULL,
    action_type TEXT NOT NULL,
    action_config TEXT NOT NULL,
    job_ids TEXT,
    trigger_count INTEGER NOT NULL DEFAULT 0,
    required_triggers INTEGER NOT NULL DEFAULT 1,
    executed INTEGER NOT NULL DEFAULT 0,
    executed_at TEXT,
    executed_by INTEGER REFERENCES compute_node(id) ON DELETE SET NULL,
    persistent INTEGER NOT NULL DEFAULT 0,
    is_recovery INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX idx_workflow_action_workflow ON workflow_action(workflow_id, trigger_type);

CREATE TABLE remote_worker (
    worker TEXT NOT NULL,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    PRIMARY KEY (workflow_id, worker)
) WITHOUT ROWID;

CREATE TABLE access_group (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at TEXT NOT NULL,
    is_system INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE user_group_membership (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_name TEXT NOT NULL,
    group_id INTEGER NOT NULL REFERENCES access_group(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT 'member',
    created_at TEXT NOT NULL,
    UNIQUE (user_name, group_id)
);
CREATE INDEX idx_membership_group ON user_group_membership(group_id);

CREATE TABLE workflow_access_group (
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES access_group(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (workflow_id, group_id)
) WITHOUT ROWID;
CREATE INDEX idx_workflow_access_group_group ON workflow_access_group(group_id);
"""

# Version 2. A blocked job counts its dependencies that are not done yet, so that a completion makes a
# dependent ready by decrementing a number instead of rescanning all of its dependencies (a job
# waiting for 10,000 others would otherwise cost 10,000 row reads per completion).
_V2 = """
ALTER TABLE job ADD COLUMN unfinished_deps INTEGER NOT NULL DEFAULT 0;
UPDATE job SET unfinished_deps = (
    SELECT COUNT(*) FROM job_depends_on d JOIN job u ON u.id = d.depends_on_job_id
    WHERE d.job_id = job.id AND u.status NOT IN (5, 6, 7))
WHERE status = 1;
-- A claim reads each fitting resource requirement's ready jobs in id order (see version 5).
CREATE INDEX idx_job_claim ON job(workflow_id, status, resource_requirements_id);
"""

# Version 3. How a workflow's job runners start (`execution_config`, encoded JSON such as
# `{"staggered_start": false}`); absent means the defaults.
_V3 = """
ALTER TABLE workflow ADD COLUMN execution_config TEXT;
"""

_V4 = """
-- The answers of report-and-claim requests that carried a request id, so that a runner repeating
-- a request whose answer it never got receives the first answer again (engine/exchanges.py).
CREATE TABLE exchange_answer (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    compute_node_id INTEGER NOT NULL REFERENCES compute_node(id) ON DELETE CASCADE,
    request_id TEXT NOT NULL,
    workflow_id INTEGER NOT NULL REFERENCES workflow(id) ON DELETE CASCADE,
    run_id INTEGER NOT NULL,
    answer BLOB NOT NULL
);
CREATE UNIQUE INDEX idx_exchange_answer_request ON exchange_answer(compute_node_id, request_id);
CREATE INDEX idx_exchange_answer_workflow ON exchange_answer(workflow_id);
-- When the server last heard from a compute node's runner (its heartbeat).
ALTER TABLE compute_node ADD COLUMN last_seen TEXT;
"""

# Version 5. The claim's index holds ready jobs only (status 2): a job enters it when it becomes
# ready and leaves it when claimed, where before every status change moved its entry (a claimed job
# went from the ready part to the pending part, a finished one from there to its final status).
_V5 = """
DROP INDEX idx_job_claim;
CREATE INDEX idx_job_claim ON job(workflow_id, resource_requirements_id) WHERE status = 2;
"""

# Version 6. A job's current result (the latest completion of its latest run) is a column of the
# job, written by the UPDATE that finishes the job, instead of a row of `workflow_result` (an INSERT
# OR REPLACE into two B-trees, checking three foreign keys, for every finished job). It has no
# foreign key: result ids are never reused (AUTOINCREMENT), so the id of a deleted result matches no
# result, and the job has no current result, as when the cascade removed its row.
_V6 = """
ALTER TABLE job ADD COLUMN current_result_id INTEGER;
UPDATE job SET current_result_id = (
    SELECT w.result_id FROM workflow_result w
    WHERE w.workflow_id = job.workflow_id AND w.job_id = job.id)
WHERE id IN (SELECT job_id FROM workflow_result);
DROP TABLE workflow_result;
"""

# Version 7. Events are stamped in id order (`EventSink.stamp`), so their index on (workflow_id,
# timestamp) also lists a workflow's events in id order; the one on workflow_id alone goes (every
# event written updated both).
_V7 = """
DROP INDEX idx_event_workflow;
"""

# Each entry moves a database from version i to i + 1. Append; never edit a released entry.
MIGRATIONS: list[str] = [_V1, _V2, _V3, _V4, _V5, _V6, _V7]

SCHEMA_VERSION = len(MIGRATIONS)


class SchemaTooNewError(RuntimeError):
    """The database was written by a newer torc-server than this one."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database up to SCHEMA_VERSION; return the version it had before."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    target = len(MIGRATIONS)
    if version > target:
        raise SchemaTooNewError(
            f"database schema version {version} is newer than this server supports "
            f"({target}); upgrade torc-server"
        )
    for index in range(version, target):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[index]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {index + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return version


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
