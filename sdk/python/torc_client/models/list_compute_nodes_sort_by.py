from enum import StrEnum


class ListComputeNodesSortBy(StrEnum):
    COMPUTE_NODE_TYPE = "compute_node_type"
    DURATION_SECONDS = "duration_seconds"
    HOSTNAME = "hostname"
    ID = "id"
    IS_ACTIVE = "is_active"
    MEMORY_GB = "memory_gb"
    NUM_CPUS = "num_cpus"
    NUM_GPUS = "num_gpus"
    NUM_NODES = "num_nodes"
    PID = "pid"
    START_TIME = "start_time"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
