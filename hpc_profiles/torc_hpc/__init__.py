"""HPC profiles: what torc knows about a cluster's partitions, how to tell which cluster it is
running on, and how to fit a workflow's resource requirements to partitions and allocations.

The built-in profiles are data (`hpc_profiles/<system>.toml` in a checkout, `torc_hpc/data/` in a
wheel); `[client.hpc]` in torc's configuration adds custom profiles and overrides; on a Slurm
cluster that no profile describes, `sinfo` describes one on the spot.

    from torc_hpc import registry, match
    profiles = registry.Registry.load(hpc_config)   # built-in + custom
    profile = profiles.detect()                     # or profiles.get("kestrel")
    choice = match.best_partition(profile, match.Request(cpus=32, memory_mb=65536, walltime_secs=7200))
"""

from torc_hpc.profiles import Partition, Profile, ProfileError

__all__ = ["Partition", "Profile", "ProfileError"]
