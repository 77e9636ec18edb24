"""The command groups of `torc`; each module defines one `App` named after its group."""

GROUPS: list[str] = [
    "workflows",
    "shortcuts",
    "run",
    "reports",
    "plot",
    "completions",
    "config",
    # resource commands
    "submit",
    "compute_nodes",
    "files",
    "jobs",
    "job_dependencies",
    "resource_requirements",
    "events",
    "results",
    "user_data",
    "slurm",
    "hpc",
    "submit_slurm",
    "access_groups",
    "tui",
]
