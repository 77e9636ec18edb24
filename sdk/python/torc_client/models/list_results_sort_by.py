from enum import StrEnum


class ListResultsSortBy(StrEnum):
    ATTEMPT_ID = "attempt_id"
    AVG_CPU_PERCENT = "avg_cpu_percent"
    AVG_MEMORY_BYTES = "avg_memory_bytes"
    COMPLETION_TIME = "completion_time"
    COMPUTE_NODE_ID = "compute_node_id"
    EXEC_TIME_MINUTES = "exec_time_minutes"
    ID = "id"
    JOB_ID = "job_id"
    PEAK_CPU_PERCENT = "peak_cpu_percent"
    PEAK_MEMORY_BYTES = "peak_memory_bytes"
    RETURN_CODE = "return_code"
    RUN_ID = "run_id"
    STATUS = "status"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
