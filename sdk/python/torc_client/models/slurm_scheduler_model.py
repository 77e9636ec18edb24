from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SlurmSchedulerModel")


@_attrs_define
class SlurmSchedulerModel:
    """A Slurm scheduler configuration: the sbatch options used to request allocations for a workflow.

    Attributes:
        workflow_id (int): Id of the workflow.
        account (str): Slurm account to charge (`--account`).
        nodes (int): Number of nodes per allocation (`--nodes`).
        walltime (str): Time limit of each allocation, for example `04:00:00` (`--time`).
        id (int | Unset): Id of the record, assigned by the server.
        name (str | Unset): Name of the configuration, used to refer to it in workflow specifications.
        gres (str | Unset): Generic resources to request, for example `gpu:2` (`--gres`).
        mem (str | Unset): Memory per node to request, for example `240g` (`--mem`).
        ntasks_per_node (int | Unset): Number of tasks per node (`--ntasks-per-node`).
        partition (str | Unset): Partition to submit to (`--partition`); usually left to Slurm.
        qos (str | Unset): Quality of service (`--qos`). Default: 'normal'.
        tmp (str | Unset): Node-local disk space to request (`--tmp`).
        extra (str | Unset): Further sbatch options written as given into the submission script, for example
            `--signal=B:TERM@300`.
    """

    workflow_id: int
    account: str
    nodes: int
    walltime: str
    id: int | Unset = UNSET
    name: str | Unset = UNSET
    gres: str | Unset = UNSET
    mem: str | Unset = UNSET
    ntasks_per_node: int | Unset = UNSET
    partition: str | Unset = UNSET
    qos: str | Unset = "normal"
    tmp: str | Unset = UNSET
    extra: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        workflow_id = self.workflow_id

        account = self.account

        nodes = self.nodes

        walltime = self.walltime

        id = self.id

        name = self.name

        gres = self.gres

        mem = self.mem

        ntasks_per_node = self.ntasks_per_node

        partition = self.partition

        qos = self.qos

        tmp = self.tmp

        extra = self.extra

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "workflow_id": workflow_id,
                "account": account,
                "nodes": nodes,
                "walltime": walltime,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if gres is not UNSET:
            field_dict["gres"] = gres
        if mem is not UNSET:
            field_dict["mem"] = mem
        if ntasks_per_node is not UNSET:
            field_dict["ntasks_per_node"] = ntasks_per_node
        if partition is not UNSET:
            field_dict["partition"] = partition
        if qos is not UNSET:
            field_dict["qos"] = qos
        if tmp is not UNSET:
            field_dict["tmp"] = tmp
        if extra is not UNSET:
            field_dict["extra"] = extra

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        workflow_id = d.pop("workflow_id")

        account = d.pop("account")

        nodes = d.pop("nodes")

        walltime = d.pop("walltime")

        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        gres = d.pop("gres", UNSET)

        mem = d.pop("mem", UNSET)

        ntasks_per_node = d.pop("ntasks_per_node", UNSET)

        partition = d.pop("partition", UNSET)

        qos = d.pop("qos", UNSET)

        tmp = d.pop("tmp", UNSET)

        extra = d.pop("extra", UNSET)

        slurm_scheduler_model = cls(
            workflow_id=workflow_id,
            account=account,
            nodes=nodes,
            walltime=walltime,
            id=id,
            name=name,
            gres=gres,
            mem=mem,
            ntasks_per_node=ntasks_per_node,
            partition=partition,
            qos=qos,
            tmp=tmp,
            extra=extra,
        )

        slurm_scheduler_model.additional_properties = d
        return slurm_scheduler_model

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
