from enum import StrEnum


class ListUserDataSortBy(StrEnum):
    ID = "id"
    IS_EPHEMERAL = "is_ephemeral"
    NAME = "name"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
