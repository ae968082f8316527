using CollabCanvas.Engine.Schedulers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CollabCanvas.Engine.Onnx;

/// <summary>Where the UNet lives.</summary>
public sealed record UNetConfig(string ModelPath);

/// <summary>
/// The denoising UNet. Feeds the timestep in whatever type and rank the export declares (int64, float or
/// float16; scalar, [1] or [batch]) and the optional LCM guidance embedding <c>timestep_cond</c>.
/// </summary>
public sealed class UNetSession : OnnxNetworkSession
{
    private readonly TensorElementType _timestepType;
    private readonly int[] _timestepDimensions;

    public UNetSession(UNetConfig config, SessionOptionsFactory sessionFactory)
        : base(config.ModelPath, sessionFactory)
    {
        _timestepType = InputType("timestep");
        _timestepDimensions = InputDimensions("timestep");
        TakesTimestepCondition = HasInput("timestep_cond");
    }

    public bool TakesTimestepCondition { get; }

    /// <summary>The model output (noise, v or x0) for a batch of latents at one timestep.</summary>
    /// <param name="sample">[B, C, h, w]: latents (plus mask and masked-image latents for inpainting UNets).</param>
    /// <param name="timestep">The scheduler's timestep; fractional for some samplers.</param>
    /// <param name="hiddenStates">[B, S, D] text embeddings; S is a multiple of 77 for long prompts.</param>
    /// <param name="timestepCondition">[B, W] guidance embedding for LCM UNets, otherwise null.</param>
    public LatentTensor Predict(LatentTensor sample, double timestep, LatentTensor hiddenStates,
        LatentTensor? timestepCondition, CancellationToken cancellationToken)
    {
        var batch = sample.Shape[0];
        long[] timestepShape = _timestepDimensions.Length switch
        {
            0 => [],
            _ when _timestepDimensions[0] == 1 => [1],
            _ => [batch],
        };
        var timesteps = Enumerable.Repeat((float)timestep, timestepShape.Length == 0 ? 1 : (int)timestepShape[0]).ToArray();

        var inputs = new List<(string, OrtValue)>
        {
            ("sample", OrtTensors.FromFloats(sample, InputType("sample"))),
            ("timestep", OrtTensors.FromFloats(timesteps, timestepShape, _timestepType)),
            ("encoder_hidden_states", OrtTensors.FromFloats(hiddenStates, InputType("encoder_hidden_states"))),
        };
        if (TakesTimestepCondition)
        {
            var condition = timestepCondition
                ?? throw new ArgumentException("this UNet needs a timestep_cond (LCM guidance embedding)", nameof(timestepCondition));
            inputs.Add(("timestep_cond", OrtTensors.FromFloats(condition, InputType("timestep_cond"))));
        }

        return RunFirstOutput(inputs, cancellationToken);
    }
}
