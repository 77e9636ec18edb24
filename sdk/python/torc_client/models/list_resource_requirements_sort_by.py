from enum import StrEnum


class ListResourceRequirementsSortBy(StrEnum):
    ID = "id"
    MEMORY = "memory"
    NAME = "name"
    NUM_CPUS = "num_cpus"
    NUM_GPUS = "num_gpus"
    NUM_NODES = "num_nodes"
    RUNTIME = "runtime"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
