from enum import StrEnum


class ListScheduledComputeNodesSortBy(StrEnum):
    ID = "id"
    SCHEDULER_CONFIG_ID = "scheduler_config_id"
    SCHEDULER_ID = "scheduler_id"
    SCHEDULER_TYPE = "scheduler_type"
    STATUS = "status"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
