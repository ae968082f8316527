using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Onnx;

/// <summary>Where the text encoder lives.</summary>
public sealed record TextEncoderConfig(string ModelPath);

/// <summary>The CLIP text encoder: one 77-token window of ids → hidden states [1, 77, D].</summary>
public sealed class TextEncoderSession(TextEncoderConfig config, SessionOptionsFactory sessionFactory)
    : OnnxNetworkSession(config.ModelPath, sessionFactory)
{
    public LatentTensor Encode(int[] tokenWindow, CancellationToken cancellationToken)
    {
        var ids = OrtTensors.FromIds(tokenWindow, [1, tokenWindow.Length], InputType("input_ids"));
        return RunFirstOutput([("input_ids", ids)], cancellationToken);
    }
}
