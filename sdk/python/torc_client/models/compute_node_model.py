from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.compute_node_model_scheduler import ComputeNodeModelScheduler


T = TypeVar("T", bound="ComputeNodeModel")


@_attrs_define
class ComputeNodeModel:
    """A compute node: one job runner process, with the resources it offers to the workflow.

    Attributes:
        workflow_id (int): Id of the workflow the runner works on.
        hostname (str): Host name of the machine the runner runs on.
        pid (int): Process id of the runner.
        start_time (str): When the runner started (ISO-8601 timestamp).
        num_cpus (int): Number of CPUs the runner offers.
        memory_gb (float): Memory the runner offers, in GiB.
        num_gpus (int): Number of GPUs the runner offers.
        num_nodes (int): Number of nodes in the runner's allocation.
        compute_node_type (str): Kind of runner, `local` or `slurm`.
        id (int | Unset): Id of the compute node, assigned by the server.
        last_seen (str | Unset): When the server last heard from the runner (ISO-8601 timestamp, UTC): set when the
            compute node is created (unless given) and by every `complete_jobs` naming it; a runner reports at least once a
            minute while it runs. A runner starting on the workflow counts a compute node on another host whose runner has
            not been heard from for longer than the workflow's `compute_node_wait_for_healthy_database_minutes` (plus two
            minutes) as gone, and gives back its jobs (`release_compute_node_jobs`).
        duration_seconds (float | Unset): How long the runner ran, in seconds; set when it stops.
        is_active (bool | Unset): The runner is still running; set to false when it stops.
        time_limit (str | Unset): Time the runner may run, as an ISO-8601 duration (for example `PT4H`); left out when
            unlimited.
        scheduler_config_id (int | Unset): Id of the scheduler configuration whose allocation the runner runs in.
        scheduler (ComputeNodeModelScheduler | Unset): Scheduler details as a JSON object, for example `{"scheduler_id":
            3, "type": "slurm", "slurm_job_id": "12345"}`.
    """

    workflow_id: int
    hostname: str
    pid: int
    start_time: str
    num_cpus: int
    memory_gb: float
    num_gpus: int
    num_nodes: int
    compute_node_type: str
    id: int | Unset = UNSET
    last_seen: str | Unset = UNSET
    duration_seconds: float | Unset = UNSET
    is_active: bool | Unset = UNSET
    time_limit: str | Unset = UNSET
    scheduler_config_id: int | Unset = UNSET
    scheduler: ComputeNodeModelScheduler | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        hostname = self.hostname

        pid = self.pid

        start_time = self.start_time

        num_cpus = self.num_cpus

        memory_gb = self.memory_gb

        num_gpus = self.num_gpus

        num_nodes = self.num_nodes

        compute_node_type = self.compute_node_type

        id = self.id

        last_seen = self.last_seen

        duration_seconds = self.duration_seconds

        is_active = self.is_active

        time_limit = self.time_limit

        scheduler_config_id = self.scheduler_config_id

        scheduler: dict[str, Any] | Unset = UNSET
        if not isinstance(self.scheduler, Unset):
            scheduler = self.scheduler.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "hostname": hostname,
                "pid": pid,
                "start_time": start_time,
                "num_cpus": num_cpus,
                "memory_gb": memory_gb,
                "num_gpus": num_gpus,
                "num_nodes": num_nodes,
                "compute_node_type": compute_node_type,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if last_seen is not UNSET:
            field_dict["last_seen"] = last_seen
        if duration_seconds is not UNSET:
            field_dict["duration_seconds"] = duration_seconds
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if time_limit is not UNSET:
            field_dict["time_limit"] = time_limit
        if scheduler_config_id is not UNSET:
            field_dict["scheduler_config_id"] = scheduler_config_id
        if scheduler is not UNSET:
            field_dict["scheduler"] = scheduler

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.compute_node_model_scheduler import ComputeNodeModelScheduler

        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        hostname = d.pop("hostname")

        pid = d.pop("pid")

        start_time = d.pop("start_time")

        num_cpus = d.pop("num_cpus")

        memory_gb = d.pop("memory_gb")

        num_gpus = d.pop("num_gpus")

        num_nodes = d.pop("num_nodes")

        compute_node_type = d.pop("compute_node_type")

        id = d.pop("id", UNSET)

        last_seen = d.pop("last_seen", UNSET)

        duration_seconds = d.pop("duration_seconds", UNSET)

        is_active = d.pop("is_active", UNSET)

        time_limit = d.pop("time_limit", UNSET)

        scheduler_config_id = d.pop("scheduler_config_id", UNSET)

        _scheduler = d.pop("scheduler", UNSET)
        scheduler: ComputeNodeModelScheduler | Unset
        if isinstance(_scheduler, Unset):
            scheduler = UNSET
        else:
            scheduler = ComputeNodeModelScheduler.from_dict(_scheduler)

        compute_node_model = cls(
            workflow_id=workflow_id,
            hostname=hostname,
            pid=pid,
            start_time=start_time,
            num_cpus=num_cpus,
            memory_gb=memory_gb,
            num_gpus=num_gpus,
            num_nodes=num_nodes,
            compute_node_type=compute_node_type,
            id=id,
            last_seen=last_seen,
            duration_seconds=duration_seconds,
            is_active=is_active,
            time_limit=time_limit,
            scheduler_config_id=scheduler_config_id,
            scheduler=scheduler,
        )

        compute_node_model.additional_properties = d
        return compute_node_model

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
