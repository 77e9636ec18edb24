from enum import StrEnum


class ListJobsSortBy(StrEnum):
    ATTEMPT_ID = "attempt_id"
    COMMAND = "command"
    ID = "id"
    NAME = "name"
    RESOURCE_REQUIREMENTS_ID = "resource_requirements_id"
    SCHEDULER_ID = "scheduler_id"
    STATUS = "status"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
