namespace CollabCanvas.Inference.Protocol;

/// <summary>
/// The worker hub's address and method names, shared by the worker (which maps and implements them) and the web
/// app (which calls them), so a rename breaks the build instead of a running system.
/// </summary>
public static class InferenceHubContract
{
    /// <summary>Path of the hub on a worker (MessagePack protocol).</summary>
    public const string Path = "/hubs/inference";

    /// <summary>Client → worker, server-to-client stream: <c>Generate(WorkerJob)</c> → <see cref="WorkerEvent"/>s.</summary>
    public const string Generate = "Generate";

    /// <summary>Client → worker: <c>Cancel(Guid jobId)</c> → bool (false: no such job, or it had ended).</summary>
    public const string Cancel = "Cancel";

    /// <summary>Client → worker: <c>Models()</c> → list of <see cref="WorkerModel"/>.</summary>
    public const string Models = "Models";

    /// <summary>Client → worker: <c>Load()</c> → <see cref="WorkerLoad"/>.</summary>
    public const string Load = "Load";

    /// <summary>Worker → every client, whenever a job is queued, starts or ends: <c>LoadChanged(WorkerLoad)</c>.</summary>
    public const string LoadChanged = "LoadChanged";

    /// <summary>The OAuth 2.0 scope a client asks for to use workers.</summary>
    public const string Scope = "inference";
}
