from enum import StrEnum


class ListEventsSortBy(StrEnum):
    ID = "id"
    TIMESTAMP = "timestamp"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
