# The user guide's "Using the Julia API" example: a workflow with one resource requirement and one
# job. Run with `julia --project=sdk/julia/Torc sdk/julia/Torc/examples/create_workflow.jl`.
using Torc
import Torc: APIClient

# Connect to the server
api = make_api(get(ENV, "TORC_API_URL", "http://localhost:8080/torc-service/v1"))

# Create workflow
workflow = send_api_command(
    api,
    APIClient.create_workflow,
    APIClient.WorkflowModel(;
        name = "my_workflow",
        user = get_user(),
        description = "Programmatically created workflow",
    ),
)

# Add resource requirements
rr = send_api_command(
    api,
    APIClient.create_resource_requirements,
    APIClient.ResourceRequirementsModel(;
        workflow_id = workflow.id,
        name = "small",
        num_cpus = 1,
        memory = "1g",
        runtime = "PT10M",
    ),
)

# Add jobs
send_api_command(
    api,
    APIClient.create_job,
    APIClient.JobModel(;
        workflow_id = workflow.id,
        name = "job1",
        command = "echo 'Hello World'",
        resource_requirements_id = rr.id,
    ),
)

println("Created workflow $(workflow.id)")
