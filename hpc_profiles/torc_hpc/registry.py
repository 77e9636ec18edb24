"""Every profile torc knows: the built-in ones, custom ones from `[client.hpc]` (a custom profile
with a built-in's name replaces it), overrides, and, when asked for `slurm` or when nothing else
matches this machine, the one `sinfo` describes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from torc_hpc import detect as detection
from torc_hpc.profiles import Profile, ProfileError, builtin_profiles, profile_from_config

SINFO_PROFILE = "slurm"
"""The name of the profile made from this machine's `sinfo` output."""


@dataclass
class Registry:
    profiles: list[Profile]

    @classmethod
    def load(cls, hpc_config: Mapping[str, Any] | None = None) -> Registry:
        """Built-in profiles, then `[client.hpc]`: `custom_profiles` and `profile_overrides`."""
        hpc_config = hpc_config or {}
        by_name = {p.name: p for p in builtin_profiles()}
        custom = [
            profile_from_config(name, data)
            for name, data in (hpc_config.get("custom_profiles") or {}).items()
        ]
        for profile in custom:
            by_name[profile.name] = profile
        # custom profiles first: a site's own description wins detection over a built-in one
        ordered = custom + [p for p in by_name.values() if p.source != "custom"]
        for name, overrides in (hpc_config.get("profile_overrides") or {}).items():
            ordered = [p.with_overrides(overrides) if p.name == name else p for p in ordered]
        return cls(ordered)

    @property
    def names(self) -> list[str]:
        return [p.name for p in self.profiles]

    def get(self, name: str) -> Profile:
        """A profile by name; `slurm` is this machine's cluster as `sinfo` describes it."""
        for profile in self.profiles:
            if profile.name == name:
                return profile
        if name == SINFO_PROFILE:
            from torc_hpc import sinfo

            return sinfo.profile()
        known = ", ".join([*self.names, SINFO_PROFILE])
        raise ProfileError(f"unknown HPC profile '{name}' (known: {known})")

    def detect(
        self,
        environ: Mapping[str, str] | None = None,
        hostname: str | None = None,
        *,
        use_sinfo: bool = True,
    ) -> Profile | None:
        """The profile of this machine: by environment or host name, else (with `use_sinfo`)
        from `sinfo` when Slurm's commands are here; None otherwise."""
        found = detection.detect(self.profiles, environ, hostname)
        if found is not None or not use_sinfo:
            return found
        from torc_hpc import sinfo

        if not sinfo.available():
            return None
        try:
            return sinfo.profile(timeout=10.0)  # detection should not keep a person waiting
        except ProfileError:
            return None
