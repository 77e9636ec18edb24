"""Workflow specifications: read YAML, JSON, JSON5 and KDL files, expand their parameters,
validate them, plan their execution, and create them in one request.

    from torc import make_api
    from torc.spec import load_spec, validate, create_workflow_from_spec

    spec = load_spec("workflow.yaml")          # parse + expand; SpecError: "FILE:LINE: ..."
    report = validate(spec)                    # what --dry-run reports
    print(report.render())
    created = create_workflow_from_spec(make_api(url), "workflow.yaml")
    print(created.workflow.id)
"""

from torc.spec.create import create_workflow_from_spec, post_spec
from torc.spec.errors import Problem, SpecError
from torc.spec.model import Spec, load_spec
from torc.spec.plan import ExecutionPlan, PlanError, build_plan
from torc.spec.validate import Report, failed_report, validate

__all__ = [
    "ExecutionPlan",
    "PlanError",
    "Problem",
    "Report",
    "Spec",
    "SpecError",
    "build_plan",
    "create_workflow_from_spec",
    "failed_report",
    "load_spec",
    "post_spec",
    "validate",
]
