# Mapping a Julia function over sets of parameters, one torc job per set, with the same
# conventions as the Python package: each job calls `run(job_name, params)` and stores what it
# returns; an optional postprocess job calls `postprocess(results)` with every result, in order.
#
# The jobs run `julia [--project=P] SCRIPT run|postprocess`; the script ends with
# `process_mapped_function_cli_args(run, postprocess)`, which reads the job's user data from the
# server named by TORC_API_URL (set by torc for every job).

"A function that returns `nothing` stores `Dict(RETURN_KEY => nothing)` (a null record would count as not produced yet)."
const RETURN_KEY = "torc_return_value"

_input_name(job_name) = "input_$(job_name)"
_output_name(job_name) = "output_$(job_name)"

function _record(api, workflow_id, name, data)
    model = APIClient.UserDataModel(; workflow_id = workflow_id, name = name, data = data)
    return send_api_command(api, APIClient.create_user_data, model).id
end

"""
    map_function_to_jobs(api, workflow_id, script, params; kwargs...)

Create one job per element of `params` (each a `Dict`, stored as JSON) that runs
`julia SCRIPT run`; with `has_postprocess = true`, one more job that runs
`julia SCRIPT postprocess` after all of them. Keywords: `project_path` (passed as
`--project=`), `resource_requirements_id`, `scheduler_id`, `start_index = 1`, `name_prefix = ""`,
`depends_on_job_ids`. Answers the created jobs.
"""
function map_function_to_jobs(
    api::APIClient.DefaultApi,
    workflow_id::Integer,
    script::AbstractString,
    params::AbstractVector;
    project_path::Union{AbstractString,Nothing} = nothing,
    has_postprocess::Bool = false,
    resource_requirements_id::Union{Integer,Nothing} = nothing,
    scheduler_id::Union{Integer,Nothing} = nothing,
    start_index::Integer = 1,
    name_prefix::AbstractString = "",
    depends_on_job_ids::Union{AbstractVector{<:Integer},Nothing} = nothing,
)
    isfile(script) || throw(ArgumentError("$(script) does not exist"))
    path = abspath(script)
    project = project_path === nothing ? "" : " --project=$(abspath(project_path))"
    command = "julia$(project) $(path)"
    jobs = APIClient.JobModel[]
    result_ids = Int64[]
    for (offset, item) in enumerate(params)
        job_name = "$(name_prefix)$(start_index + offset - 1)"
        input = _record(api, workflow_id, _input_name(job_name),
                        Dict{String,Any}("params" => item, "job_name" => job_name))
        output = _record(api, workflow_id, _output_name(job_name), nothing)
        push!(result_ids, output)
        push!(jobs, APIClient.JobModel(;
            workflow_id = workflow_id,
            name = job_name,
            command = "$(command) run",
            input_user_data_ids = [input],
            output_user_data_ids = [output],
            resource_requirements_id = resource_requirements_id,
            scheduler_id = scheduler_id,
            depends_on_job_ids = depends_on_job_ids === nothing ? nothing : collect(Int64, depends_on_job_ids),
        ))
    end
    if has_postprocess
        job_name = "$(name_prefix)postprocess"
        input = _record(api, workflow_id, _input_name(job_name),
                        Dict{String,Any}("job_name" => job_name))
        output = _record(api, workflow_id, _output_name(job_name), nothing)
        push!(jobs, APIClient.JobModel(;
            workflow_id = workflow_id,
            name = job_name,
            command = "$(command) postprocess",
            input_user_data_ids = vcat([input], result_ids),
            output_user_data_ids = [output],
            resource_requirements_id = resource_requirements_id,
            scheduler_id = scheduler_id,
        ))
    end
    return add_jobs(api, workflow_id, jobs)
end

_to_record(value::AbstractDict) = Dict{String,Any}(string(k) => v for (k, v) in value)
_to_record(::Nothing) = Dict{String,Any}(RETURN_KEY => nothing)
_to_record(value) = value

function _from_record(data)
    if data isa AbstractDict && length(data) == 1 && haskey(data, RETURN_KEY)
        return data[RETURN_KEY]
    end
    return data
end

"""
    process_mapped_function_cli_args(run, postprocess = nothing)

The entry point of a script given to `map_function_to_jobs`: with the argument `run`, call
`run(job_name, params)` for this job; with `postprocess`, call `postprocess(results)`. The
return value is stored as the job's output user data.
"""
function process_mapped_function_cli_args(run::Function, postprocess::Union{Function,Nothing} = nothing)
    if length(ARGS) != 1 || !(ARGS[1] in ("run", "postprocess"))
        error("usage: julia $(PROGRAM_FILE) run|postprocess (called by torc jobs)")
    end
    for key in ("TORC_API_URL", "TORC_JOB_ID")
        haskey(ENV, key) || error("$(key) is not set: this script runs inside torc jobs")
    end
    api = make_api(ENV["TORC_API_URL"])
    job = send_api_command(api, APIClient.get_job, parse(Int64, ENV["TORC_JOB_ID"]))
    inputs = [send_api_command(api, APIClient.get_user_data, id) for id in job.input_user_data_ids]
    descriptor = only(filter(r -> r.name == _input_name(job.name), inputs))
    others = sort(filter(r -> r.name != _input_name(job.name), inputs); by = r -> r.id)
    if ARGS[1] == "run"
        result = run(descriptor.data["job_name"], descriptor.data["params"])
    else
        postprocess === nothing && error("this script defines no postprocess function")
        result = postprocess([_from_record(r.data) for r in others])
    end
    output = send_api_command(api, APIClient.get_user_data, only(job.output_user_data_ids))
    output.data = _to_record(result)
    send_api_command(api, APIClient.update_user_data, output.id, output)
    return result
end
