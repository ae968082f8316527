using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Inference;

/// <summary>The worker's own settings, bound from the <c>InferenceWorker</c> section of appsettings.json.</summary>
public sealed class InferenceWorkerOptions
{
    public const string SectionName = "InferenceWorker";

    /// <summary>Jobs that may wait behind the running one; past that a job is answered "busy" (memory stays bounded).</summary>
    [Range(0, 1000)]
    public int QueueCapacity { get; set; } = 4;

    /// <summary>Largest request accepted from a client, in bytes (a request carries the init image and mask).</summary>
    [Range(32 * 1024, 256 * 1024 * 1024)]
    public long MaxRequestBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How often the worker pings idle connections, so a client notices a dead worker quickly.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(2);
}
