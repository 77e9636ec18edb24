from enum import StrEnum


class ListWorkflowsSortBy(StrEnum):
    DESCRIPTION = "description"
    ID = "id"
    NAME = "name"
    PROJECT = "project"
    TIMESTAMP = "timestamp"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
