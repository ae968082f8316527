using System.ComponentModel.DataAnnotations;

namespace CollabCanvas.Web.Options;

/// <summary>Where rooms' images are made.</summary>
public enum InferenceMode
{
    /// <summary>On this node's engine (the default: one process, nothing else to run).</summary>
    InProcess,

    /// <summary>On inference workers (<c>src/CollabCanvas.Inference</c>) listed in <see cref="InferenceClientOptions.Workers"/>.</summary>
    Remote,
}

/// <summary>
/// The web app's side of inference, bound from the <c>Inference</c> section (which also holds the engine's own
/// settings, used in <see cref="InferenceMode.InProcess"/> mode).
/// </summary>
public sealed class InferenceClientOptions
{
    public const string SectionName = "Inference";

    public InferenceMode Mode { get; set; } = InferenceMode.InProcess;

    /// <summary>Base URLs of the inference workers (Remote mode), e.g. <c>http://gpu-1:5100</c>.</summary>
    public List<Uri> Workers { get; set; } = [];

    /// <summary>This web app's client id at the token authority; also the client the authority registers at start.</summary>
    [Required, MinLength(1)]
    public string ClientId { get; set; } = "collabcanvas-web";

    /// <summary>Its secret. The authority registers no client when it is empty (nobody can get a token).</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Token endpoint to ask; null: the issuer's <c>connect/token</c> (this app or another web node).</summary>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>How long to wait for a worker to accept a connection before trying another.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A worker silent this long is taken for dead (it pings every <c>InferenceWorker:KeepAliveInterval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:05:00")]
    public TimeSpan WorkerTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Longest wait between two reconnection attempts to a worker that is down (backoff doubles up to it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
}
