"""
    Torc

Julia client for the torc workflow service. `Torc.APIClient` is generated from
openapi/torc.yaml (never edit `src/api/`); this module adds the helpers the user guide uses:
`make_api`, `send_api_command`, `add_jobs`, `iter_documents`, `map_function_to_jobs`,
`process_mapped_function_cli_args` and `get_user`.

    using Torc
    import Torc: APIClient

    api = make_api("http://localhost:8080/torc-service/v1")
    workflow = send_api_command(api, APIClient.create_workflow,
                                APIClient.WorkflowModel(; name = "demo", user = get_user()))
"""
module Torc

include("api/APIClient.jl")

import Base64
import OpenAPI
import .APIClient

export APIClient
export TorcApiError
export make_api, send_api_command, add_jobs, iter_documents, get_user
export map_function_to_jobs, process_mapped_function_cli_args

"The server takes at most this many jobs in one `create_jobs` request."
const MAX_JOBS_PER_REQUEST = 10_000

"""
    TorcApiError(status, message, operation)

An API call failed: the server refused it (`status` 4xx/5xx, `message` from the server's
`{"error": {"message": ...}}`), or no answer came (`status` is `nothing`).
"""
struct TorcApiError <: Exception
    status::Union{Int,Nothing}
    message::String
    operation::String
end

function Base.showerror(io::IO, err::TorcApiError)
    if err.status === nothing
        print(io, "TorcApiError: ", err.operation, ": ", err.message)
    else
        print(io, "TorcApiError: ", err.operation, ": HTTP ", err.status, ": ", err.message)
    end
end

"""
    make_api(url; username = ENV["TORC_USERNAME"], password = ENV["TORC_PASSWORD"])

Connect to a torc server: a `APIClient.DefaultApi` for the API base URL, such as
`http://localhost:8080/torc-service/v1`. With a user name, every request carries HTTP Basic
credentials.
"""
function make_api(
    url::AbstractString;
    username::Union{AbstractString,Nothing} = get(ENV, "TORC_USERNAME", nothing),
    password::Union{AbstractString,Nothing} = get(ENV, "TORC_PASSWORD", nothing),
)
    if !startswith(url, "http://") && !startswith(url, "https://")
        throw(ArgumentError("url must start with http:// or https://, got $(repr(url))"))
    end
    headers = Dict{String,String}()
    if username !== nothing && !isempty(username)
        secret = something(password, "")
        headers["Authorization"] = "Basic " * Base64.base64encode("$(username):$(secret)")
    end
    client = OpenAPI.Clients.Client(rstrip(url, '/'); headers = headers)
    return APIClient.DefaultApi(client)
end

function _server_message(data, fallback::AbstractString)
    if data isa APIClient.DefaultErrorResponse && data.error !== nothing
        message = data.error.message
        message !== nothing && return String(message)
    end
    return String(fallback)
end

"""
    send_api_command(api, func, args...; kwargs...)

Call one generated operation, `func(api, args...; kwargs...)`, and answer its data; throw a
`TorcApiError` with the server's message when the status is not 200 or no answer came.
"""
function send_api_command(api::APIClient.DefaultApi, func, args...; kwargs...)
    name = string(nameof(func))
    local data, response
    try
        data, response = func(api, args...; kwargs...)
    catch err
        if err isa OpenAPI.Clients.ApiException
            # OpenAPI.jl reports a failed connection with status 0
            throw(TorcApiError(err.status == 0 ? nothing : err.status, err.reason, name))
        end
        rethrow()
    end
    if response.status != 200
        throw(TorcApiError(response.status, _server_message(data, "HTTP $(response.status)"), name))
    end
    return data
end

"""
    iter_documents(api, func, args...; page_size = 1000, kwargs...)

Every record of a paged list operation (`APIClient.list_jobs`, ...), page after page, in a
`Vector`: `iter_documents(api, APIClient.list_jobs, workflow_id; status = "ready")`.
"""
function iter_documents(api::APIClient.DefaultApi, func, args...; page_size::Int = 1000, kwargs...)
    1 <= page_size <= MAX_JOBS_PER_REQUEST || throw(ArgumentError("page_size must be 1 to 10000"))
    records = Any[]
    offset = 0
    while true
        page = send_api_command(api, func, args...; offset = offset, limit = page_size, kwargs...)
        items = something(page.items, Any[])
        append!(records, items)
        page.has_more === true || break
        step = page.count === nothing ? length(items) : page.count
        step > 0 || throw(TorcApiError(200, "an empty page with has_more set", string(nameof(func))))
        offset += step
    end
    return records
end

"""
    add_jobs(api, workflow_id, jobs; max_transfer_size = 10_000)

Create `jobs` (`APIClient.JobModel`s) in as few `create_jobs` requests as the server allows;
answers the created jobs, with their ids, in the order given.
"""
function add_jobs(api::APIClient.DefaultApi, workflow_id::Integer, jobs; max_transfer_size::Int = MAX_JOBS_PER_REQUEST)
    1 <= max_transfer_size <= MAX_JOBS_PER_REQUEST ||
        throw(ArgumentError("max_transfer_size must be 1 to $(MAX_JOBS_PER_REQUEST)"))
    created = APIClient.JobModel[]
    batch = APIClient.JobModel[]
    function send!()
        answer = send_api_command(api, APIClient.create_jobs, APIClient.JobsModel(; jobs = copy(batch)))
        append!(created, answer.jobs)
        empty!(batch)
    end
    for job in jobs
        job.workflow_id == workflow_id ||
            throw(ArgumentError("job $(job.name) belongs to workflow $(job.workflow_id), not $(workflow_id)"))
        push!(batch, job)
        length(batch) == max_transfer_size && send!()
    end
    isempty(batch) || send!()
    return created
end

"The name of the user running this process (for `WorkflowModel.user`)."
function get_user()
    key = Sys.iswindows() ? "USERNAME" : "USER"
    return get(ENV, key, "unknown")
end

include("map_function.jl")

end # module Torc
