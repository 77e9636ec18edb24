"""The command groups of `torc`; each module defines one `App` named after its group."""

GROUPS: list[str] = ["workflows", "run"]
