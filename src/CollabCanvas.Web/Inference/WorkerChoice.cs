namespace CollabCanvas.Web.Inference;

/// <summary>A worker as the dispatcher sees it: what it said last (null: unreachable), its estimated jobs, whether this job tried it.</summary>
internal sealed record WorkerCandidate(WorkerState? State, int EstimatedJobs, bool Tried);

/// <summary>
/// Which worker takes a job: among the reachable ones that offer the model and were not tried for this job, the
/// least loaded; between equally loaded ones, one that has run the model already (its sessions are loaded: model
/// affinity); then the listed order. Load comes first because a warm but busy worker makes the room wait a whole
/// job, while a cold idle one only loads the model once.
/// </summary>
internal static class WorkerChoice
{
    /// <summary>The index of the chosen candidate, or -1 when none can take the job.</summary>
    public static int Pick(IReadOnlyList<WorkerCandidate> candidates, string model) => candidates
        .Select((candidate, index) => (Candidate: candidate, Index: index))
        .Where(entry => !entry.Candidate.Tried && entry.Candidate.State?.Offers(model) == true)
        .OrderBy(entry => entry.Candidate.EstimatedJobs)
        .ThenBy(entry => entry.Candidate.State!.Load.WarmModels.Contains(model) ? 0 : 1)
        .ThenBy(entry => entry.Index)
        .Select(entry => entry.Index)
        .DefaultIfEmpty(-1)
        .First();
}
