namespace CollabCanvas.Web.Inference;

/// <summary>How sending one job to one worker ended.</summary>
internal enum JobOutcome
{
    /// <summary>The worker reported the end (completed, failed or cancelled) and it was relayed.</summary>
    Finished,

    /// <summary>The worker's queue was full; nothing was relayed, another worker may take the job.</summary>
    Busy,

    /// <summary>No connection could be made; nothing was relayed, another worker may take the job.</summary>
    Unreachable,

    /// <summary>The connection broke after the job was sent: the worker died or stopped answering.</summary>
    Lost,
}
