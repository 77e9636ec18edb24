"""Failure handlers: which rule applies to a failed job, and whether it may run again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Rule:
    exit_codes: tuple[int, ...]
    match_all_exit_codes: bool
    max_retries: int
    recovery_script: str | None


def parse_rules(encoded: str) -> list[Rule]:
    """The handler's `rules` (encoded JSON array); bad entries are skipped."""
    try:
        raw = json.loads(encoded)
    except ValueError:
        return []
    rules = []
    for item in raw if isinstance(raw, list) else []:
        if not isinstance(item, dict):
            continue
        rules.append(
            Rule(
                exit_codes=tuple(int(c) for c in item.get("exit_codes") or ()),
                match_all_exit_codes=bool(item.get("match_all_exit_codes", False)),
                max_retries=int(item.get("max_retries", 3)),
                recovery_script=item.get("recovery_script"),
            )
        )
    return rules


def matching_rule(rules: list[Rule], return_code: int) -> Rule | None:
    """The first rule listing the code, else the first that matches every code."""
    for rule in rules:
        if return_code in rule.exit_codes:
            return rule
    for rule in rules:
        if rule.match_all_exit_codes:
            return rule
    return None


def may_retry(rule: Rule, attempt_id: int) -> bool:
    """Attempts are numbered from 1 and `max_retries` caps the attempt number, as in Torc:
    with the default of 3 a job runs at most three times."""
    return attempt_id < rule.max_retries


def describe(rule: Rule) -> dict[str, Any]:
    return {
        "exit_codes": list(rule.exit_codes),
        "match_all_exit_codes": rule.match_all_exit_codes,
        "max_retries": rule.max_retries,
        "recovery_script": rule.recovery_script,
    }
