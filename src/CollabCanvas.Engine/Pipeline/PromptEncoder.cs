using CollabCanvas.Engine.Onnx;
using CollabCanvas.Engine.Schedulers;
using CollabCanvas.Engine.Tokenization;

namespace CollabCanvas.Engine.Pipeline;

/// <summary>
/// Prompts to text embeddings. Long prompts come from the tokenizer as several 77-token windows; each window goes
/// through the text encoder on its own and the results are joined along the sequence axis (AUTOMATIC1111's way).
/// With guidance, the negative and the positive prompt must have the same length, so the shorter one is padded
/// with windows of the empty prompt.
/// </summary>
internal static class PromptEncoder
{
    /// <returns>[1, S, D] for the prompt alone, or [2, S, D] as (negative, prompt) when <paramref name="negativePrompt"/> is given.</returns>
    public static LatentTensor Encode(ClipTokenizer tokenizer, TextEncoderSession encoder, string prompt, string? negativePrompt,
        CancellationToken cancellationToken)
    {
        var positive = tokenizer.EncodeWindows(prompt).ToList();
        if (negativePrompt is null)
        {
            return EncodeWindows(encoder, positive, cancellationToken);
        }

        var negative = tokenizer.EncodeWindows(negativePrompt).ToList();
        var empty = tokenizer.EncodeWindows(string.Empty)[0];
        while (negative.Count < positive.Count)
        {
            negative.Add(empty);
        }

        while (positive.Count < negative.Count)
        {
            positive.Add(empty);
        }

        return LatentMath.ConcatBatch(
            EncodeWindows(encoder, negative, cancellationToken),
            EncodeWindows(encoder, positive, cancellationToken));
    }

    private static LatentTensor EncodeWindows(TextEncoderSession encoder, IReadOnlyList<int[]> windows, CancellationToken cancellationToken) =>
        LatentMath.ConcatSequence(windows.Select(window => encoder.Encode(window, cancellationToken)).ToList());
}
