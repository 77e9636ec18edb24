from enum import StrEnum


class ListLocalSchedulersSortBy(StrEnum):
    ID = "id"
    MEMORY = "memory"
    NAME = "name"
    NUM_CPUS = "num_cpus"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
