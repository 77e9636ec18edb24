"""The resource tables: which fields are columns, what they hold, how lists filter and sort."""

from __future__ import annotations

from torc_server.storage.records import Table

WORKFLOW = Table(
    name="workflow",
    kind="Workflow",
    columns=(
        "name",
        "user",
        "description",
        "timestamp",
        "project",
        "metadata",
        "compute_node_expiration_buffer_seconds",
        "compute_node_wait_for_new_jobs_seconds",
        "compute_node_ignore_workflow_completion",
        "compute_node_wait_for_healthy_database_minutes",
        "compute_node_min_time_for_new_jobs_seconds",
        "jobs_sort_method",
        "resource_monitor_config",
        "slurm_defaults",
        "use_pending_failed",
        "execution_config",
    ),
    bools=frozenset({"compute_node_ignore_workflow_completion", "use_pending_failed"}),
    filters={
        "name": "t.name = ?",
        "user": "t.user = ?",
        "description": "t.description = ?",
        "is_archived": "t.id IN (SELECT id FROM workflow_status WHERE is_archived = ?)",
    },
    sortable=("name", "user", "description", "timestamp", "project"),
    required=("name", "user", "timestamp"),
)

WORKFLOW_STATUS = Table(
    name="workflow_status",
    kind="Workflow status",
    columns=("run_id", "is_canceled", "is_archived", "has_detected_need_to_run_completion_script"),
    bools=frozenset({"is_canceled", "is_archived", "has_detected_need_to_run_completion_script"}),
)

JOB = Table(
    name="job",
    kind="Job",
    columns=(
        "workflow_id",
        "name",
        "command",
        "invocation_script",
        "status",
        "cancel_on_blocking_job_failure",
        "supports_termination",
        "resource_requirements_id",
        "scheduler_id",
        "failure_handler_id",
        "attempt_id",
        "schedule_compute_nodes",
    ),
    bools=frozenset({"cancel_on_blocking_job_failure", "supports_termination"}),
    json=frozenset({"schedule_compute_nodes"}),
    statuses=frozenset({"status"}),
    filters={
        "status": "t.status = ?",
        "needs_file_id": "t.id IN (SELECT job_id FROM job_input_file WHERE file_id = ?)",
        "upstream_job_id": "t.id IN (SELECT job_id FROM job_depends_on WHERE depends_on_job_id = ?)",
        "active_compute_node_id": "t.active_compute_node_id = ?",
    },
    sortable=(
        "name",
        "command",
        "status",
        "resource_requirements_id",
        "scheduler_id",
        "attempt_id",
        "workflow_id",
    ),
    required=("workflow_id", "name", "command", "resource_requirements_id"),
)

FILE = Table(
    name="file",
    kind="File",
    columns=("workflow_id", "name", "path", "st_mtime"),
    filters={
        "produced_by_job_id": "t.id IN (SELECT file_id FROM job_output_file WHERE job_id = ?)",
        "name": "t.name = ?",
        "path": "t.path = ?",
        "is_output": "(t.id IN (SELECT file_id FROM job_output_file)) = ?",
    },
    sortable=("name", "path", "st_mtime", "workflow_id"),
    required=("workflow_id", "name", "path"),
)

USER_DATA = Table(
    name="user_data",
    kind="User data",
    columns=("workflow_id", "name", "is_ephemeral", "data"),
    bools=frozenset({"is_ephemeral"}),
    json=frozenset({"data"}),
    filters={
        "consumer_job_id": "t.id IN (SELECT user_data_id FROM job_input_user_data WHERE job_id = ?)",
        "producer_job_id": "t.id IN (SELECT user_data_id FROM job_output_user_data WHERE job_id = ?)",
        "name": "t.name = ?",
        "is_ephemeral": "t.is_ephemeral = ?",
    },
    sortable=("name", "is_ephemeral", "workflow_id"),
    required=("workflow_id", "name"),
)

RESOURCE_REQUIREMENTS = Table(
    name="resource_requirements",
    kind="Resource requirements",
    columns=(
        "workflow_id",
        "name",
        "num_cpus",
        "num_gpus",
        "num_nodes",
        "memory",
        "runtime",
        "memory_bytes",
        "runtime_s",
    ),
    filters={
        "job_id": "t.id IN (SELECT resource_requirements_id FROM job WHERE id = ?)",
        "name": "t.name = ?",
        "memory": "t.memory = ?",
        "num_cpus": "t.num_cpus = ?",
        "num_gpus": "t.num_gpus = ?",
        "num_nodes": "t.num_nodes = ?",
        "runtime": "t.runtime_s = ?",
    },
    sortable=("name", "num_cpus", "num_gpus", "num_nodes", "memory", "runtime", "workflow_id"),
    required=("workflow_id", "name"),
)

COMPUTE_NODE = Table(
    name="compute_node",
    kind="Compute node",
    columns=(
        "workflow_id",
        "hostname",
        "pid",
        "start_time",
        "last_seen",
        "duration_seconds",
        "is_active",
        "num_cpus",
        "memory_gb",
        "num_gpus",
        "num_nodes",
        "time_limit",
        "scheduler_config_id",
        "compute_node_type",
        "scheduler",
    ),
    bools=frozenset({"is_active"}),
    json=frozenset({"scheduler"}),
    filters={
        "hostname": "t.hostname = ?",
        "is_active": "t.is_active = ?",
        "scheduled_compute_node_id": "json_extract(t.scheduler, '$.scheduler_id') = ?",
    },
    sortable=(
        "hostname",
        "pid",
        "start_time",
        "duration_seconds",
        "is_active",
        "num_cpus",
        "memory_gb",
        "num_gpus",
        "num_nodes",
        "compute_node_type",
        "workflow_id",
    ),
    required=(
        "workflow_id",
        "hostname",
        "pid",
        "start_time",
        "num_cpus",
        "memory_gb",
        "num_gpus",
        "num_nodes",
        "compute_node_type",
    ),
)

SCHEDULED_COMPUTE_NODE = Table(
    name="scheduled_compute_node",
    kind="Scheduled compute node",
    columns=("workflow_id", "scheduler_id", "scheduler_config_id", "scheduler_type", "status"),
    filters={
        "scheduler_id": "CAST(t.scheduler_id AS TEXT) = ?",
        "scheduler_config_id": "CAST(t.scheduler_config_id AS TEXT) = ?",
        "status": "t.status = ?",
    },
    sortable=("scheduler_id", "scheduler_config_id", "scheduler_type", "status", "workflow_id"),
    required=("workflow_id", "scheduler_id", "scheduler_config_id", "scheduler_type", "status"),
)

RESULT = Table(
    name="result",
    kind="Result",
    columns=(
        "workflow_id",
        "job_id",
        "run_id",
        "attempt_id",
        "compute_node_id",
        "return_code",
        "exec_time_minutes",
        "completion_time",
        "status",
        "peak_memory_bytes",
        "avg_memory_bytes",
        "peak_cpu_percent",
        "avg_cpu_percent",
    ),
    statuses=frozenset({"status"}),
    filters={
        "job_id": "t.job_id = ?",
        "run_id": "t.run_id = ?",
        "return_code": "t.return_code = ?",
        "status": "t.status = ?",
        "compute_node_id": "t.compute_node_id = ?",
    },
    sortable=(
        "job_id",
        "run_id",
        "attempt_id",
        "compute_node_id",
        "return_code",
        "exec_time_minutes",
        "completion_time",
        "status",
        "peak_memory_bytes",
        "avg_memory_bytes",
        "peak_cpu_percent",
        "avg_cpu_percent",
        "workflow_id",
    ),
    required=(
        "workflow_id",
        "job_id",
        "run_id",
        "compute_node_id",
        "return_code",
        "exec_time_minutes",
        "completion_time",
        "status",
    ),
)

EVENT = Table(
    name="event",
    kind="Event",
    columns=("workflow_id", "timestamp", "data"),
    json=frozenset({"data"}),
    filters={
        "category": "json_extract(t.data, '$.category') = ?",
        "after_timestamp": "t.timestamp > ?",
    },
    sortable=("timestamp", "workflow_id"),
    required=("workflow_id", "timestamp", "data"),
    id_order="timestamp",  # stamped in id order (`EventSink.stamp`)
)

LOCAL_SCHEDULER = Table(
    name="local_scheduler",
    kind="Local scheduler",
    columns=("workflow_id", "name", "memory", "num_cpus"),
    filters={"memory": "t.memory = ?", "num_cpus": "t.num_cpus = ?"},
    sortable=("name", "memory", "num_cpus", "workflow_id"),
    required=("workflow_id",),
)

SLURM_SCHEDULER = Table(
    name="slurm_scheduler",
    kind="Slurm scheduler",
    columns=(
        "workflow_id",
        "name",
        "account",
        "gres",
        "mem",
        "nodes",
        "ntasks_per_node",
        "partition",
        "qos",
        "tmp",
        "walltime",
        "extra",
    ),
    filters={
        name: f"t.{name} = ?"
        for name in (
            "name",
            "account",
            "gres",
            "mem",
            "nodes",
            "partition",
            "qos",
            "tmp",
            "walltime",
        )
    },
    sortable=(
        "name",
        "account",
        "gres",
        "mem",
        "nodes",
        "ntasks_per_node",
        "partition",
        "qos",
        "tmp",
        "walltime",
        "workflow_id",
    ),
    required=("workflow_id", "account", "nodes", "walltime"),
)

FAILURE_HANDLER = Table(
    name="failure_handler",
    kind="Failure handler",
    columns=("workflow_id", "name", "rules"),
    sortable=("name", "workflow_id"),
    required=("workflow_id", "name", "rules"),
)

WORKFLOW_ACTION = Table(
    name="workflow_action",
    kind="Workflow action",
    columns=(
        "workflow_id",
        "trigger_type",
        "action_type",
        "action_config",
        "job_ids",
        "trigger_count",
        "required_triggers",
        "executed",
        "executed_at",
        "executed_by",
        "persistent",
        "is_recovery",
    ),
    bools=frozenset({"executed", "persistent", "is_recovery"}),
    json=frozenset({"action_config", "job_ids"}),
    required=("workflow_id", "trigger_type", "action_type", "action_config"),
)

ACCESS_GROUP = Table(
    name="access_group",
    kind="Access group",
    columns=("name", "description", "created_at"),
    sortable=("name", "created_at"),
    required=("name", "created_at"),
)

USER_GROUP_MEMBERSHIP = Table(
    name="user_group_membership",
    kind="Group membership",
    columns=("user_name", "group_id", "role", "created_at"),
    sortable=("user_name", "role", "created_at"),
    required=("user_name", "group_id", "created_at"),
)

# Per-workflow collections that answer list and bulk delete with a required workflow_id.
WORKFLOW_COLLECTIONS = (
    JOB,
    FILE,
    USER_DATA,
    RESOURCE_REQUIREMENTS,
    COMPUTE_NODE,
    SCHEDULED_COMPUTE_NODE,
    RESULT,
    EVENT,
    LOCAL_SCHEDULER,
    SLURM_SCHEDULER,
)
