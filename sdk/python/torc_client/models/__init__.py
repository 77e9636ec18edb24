"""Contains all the data models used in inputs/outputs.

Each model's module is imported when the model is first used (PEP 562), so that importing one
operation does not import all of them.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .access_check_response import AccessCheckResponse
    from .access_group_model import AccessGroupModel
    from .cancel_workflow_body import CancelWorkflowBody
    from .claim_action_request import ClaimActionRequest
    from .claim_action_response import ClaimActionResponse
    from .claim_jobs_based_on_resources_response import (
        ClaimJobsBasedOnResourcesResponse,
    )
    from .claim_next_jobs_body import ClaimNextJobsBody
    from .claim_next_jobs_response import ClaimNextJobsResponse
    from .claim_request import ClaimRequest
    from .complete_jobs_request import CompleteJobsRequest
    from .compute_node_model import ComputeNodeModel
    from .compute_node_model_scheduler import ComputeNodeModelScheduler
    from .compute_node_schedule import ComputeNodeSchedule
    from .compute_nodes_resources import ComputeNodesResources
    from .count_response import CountResponse
    from .create_jobs_response import CreateJobsResponse
    from .create_workflow_from_spec_response import CreateWorkflowFromSpecResponse
    from .default_error_response import DefaultErrorResponse
    from .default_error_response_error import DefaultErrorResponseError
    from .delete_access_group_body import DeleteAccessGroupBody
    from .delete_all_user_data_body import DeleteAllUserDataBody
    from .delete_all_user_data_response import DeleteAllUserDataResponse
    from .delete_compute_node_body import DeleteComputeNodeBody
    from .delete_compute_nodes_body import DeleteComputeNodesBody
    from .delete_event_body import DeleteEventBody
    from .delete_events_body import DeleteEventsBody
    from .delete_failure_handler_body import DeleteFailureHandlerBody
    from .delete_file_body import DeleteFileBody
    from .delete_files_body import DeleteFilesBody
    from .delete_files_response import DeleteFilesResponse
    from .delete_job_body import DeleteJobBody
    from .delete_jobs_body import DeleteJobsBody
    from .delete_local_scheduler_body import DeleteLocalSchedulerBody
    from .delete_local_schedulers_body import DeleteLocalSchedulersBody
    from .delete_resource_requirement_body import DeleteResourceRequirementBody
    from .delete_resource_requirements_body import DeleteResourceRequirementsBody
    from .delete_result_body import DeleteResultBody
    from .delete_results_body import DeleteResultsBody
    from .delete_scheduled_compute_node_body import DeleteScheduledComputeNodeBody
    from .delete_scheduled_compute_nodes_body import DeleteScheduledComputeNodesBody
    from .delete_slurm_scheduler_body import DeleteSlurmSchedulerBody
    from .delete_slurm_schedulers_body import DeleteSlurmSchedulersBody
    from .delete_user_data_body import DeleteUserDataBody
    from .delete_workflow_body import DeleteWorkflowBody
    from .dot_graph_response import DotGraphResponse
    from .event_model import EventModel
    from .event_model_data import EventModelData
    from .failure_handler_model import FailureHandlerModel
    from .failure_handler_spec_model import FailureHandlerSpecModel
    from .failure_handler_spec_model_rules_item import FailureHandlerSpecModelRulesItem
    from .file_model import FileModel
    from .file_spec_model import FileSpecModel
    from .forbidden_error_response import ForbiddenErrorResponse
    from .forbidden_error_response_error import ForbiddenErrorResponseError
    from .get_ready_job_requirements_response import GetReadyJobRequirementsResponse
    from .health_response import HealthResponse
    from .health_response_status import HealthResponseStatus
    from .initialize_jobs_body import InitializeJobsBody
    from .is_complete_response import IsCompleteResponse
    from .is_uninitialized_response import IsUninitializedResponse
    from .job_completion import JobCompletion
    from .job_dependency_model import JobDependencyModel
    from .job_file_relationship_model import JobFileRelationshipModel
    from .job_model import JobModel
    from .job_spec_model import JobSpecModel
    from .job_status import JobStatus
    from .job_user_data_relationship_model import JobUserDataRelationshipModel
    from .jobs_model import JobsModel
    from .jobs_response import JobsResponse
    from .jobs_sort_method import JobsSortMethod
    from .latest_event_timestamp_response import LatestEventTimestampResponse
    from .list_access_groups_response import ListAccessGroupsResponse
    from .list_compute_nodes_response import ListComputeNodesResponse
    from .list_compute_nodes_sort_by import ListComputeNodesSortBy
    from .list_events_response import ListEventsResponse
    from .list_events_sort_by import ListEventsSortBy
    from .list_failure_handlers_response import ListFailureHandlersResponse
    from .list_files_response import ListFilesResponse
    from .list_files_sort_by import ListFilesSortBy
    from .list_job_dependencies_response import ListJobDependenciesResponse
    from .list_job_file_relationships_response import ListJobFileRelationshipsResponse
    from .list_job_ids_response import ListJobIdsResponse
    from .list_job_user_data_relationships_response import (
        ListJobUserDataRelationshipsResponse,
    )
    from .list_jobs_response import ListJobsResponse
    from .list_jobs_sort_by import ListJobsSortBy
    from .list_local_schedulers_response import ListLocalSchedulersResponse
    from .list_local_schedulers_sort_by import ListLocalSchedulersSortBy
    from .list_missing_user_data_response import ListMissingUserDataResponse
    from .list_required_existing_files_response import ListRequiredExistingFilesResponse
    from .list_resource_requirements_response import ListResourceRequirementsResponse
    from .list_resource_requirements_sort_by import ListResourceRequirementsSortBy
    from .list_results_response import ListResultsResponse
    from .list_results_sort_by import ListResultsSortBy
    from .list_scheduled_compute_nodes_response import ListScheduledComputeNodesResponse
    from .list_scheduled_compute_nodes_sort_by import ListScheduledComputeNodesSortBy
    from .list_slurm_schedulers_response import ListSlurmSchedulersResponse
    from .list_slurm_schedulers_sort_by import ListSlurmSchedulersSortBy
    from .list_user_data_response import ListUserDataResponse
    from .list_user_data_sort_by import ListUserDataSortBy
    from .list_user_group_memberships_response import ListUserGroupMembershipsResponse
    from .list_workflows_response import ListWorkflowsResponse
    from .list_workflows_sort_by import ListWorkflowsSortBy
    from .local_scheduler_model import LocalSchedulerModel
    from .local_scheduler_spec_model import LocalSchedulerSpecModel
    from .manage_status_change_body import ManageStatusChangeBody
    from .message_response import MessageResponse
    from .not_found_error_response import NotFoundErrorResponse
    from .not_found_error_response_error import NotFoundErrorResponseError
    from .ping_response import PingResponse
    from .process_changed_job_inputs_body import ProcessChangedJobInputsBody
    from .process_changed_job_inputs_response import ProcessChangedJobInputsResponse
    from .release_compute_node_jobs_request import ReleaseComputeNodeJobsRequest
    from .remote_worker_model import RemoteWorkerModel
    from .remove_user_from_group_body import RemoveUserFromGroupBody
    from .remove_workflow_from_group_body import RemoveWorkflowFromGroupBody
    from .reset_job_status_body import ResetJobStatusBody
    from .reset_job_status_response import ResetJobStatusResponse
    from .reset_workflow_status_body import ResetWorkflowStatusBody
    from .resource_requirements_model import ResourceRequirementsModel
    from .resource_requirements_spec_model import ResourceRequirementsSpecModel
    from .result_model import ResultModel
    from .retry_job_body import RetryJobBody
    from .scheduled_compute_nodes_model import ScheduledComputeNodesModel
    from .slurm_scheduler_model import SlurmSchedulerModel
    from .slurm_scheduler_spec_model import SlurmSchedulerSpecModel
    from .start_job_body import StartJobBody
    from .start_jobs_request import StartJobsRequest
    from .stream_workflow_events_level import StreamWorkflowEventsLevel
    from .user_data_model import UserDataModel
    from .user_data_spec_model import UserDataSpecModel
    from .user_group_membership_model import UserGroupMembershipModel
    from .workflow_access_group_model import WorkflowAccessGroupModel
    from .workflow_action_model import WorkflowActionModel
    from .workflow_action_model_action_config import WorkflowActionModelActionConfig
    from .workflow_action_spec_model import WorkflowActionSpecModel
    from .workflow_action_spec_model_action_config import (
        WorkflowActionSpecModelActionConfig,
    )
    from .workflow_model import WorkflowModel
    from .workflow_spec_model import WorkflowSpecModel
    from .workflow_status_model import WorkflowStatusModel

_MODULES = {
    "AccessCheckResponse": ".access_check_response",
    "AccessGroupModel": ".access_group_model",
    "CancelWorkflowBody": ".cancel_workflow_body",
    "ClaimActionRequest": ".claim_action_request",
    "ClaimActionResponse": ".claim_action_response",
    "ClaimJobsBasedOnResourcesResponse": ".claim_jobs_based_on_resources_response",
    "ClaimNextJobsBody": ".claim_next_jobs_body",
    "ClaimNextJobsResponse": ".claim_next_jobs_response",
    "ClaimRequest": ".claim_request",
    "CompleteJobsRequest": ".complete_jobs_request",
    "ComputeNodeModel": ".compute_node_model",
    "ComputeNodeModelScheduler": ".compute_node_model_scheduler",
    "ComputeNodeSchedule": ".compute_node_schedule",
    "ComputeNodesResources": ".compute_nodes_resources",
    "CountResponse": ".count_response",
    "CreateJobsResponse": ".create_jobs_response",
    "CreateWorkflowFromSpecResponse": ".create_workflow_from_spec_response",
    "DefaultErrorResponse": ".default_error_response",
    "DefaultErrorResponseError": ".default_error_response_error",
    "DeleteAccessGroupBody": ".delete_access_group_body",
    "DeleteAllUserDataBody": ".delete_all_user_data_body",
    "DeleteAllUserDataResponse": ".delete_all_user_data_response",
    "DeleteComputeNodeBody": ".delete_compute_node_body",
    "DeleteComputeNodesBody": ".delete_compute_nodes_body",
    "DeleteEventBody": ".delete_event_body",
    "DeleteEventsBody": ".delete_events_body",
    "DeleteFailureHandlerBody": ".delete_failure_handler_body",
    "DeleteFileBody": ".delete_file_body",
    "DeleteFilesBody": ".delete_files_body",
    "DeleteFilesResponse": ".delete_files_response",
    "DeleteJobBody": ".delete_job_body",
    "DeleteJobsBody": ".delete_jobs_body",
    "DeleteLocalSchedulerBody": ".delete_local_scheduler_body",
    "DeleteLocalSchedulersBody": ".delete_local_schedulers_body",
    "DeleteResourceRequirementBody": ".delete_resource_requirement_body",
    "DeleteResourceRequirementsBody": ".delete_resource_requirements_body",
    "DeleteResultBody": ".delete_result_body",
    "DeleteResultsBody": ".delete_results_body",
    "DeleteScheduledComputeNodeBody": ".delete_scheduled_compute_node_body",
    "DeleteScheduledComputeNodesBody": ".delete_scheduled_compute_nodes_body",
    "DeleteSlurmSchedulerBody": ".delete_slurm_scheduler_body",
    "DeleteSlurmSchedulersBody": ".delete_slurm_schedulers_body",
    "DeleteUserDataBody": ".delete_user_data_body",
    "DeleteWorkflowBody": ".delete_workflow_body",
    "DotGraphResponse": ".dot_graph_response",
    "EventModel": ".event_model",
    "EventModelData": ".event_model_data",
    "FailureHandlerModel": ".failure_handler_model",
    "FailureHandlerSpecModel": ".failure_handler_spec_model",
    "FailureHandlerSpecModelRulesItem": ".failure_handler_spec_model_rules_item",
    "FileModel": ".file_model",
    "FileSpecModel": ".file_spec_model",
    "ForbiddenErrorResponse": ".forbidden_error_response",
    "ForbiddenErrorResponseError": ".forbidden_error_response_error",
    "GetReadyJobRequirementsResponse": ".get_ready_job_requirements_response",
    "HealthResponse": ".health_response",
    "HealthResponseStatus": ".health_response_status",
    "InitializeJobsBody": ".initialize_jobs_body",
    "IsCompleteResponse": ".is_complete_response",
    "IsUninitializedResponse": ".is_uninitialized_response",
    "JobCompletion": ".job_completion",
    "JobDependencyModel": ".job_dependency_model",
    "JobFileRelationshipModel": ".job_file_relationship_model",
    "JobModel": ".job_model",
    "JobSpecModel": ".job_spec_model",
    "JobStatus": ".job_status",
    "JobUserDataRelationshipModel": ".job_user_data_relationship_model",
    "JobsModel": ".jobs_model",
    "JobsResponse": ".jobs_response",
    "JobsSortMethod": ".jobs_sort_method",
    "LatestEventTimestampResponse": ".latest_event_timestamp_response",
    "ListAccessGroupsResponse": ".list_access_groups_response",
    "ListComputeNodesResponse": ".list_compute_nodes_response",
    "ListComputeNodesSortBy": ".list_compute_nodes_sort_by",
    "ListEventsResponse": ".list_events_response",
    "ListEventsSortBy": ".list_events_sort_by",
    "ListFailureHandlersResponse": ".list_failure_handlers_response",
    "ListFilesResponse": ".list_files_response",
    "ListFilesSortBy": ".list_files_sort_by",
    "ListJobDependenciesResponse": ".list_job_dependencies_response",
    "ListJobFileRelationshipsResponse": ".list_job_file_relationships_response",
    "ListJobIdsResponse": ".list_job_ids_response",
    "ListJobUserDataRelationshipsResponse": ".list_job_user_data_relationships_response",
    "ListJobsResponse": ".list_jobs_response",
    "ListJobsSortBy": ".list_jobs_sort_by",
    "ListLocalSchedulersResponse": ".list_local_schedulers_response",
    "ListLocalSchedulersSortBy": ".list_local_schedulers_sort_by",
    "ListMissingUserDataResponse": ".list_missing_user_data_response",
    "ListRequiredExistingFilesResponse": ".list_required_existing_files_response",
    "ListResourceRequirementsResponse": ".list_resource_requirements_response",
    "ListResourceRequirementsSortBy": ".list_resource_requirements_sort_by",
    "ListResultsResponse": ".list_results_response",
    "ListResultsSortBy": ".list_results_sort_by",
    "ListScheduledComputeNodesResponse": ".list_scheduled_compute_nodes_response",
    "ListScheduledComputeNodesSortBy": ".list_scheduled_compute_nodes_sort_by",
    "ListSlurmSchedulersResponse": ".list_slurm_schedulers_response",
    "ListSlurmSchedulersSortBy": ".list_slurm_schedulers_sort_by",
    "ListUserDataResponse": ".list_user_data_response",
    "ListUserDataSortBy": ".list_user_data_sort_by",
    "ListUserGroupMembershipsResponse": ".list_user_group_memberships_response",
    "ListWorkflowsResponse": ".list_workflows_response",
    "ListWorkflowsSortBy": ".list_workflows_sort_by",
    "LocalSchedulerModel": ".local_scheduler_model",
    "LocalSchedulerSpecModel": ".local_scheduler_spec_model",
    "ManageStatusChangeBody": ".manage_status_change_body",
    "MessageResponse": ".message_response",
    "NotFoundErrorResponse": ".not_found_error_response",
    "NotFoundErrorResponseError": ".not_found_error_response_error",
    "PingResponse": ".ping_response",
    "ProcessChangedJobInputsBody": ".process_changed_job_inputs_body",
    "ProcessChangedJobInputsResponse": ".process_changed_job_inputs_response",
    "ReleaseComputeNodeJobsRequest": ".release_compute_node_jobs_request",
    "RemoteWorkerModel": ".remote_worker_model",
    "RemoveUserFromGroupBody": ".remove_user_from_group_body",
    "RemoveWorkflowFromGroupBody": ".remove_workflow_from_group_body",
    "ResetJobStatusBody": ".reset_job_status_body",
    "ResetJobStatusResponse": ".reset_job_status_response",
    "ResetWorkflowStatusBody": ".reset_workflow_status_body",
    "ResourceRequirementsModel": ".resource_requirements_model",
    "ResourceRequirementsSpecModel": ".resource_requirements_spec_model",
    "ResultModel": ".result_model",
    "RetryJobBody": ".retry_job_body",
    "ScheduledComputeNodesModel": ".scheduled_compute_nodes_model",
    "SlurmSchedulerModel": ".slurm_scheduler_model",
    "SlurmSchedulerSpecModel": ".slurm_scheduler_spec_model",
    "StartJobBody": ".start_job_body",
    "StartJobsRequest": ".start_jobs_request",
    "StreamWorkflowEventsLevel": ".stream_workflow_events_level",
    "UserDataModel": ".user_data_model",
    "UserDataSpecModel": ".user_data_spec_model",
    "UserGroupMembershipModel": ".user_group_membership_model",
    "WorkflowAccessGroupModel": ".workflow_access_group_model",
    "WorkflowActionModel": ".workflow_action_model",
    "WorkflowActionModelActionConfig": ".workflow_action_model_action_config",
    "WorkflowActionSpecModel": ".workflow_action_spec_model",
    "WorkflowActionSpecModelActionConfig": ".workflow_action_spec_model_action_config",
    "WorkflowModel": ".workflow_model",
    "WorkflowSpecModel": ".workflow_spec_model",
    "WorkflowStatusModel": ".workflow_status_model",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})


__all__ = (
    "AccessCheckResponse",
    "AccessGroupModel",
    "CancelWorkflowBody",
    "ClaimActionRequest",
    "ClaimActionResponse",
    "ClaimJobsBasedOnResourcesResponse",
    "ClaimNextJobsBody",
    "ClaimNextJobsResponse",
    "ClaimRequest",
    "CompleteJobsRequest",
    "ComputeNodeModel",
    "ComputeNodeModelScheduler",
    "ComputeNodeSchedule",
    "ComputeNodesResources",
    "CountResponse",
    "CreateJobsResponse",
    "CreateWorkflowFromSpecResponse",
    "DefaultErrorResponse",
    "DefaultErrorResponseError",
    "DeleteAccessGroupBody",
    "DeleteAllUserDataBody",
    "DeleteAllUserDataResponse",
    "DeleteComputeNodeBody",
    "DeleteComputeNodesBody",
    "DeleteEventBody",
    "DeleteEventsBody",
    "DeleteFailureHandlerBody",
    "DeleteFileBody",
    "DeleteFilesBody",
    "DeleteFilesResponse",
    "DeleteJobBody",
    "DeleteJobsBody",
    "DeleteLocalSchedulerBody",
    "DeleteLocalSchedulersBody",
    "DeleteResourceRequirementBody",
    "DeleteResourceRequirementsBody",
    "DeleteResultBody",
    "DeleteResultsBody",
    "DeleteScheduledComputeNodeBody",
    "DeleteScheduledComputeNodesBody",
    "DeleteSlurmSchedulerBody",
    "DeleteSlurmSchedulersBody",
    "DeleteUserDataBody",
    "DeleteWorkflowBody",
    "DotGraphResponse",
    "EventModel",
    "EventModelData",
    "FailureHandlerModel",
    "FailureHandlerSpecModel",
    "FailureHandlerSpecModelRulesItem",
    "FileModel",
    "FileSpecModel",
    "ForbiddenErrorResponse",
    "ForbiddenErrorResponseError",
    "GetReadyJobRequirementsResponse",
    "HealthResponse",
    "HealthResponseStatus",
    "InitializeJobsBody",
    "IsCompleteResponse",
    "IsUninitializedResponse",
    "JobCompletion",
    "JobDependencyModel",
    "JobFileRelationshipModel",
    "JobModel",
    "JobSpecModel",
    "JobStatus",
    "JobUserDataRelationshipModel",
    "JobsModel",
    "JobsResponse",
    "JobsSortMethod",
    "LatestEventTimestampResponse",
    "ListAccessGroupsResponse",
    "ListComputeNodesResponse",
    "ListComputeNodesSortBy",
    "ListEventsResponse",
    "ListEventsSortBy",
    "ListFailureHandlersResponse",
    "ListFilesResponse",
    "ListFilesSortBy",
    "ListJobDependenciesResponse",
    "ListJobFileRelationshipsResponse",
    "ListJobIdsResponse",
    "ListJobUserDataRelationshipsResponse",
    "ListJobsResponse",
    "ListJobsSortBy",
    "ListLocalSchedulersResponse",
    "ListLocalSchedulersSortBy",
    "ListMissingUserDataResponse",
    "ListRequiredExistingFilesResponse",
    "ListResourceRequirementsResponse",
    "ListResourceRequirementsSortBy",
    "ListResultsResponse",
    "ListResultsSortBy",
    "ListScheduledComputeNodesResponse",
    "ListScheduledComputeNodesSortBy",
    "ListSlurmSchedulersResponse",
    "ListSlurmSchedulersSortBy",
    "ListUserDataResponse",
    "ListUserDataSortBy",
    "ListUserGroupMembershipsResponse",
    "ListWorkflowsResponse",
    "ListWorkflowsSortBy",
    "LocalSchedulerModel",
    "LocalSchedulerSpecModel",
    "ManageStatusChangeBody",
    "MessageResponse",
    "NotFoundErrorResponse",
    "NotFoundErrorResponseError",
    "PingResponse",
    "ProcessChangedJobInputsBody",
    "ProcessChangedJobInputsResponse",
    "ReleaseComputeNodeJobsRequest",
    "RemoteWorkerModel",
    "RemoveUserFromGroupBody",
    "RemoveWorkflowFromGroupBody",
    "ResetJobStatusBody",
    "ResetJobStatusResponse",
    "ResetWorkflowStatusBody",
    "ResourceRequirementsModel",
    "ResourceRequirementsSpecModel",
    "ResultModel",
    "RetryJobBody",
    "ScheduledComputeNodesModel",
    "SlurmSchedulerModel",
    "SlurmSchedulerSpecModel",
    "StartJobBody",
    "StartJobsRequest",
    "StreamWorkflowEventsLevel",
    "UserDataModel",
    "UserDataSpecModel",
    "UserGroupMembershipModel",
    "WorkflowAccessGroupModel",
    "WorkflowActionModel",
    "WorkflowActionModelActionConfig",
    "WorkflowActionSpecModel",
    "WorkflowActionSpecModelActionConfig",
    "WorkflowModel",
    "WorkflowSpecModel",
    "WorkflowStatusModel",
)
