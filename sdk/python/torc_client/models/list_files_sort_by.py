from enum import StrEnum


class ListFilesSortBy(StrEnum):
    ID = "id"
    NAME = "name"
    PATH = "path"
    ST_MTIME = "st_mtime"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
