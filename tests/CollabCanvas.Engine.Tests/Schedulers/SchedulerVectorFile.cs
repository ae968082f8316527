using System.Globalization;
using System.Text.Json;
using CollabCanvas.Engine.Schedulers;

namespace CollabCanvas.Engine.Tests.Schedulers;

/// <summary>
/// Reading helpers for one reference vector of <c>../shared/scheduler-vectors</c> (schema in its README.md):
/// float32 values, tensors stored flat in row-major order with the file's <c>shape</c>.
/// </summary>
internal sealed class SchedulerVectorFile(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public int[] Shape { get; } = root.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

    /// <summary>A recorded float32 value (written as the shortest decimal that round-trips to that float32).</summary>
    public static double Number(JsonElement value) => (float)(value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetDouble());

    public double[]? Numbers(string property) =>
        Root.GetProperty(property) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray().Select(Number).ToArray() : null;

    /// <summary>A tensor field, or null where the file records null.</summary>
    public LatentTensor? Tensor(JsonElement owner, string property) =>
        owner.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? new LatentTensor(value.EnumerateArray().Select(e => (float)Number(e)).ToArray(), Shape)
            : null;
}
