"""Creating workflows from specifications, as `torc.create_workflow_from_file` and
`torc.create_workflow_from_dict`.

    from torc import make_api, create_workflow_from_file

    created = create_workflow_from_file(make_api(url), "workflow.yaml")
    print(created.workflow.id, len(created.job_ids))
"""

from __future__ import annotations

import os
import pathlib
from collections.abc import Mapping
from typing import Any

from torc.spec import create_workflow_from_spec


def create_workflow_from_file(
    api: Any,
    path: str | os.PathLike[str],
    *,
    user: str | None = None,
    skip_checks: bool = False,
    resource_monitoring: bool = True,
) -> Any:
    """Create the workflow of a YAML, JSON, JSON5 or KDL file in one request.

    Returns the `CreateWorkflowFromSpecResponse` (`.workflow.id`, `.job_ids`, ...). Raises
    `torc.spec.SpecError` (`FILE:LINE: what is wrong`) for a specification with problems and
    `torc.ApiError` when the server refuses it.
    """
    return create_workflow_from_spec(
        api,
        pathlib.Path(path),
        user=user,
        skip_checks=skip_checks,
        resource_monitoring=resource_monitoring,
    )


def create_workflow_from_dict(
    api: Any,
    spec: Mapping[str, Any],
    *,
    user: str | None = None,
    skip_checks: bool = False,
    resource_monitoring: bool = True,
) -> Any:
    """Create a workflow from a specification given as a dict (the structure of the YAML
    format), expanding its parameters like a file's."""
    return create_workflow_from_spec(
        api,
        dict(spec),
        user=user,
        skip_checks=skip_checks,
        resource_monitoring=resource_monitoring,
    )
