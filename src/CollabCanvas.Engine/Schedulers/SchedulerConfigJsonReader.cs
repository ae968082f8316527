using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace CollabCanvas.Engine.Schedulers;

/// <summary>Maps the snake_case keys of a diffusers scheduler config onto <see cref="SchedulerConfig"/>.</summary>
internal static class SchedulerConfigJsonReader
{
    private delegate SchedulerConfig Setter(SchedulerConfig config, JsonProperty property);

    // One entry per diffusers option: its snake_case key and how it lands on the record.
    private static readonly FrozenDictionary<string, Setter> Setters = new Dictionary<string, Setter>
    {
        ["_class_name"] = (c, p) => c with { ClassName = String(p) },
        ["num_train_timesteps"] = (c, p) => c with { NumTrainTimesteps = Int(p) },
        ["beta_start"] = (c, p) => c with { BetaStart = Number(p) },
        ["beta_end"] = (c, p) => c with { BetaEnd = Number(p) },
        ["beta_schedule"] = (c, p) => c with { BetaSchedule = String(p) },
        ["trained_betas"] = (c, p) => c with { TrainedBetas = NumberList(p) },
        ["prediction_type"] = (c, p) => c with { PredictionType = String(p) },
        ["timestep_spacing"] = (c, p) => c with { TimestepSpacing = String(p) },
        ["steps_offset"] = (c, p) => c with { StepsOffset = Int(p) },
        ["rescale_betas_zero_snr"] = (c, p) => c with { RescaleBetasZeroSnr = Bool(p) },
        ["clip_sample"] = (c, p) => c with { ClipSample = Bool(p) },
        ["clip_sample_range"] = (c, p) => c with { ClipSampleRange = Number(p) },
        ["set_alpha_to_one"] = (c, p) => c with { SetAlphaToOne = Bool(p) },
        ["thresholding"] = (c, p) => c with { Thresholding = Bool(p) },
        ["dynamic_thresholding_ratio"] = (c, p) => c with { DynamicThresholdingRatio = Number(p) },
        ["sample_max_value"] = (c, p) => c with { SampleMaxValue = Number(p) },
        ["variance_type"] = (c, p) => c with { VarianceType = String(p) },
        ["skip_prk_steps"] = (c, p) => c with { SkipPrkSteps = Bool(p) },
        ["interpolation_type"] = (c, p) => c with { InterpolationType = String(p) },
        ["use_karras_sigmas"] = (c, p) => c with { UseKarrasSigmas = Bool(p) },
        ["use_exponential_sigmas"] = (c, p) => c with { UseExponentialSigmas = Bool(p) },
        ["use_beta_sigmas"] = (c, p) => c with { UseBetaSigmas = Bool(p) },
        ["sigma_min"] = (c, p) => c with { SigmaMin = Number(p) },
        ["sigma_max"] = (c, p) => c with { SigmaMax = Number(p) },
        ["timestep_type"] = (c, p) => c with { TimestepType = String(p) },
        ["final_sigmas_type"] = (c, p) => c with { FinalSigmasType = String(p) },
        ["solver_order"] = (c, p) => c with { SolverOrder = Int(p) },
        ["algorithm_type"] = (c, p) => c with { AlgorithmType = String(p) },
        ["solver_type"] = (c, p) => c with { SolverType = String(p) },
        ["lower_order_final"] = (c, p) => c with { LowerOrderFinal = Bool(p) },
        ["euler_at_final"] = (c, p) => c with { EulerAtFinal = Bool(p) },
        ["use_lu_lambdas"] = (c, p) => c with { UseLuLambdas = Bool(p) },
        ["use_flow_sigmas"] = (c, p) => c with { UseFlowSigmas = Bool(p) },
        ["flow_shift"] = (c, p) => c with { FlowShift = Number(p) },
        ["lambda_min_clipped"] = (c, p) => c with { LambdaMinClipped = Number(p) },
        ["use_dynamic_shifting"] = (c, p) => c with { UseDynamicShifting = Bool(p) },
        ["time_shift_type"] = (c, p) => c with { TimeShiftType = String(p) },
        ["original_inference_steps"] = (c, p) => c with { OriginalInferenceSteps = Int(p) },
        ["timestep_scaling"] = (c, p) => c with { TimestepScaling = Number(p) },
    }.ToFrozenDictionary();

    public static SchedulerConfig Read(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new SchedulerConfigException("A scheduler config must be a JSON object");
        }

        var config = new SchedulerConfig();
        var unrecognized = new List<string>();
        foreach (var property in json.EnumerateObject())
        {
            if (Setters.TryGetValue(property.Name, out var set))
            {
                config = set(config, property);
            }
            else if (!property.Name.StartsWith('_'))
            {
                unrecognized.Add(property.Name);
            }
        }

        return config with { UnrecognizedKeys = unrecognized };
    }

    private static string? String(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => p.Value.GetString(),
        _ => throw WrongType(p, "a string"),
    };

    private static bool? Bool(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw WrongType(p, "true or false"),
    };

    private static int? Int(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Number when p.Value.TryGetInt32(out var i) => i,
        _ => throw WrongType(p, "an integer"),
    };

    private static double? Number(JsonProperty p) => p.Value.ValueKind == JsonValueKind.Null ? null : Number(p, p.Value);

    private static double Number(JsonProperty p, JsonElement value)
    {
        // Python's json writes infinities as bare Infinity; the vectors and some tools quote them.
        if (value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw WrongType(p, "a number");
    }

    private static IReadOnlyList<double>? NumberList(JsonProperty p) => p.Value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Array => p.Value.EnumerateArray().Select(v => Number(p, v)).ToArray(),
        _ => throw WrongType(p, "a list of numbers"),
    };

    private static SchedulerConfigException WrongType(JsonProperty p, string expected) =>
        new($"Scheduler option '{p.Name}' should be {expected}, not {p.Value.GetRawText()}");
}
