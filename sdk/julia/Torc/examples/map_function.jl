# Map `run` of simulation.jl over three sets of parameters, plus a postprocess job; then
# `torc run <workflow id>`.
using Torc
import Torc: APIClient

api = make_api(get(ENV, "TORC_API_URL", "http://localhost:8080/torc-service/v1"))
workflow = send_api_command(
    api,
    APIClient.create_workflow,
    APIClient.WorkflowModel(; name = "julia_map_function", user = get_user()),
)
params = [Dict("input1" => i, "input2" => 2i) for i in 1:3]
jobs = map_function_to_jobs(
    api,
    workflow.id,
    joinpath(@__DIR__, "simulation.jl"),
    params;
    project_path = joinpath(@__DIR__, ".."),
    has_postprocess = true,
)
println("Created workflow $(workflow.id) with $(length(jobs)) jobs")
