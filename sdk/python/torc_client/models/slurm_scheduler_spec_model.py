from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SlurmSchedulerSpecModel")


@_attrs_define
class SlurmSchedulerSpecModel:
    """Slurm allocation settings in a workflow specification.

    Attributes:
        name (str): Name, unique among the workflow's Slurm schedulers.
        account (str): Slurm account to charge.
        walltime (str): Wall time, `[D-]HH:MM:SS`.
        gres (str | Unset): Generic resources, for example `gpu:2`.
        mem (str | Unset): Memory per node, as Slurm reads it.
        nodes (int | Unset): Nodes per allocation. Default: 1.
        ntasks_per_node (int | Unset): Tasks per node.
        partition (str | Unset): Partition.
        qos (str | Unset): Quality of service. Default: 'normal'.
        tmp (str | Unset): Local disk per node.
        extra (str | Unset): Extra `sbatch` options, passed as written.
    """

    name: str
    account: str
    walltime: str
    gres: str | Unset = UNSET
    mem: str | Unset = UNSET
    nodes: int | Unset = 1
    ntasks_per_node: int | Unset = UNSET
    partition: str | Unset = UNSET
    qos: str | Unset = "normal"
    tmp: str | Unset = UNSET
    extra: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        account = self.account

        walltime = self.walltime

        gres = self.gres

        mem = self.mem

        nodes = self.nodes

        ntasks_per_node = self.ntasks_per_node

        partition = self.partition

        qos = self.qos

        tmp = self.tmp

        extra = self.extra

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "account": account,
                "walltime": walltime,
            }
        )
        if gres is not UNSET:
            field_dict["gres"] = gres
        if mem is not UNSET:
            field_dict["mem"] = mem
        if nodes is not UNSET:
            field_dict["nodes"] = nodes
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
        name = d.pop("name")

        account = d.pop("account")

        walltime = d.pop("walltime")

        gres = d.pop("gres", UNSET)

        mem = d.pop("mem", UNSET)

        nodes = d.pop("nodes", UNSET)

        ntasks_per_node = d.pop("ntasks_per_node", UNSET)

        partition = d.pop("partition", UNSET)

        qos = d.pop("qos", UNSET)

        tmp = d.pop("tmp", UNSET)

        extra = d.pop("extra", UNSET)

        slurm_scheduler_spec_model = cls(
            name=name,
            account=account,
            walltime=walltime,
            gres=gres,
            mem=mem,
            nodes=nodes,
            ntasks_per_node=ntasks_per_node,
            partition=partition,
            qos=qos,
            tmp=tmp,
            extra=extra,
        )

        slurm_scheduler_spec_model.additional_properties = d
        return slurm_scheduler_spec_model

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
