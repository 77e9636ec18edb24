from enum import StrEnum


class JobStatus(StrEnum):
    BLOCKED = "blocked"
    CANCELED = "canceled"
    COMPLETED = "completed"
    DISABLED = "disabled"
    FAILED = "failed"
    PENDING = "pending"
    PENDING_FAILED = "pending_failed"
    READY = "ready"
    RUNNING = "running"
    TERMINATED = "terminated"
    UNINITIALIZED = "uninitialized"

    def __str__(self) -> str:
        return str(self.value)
