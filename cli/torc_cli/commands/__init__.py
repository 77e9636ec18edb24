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

MODULE_OF: dict[str, tuple[str, ...]] = {
    **{"workflows": ("workflows", "submit_slurm"), "create": ("shortcuts",)},
    **{"run": ("run",), "exec": ("run",), "reports": ("reports",), "plot-resources": ("plot",)},
    **{"config": ("config",), "submit": ("submit",), "compute-nodes": ("compute_nodes",)},
    **{"files": ("files",), "jobs": ("jobs",), "job-dependencies": ("job_dependencies",)},
    **{"resource-requirements": ("resource_requirements",), "events": ("events",)},
    **{"results": ("results",), "user-data": ("user_data",), "slurm": ("slurm",)},
    **{"hpc": ("hpc",), "submit-slurm": ("submit_slurm",), "tui": ("tui",)},
    **{"access-groups": ("access_groups",)},
}
"""The modules among GROUPS that make each command (`submit_slurm` adds `workflows
create-slurm`): a command named on the command line has only its modules imported (all of them
take a tenth of a second: every command's imports, rich's tables among them). `completions` is
not here: it describes every command. A test checks that each command's tree is the same with
only its modules as with all of them."""
