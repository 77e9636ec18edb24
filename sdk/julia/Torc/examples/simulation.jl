# The Julia side of "map a function": torc runs `julia simulation.jl run` for each set of
# parameters and `julia simulation.jl postprocess` once all are done.
using Torc

function run(job_name::AbstractString, params::AbstractDict)
    return Dict("inputs" => params, "result" => params["input1"] + params["input2"], "job" => job_name)
end

function postprocess(results::AbstractVector)
    return Dict("total" => sum(r["result"] for r in results), "count" => length(results))
end

if abspath(PROGRAM_FILE) == @__FILE__
    process_mapped_function_cli_args(run, postprocess)
end
