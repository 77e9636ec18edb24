from enum import StrEnum


class JobsSortMethod(StrEnum):
    GPUS_MEMORY_RUNTIME = "gpus_memory_runtime"
    GPUS_RUNTIME_MEMORY = "gpus_runtime_memory"
    NONE = "none"

    def __str__(self) -> str:
        return str(self.value)
