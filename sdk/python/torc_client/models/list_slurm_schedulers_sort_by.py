from enum import StrEnum


class ListSlurmSchedulersSortBy(StrEnum):
    ACCOUNT = "account"
    GRES = "gres"
    ID = "id"
    MEM = "mem"
    NAME = "name"
    NODES = "nodes"
    NTASKS_PER_NODE = "ntasks_per_node"
    PARTITION = "partition"
    QOS = "qos"
    TMP = "tmp"
    WALLTIME = "walltime"
    WORKFLOW_ID = "workflow_id"

    def __str__(self) -> str:
        return str(self.value)
