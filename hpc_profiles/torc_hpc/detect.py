"""Telling which system this is: a profile's `NAME=value` environment pairs first (what sites
set on every node), then its host name patterns."""

from __future__ import annotations

import os
import re
import socket
from collections.abc import Iterable, Mapping

from torc_hpc.profiles import Profile


def matches_env(profile: Profile, environ: Mapping[str, str]) -> bool:
    for pair in profile.detect_env:
        name, _, value = pair.partition("=")
        if environ.get(name.strip()) == value.strip():
            return True
    return False


def matches_hostname(profile: Profile, hostname: str) -> bool:
    for pattern in profile.detect_hostname:
        try:
            if re.fullmatch(pattern, hostname):
                return True
        except re.error:
            continue  # a bad pattern in a custom profile identifies nothing
    return False


def detect(
    profiles: Iterable[Profile],
    environ: Mapping[str, str] | None = None,
    hostname: str | None = None,
) -> Profile | None:
    """The first profile whose environment pair is set, else the first whose host name pattern
    matches; None when no profile describes this machine."""
    environ = os.environ if environ is None else environ
    candidates = list(profiles)
    for profile in candidates:
        if matches_env(profile, environ):
            return profile
    hostname = socket.gethostname() if hostname is None else hostname
    names = {hostname, hostname.split(".")[0]}  # no DNS lookup: it can hang on a compute node
    for profile in candidates:
        if any(matches_hostname(profile, name) for name in names):
            return profile
    return None
