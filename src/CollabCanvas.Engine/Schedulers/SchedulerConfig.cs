using System.Text.Json;

namespace CollabCanvas.Engine.Schedulers;

/// <summary>
/// The contents of a diffusers <c>scheduler_config.json</c>. Every option is nullable: null means "not in the file",
/// and each scheduler then uses its own diffusers class default (they differ, e.g. Euler spaces timesteps with
/// linspace by default, DDIM with leading). Property names are the diffusers names in PascalCase.
/// </summary>
public sealed record SchedulerConfig
{
    /// <summary>diffusers class the file was written for (<c>_class_name</c>), e.g. <c>PNDMScheduler</c>.</summary>
    public string? ClassName { get; init; }

    public int? NumTrainTimesteps { get; init; }
    public double? BetaStart { get; init; }
    public double? BetaEnd { get; init; }
    /// <summary><c>linear</c>, <c>scaled_linear</c> or <c>squaredcos_cap_v2</c>.</summary>
    public string? BetaSchedule { get; init; }
    public IReadOnlyList<double>? TrainedBetas { get; init; }
    /// <summary><c>epsilon</c>, <c>v_prediction</c> or <c>sample</c>.</summary>
    public string? PredictionType { get; init; }
    /// <summary><c>leading</c>, <c>trailing</c> or <c>linspace</c>.</summary>
    public string? TimestepSpacing { get; init; }
    public int? StepsOffset { get; init; }
    public bool? RescaleBetasZeroSnr { get; init; }

    public bool? ClipSample { get; init; }
    public double? ClipSampleRange { get; init; }
    public bool? SetAlphaToOne { get; init; }
    public bool? Thresholding { get; init; }
    public double? DynamicThresholdingRatio { get; init; }
    public double? SampleMaxValue { get; init; }

    /// <summary>DDPM: <c>fixed_small</c>, <c>fixed_small_log</c>, <c>fixed_large</c>…; DPM-Solver: usually null.</summary>
    public string? VarianceType { get; init; }
    /// <summary>PNDM: run only the PLMS steps (what Stable Diffusion uses).</summary>
    public bool? SkipPrkSteps { get; init; }

    public string? InterpolationType { get; init; }
    public bool? UseKarrasSigmas { get; init; }
    public bool? UseExponentialSigmas { get; init; }
    public bool? UseBetaSigmas { get; init; }
    public double? SigmaMin { get; init; }
    public double? SigmaMax { get; init; }
    public string? TimestepType { get; init; }
    public string? FinalSigmasType { get; init; }

    public int? SolverOrder { get; init; }
    public string? AlgorithmType { get; init; }
    public string? SolverType { get; init; }
    public bool? LowerOrderFinal { get; init; }
    public bool? EulerAtFinal { get; init; }
    public bool? UseLuLambdas { get; init; }
    public bool? UseFlowSigmas { get; init; }
    public double? FlowShift { get; init; }
    public double? LambdaMinClipped { get; init; }
    public bool? UseDynamicShifting { get; init; }
    public string? TimeShiftType { get; init; }

    public int? OriginalInferenceSteps { get; init; }
    public double? TimestepScaling { get; init; }

    /// <summary>
    /// Keys of the file this record has no property for (metadata keys starting with '_' excepted). Configs on the hub
    /// often carry options of other classes, so these are reported rather than rejected.
    /// </summary>
    public IReadOnlyList<string> UnrecognizedKeys { get; init; } = [];

    /// <summary>Reads a <c>scheduler_config.json</c>; throws <see cref="SchedulerConfigException"/> naming the file.</summary>
    public static SchedulerConfig Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            return FromJson(document.RootElement);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or SchedulerConfigException)
        {
            throw new SchedulerConfigException($"Cannot use scheduler config {path}: {e.Message}", e);
        }
    }

    /// <summary>Reads the JSON object of a scheduler config. Values "Infinity"/"-Infinity" are accepted for numbers.</summary>
    public static SchedulerConfig FromJson(JsonElement json) => SchedulerConfigJsonReader.Read(json);
}
