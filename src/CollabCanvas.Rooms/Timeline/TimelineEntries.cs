using System.Globalization;
using CollabCanvas.Rooms.Live;

namespace CollabCanvas.Rooms.Timeline;

/// <summary>
/// The single-event entries and their sentences, in one place so the grain and the version service word things
/// alike. Bursts (typing, painting, parameter drags) are made by <see cref="RoomTimelineRecorder"/>.
/// </summary>
public static class TimelineEntries
{
    public static TimelineEntry Joined(DateTimeOffset at, RoomCaller who) =>
        New(at, TimelineKind.Joined, who.MemberId, who.DisplayName, $"{who.DisplayName} joined",
            ("role", who.Role.ToString()), ("guest", who.IsGuest ? "true" : "false"));

    public static TimelineEntry Left(DateTimeOffset at, Guid memberId, string name) =>
        New(at, TimelineKind.Left, memberId, name, $"{name} left");

    public static TimelineEntry MaskCleared(DateTimeOffset at, RoomCaller who, int strokes) =>
        New(at, TimelineKind.MaskCleared, who.MemberId, who.DisplayName,
            $"{who.DisplayName} cleared the mask ({Count(strokes, "stroke")})", ("strokes", Number(strokes)));

    public static TimelineEntry LiveModeChanged(DateTimeOffset at, RoomCaller who, bool isLive) =>
        New(at, TimelineKind.LiveModeChanged, who.MemberId, who.DisplayName,
            $"{who.DisplayName} turned live mode {(isLive ? "on" : "off")}", ("live", isLive ? "true" : "false"));

    public static TimelineEntry GenerationRequested(DateTimeOffset at, RoomCaller who, Guid jobId, RoomParameters parameters, RenderMode mode)
    {
        var what = mode switch
        {
            RenderMode.Inpainting => "an inpainting",
            RenderMode.ImageToImage => "an image-to-image generation",
            _ => "a generation",
        };
        return New(at, TimelineKind.GenerationRequested, who.MemberId, who.DisplayName,
            $"{who.DisplayName} queued {what} ({Count(parameters.Steps, "step")})",
            ("job", jobId.ToString()), ("steps", Number(parameters.Steps)), ("model", parameters.Model ?? ""), ("mode", mode.ToString()));
    }

    public static TimelineEntry GenerationCompleted(DateTimeOffset at, GenerationStatus job, int seed, TimeSpan elapsed) =>
        New(at, TimelineKind.GenerationCompleted, job.RequestedBy, job.RequestedByName,
            string.Create(CultureInfo.InvariantCulture, $"{job.RequestedByName}'s generation completed: seed {seed}, {elapsed.TotalSeconds:0.0} s"),
            ("job", job.JobId.ToString()), ("seed", Number(seed)), ("milliseconds", Number((long)elapsed.TotalMilliseconds)));

    public static TimelineEntry GenerationFailed(DateTimeOffset at, GenerationStatus job, string reason) =>
        New(at, TimelineKind.GenerationFailed, job.RequestedBy, job.RequestedByName,
            $"{job.RequestedByName}'s generation failed: {reason}", ("job", job.JobId.ToString()), ("reason", reason));

    /// <param name="cancelledBy">Who cancelled it, when a person did.</param>
    /// <param name="replacedByLive">Live mode stopped it to run a newer recipe.</param>
    public static TimelineEntry GenerationCancelled(DateTimeOffset at, GenerationStatus job, RoomCaller? cancelledBy, bool replacedByLive)
    {
        var text = (cancelledBy, replacedByLive) switch
        {
            ({ } person, _) when person.MemberId == job.RequestedBy => $"{person.DisplayName} cancelled their generation",
            ({ } person, _) => $"{person.DisplayName} cancelled {job.RequestedByName}'s generation",
            (null, true) => $"{job.RequestedByName}'s generation was replaced by a newer live run",
            _ => $"{job.RequestedByName}'s generation was cancelled",
        };
        return New(at, TimelineKind.GenerationCancelled, cancelledBy?.MemberId ?? job.RequestedBy, cancelledBy?.DisplayName ?? job.RequestedByName, text,
            ("job", job.JobId.ToString()), ("requestedBy", job.RequestedByName), ("cancelledBy", cancelledBy?.DisplayName ?? ""));
    }

    public static TimelineEntry VersionSaved(DateTimeOffset at, RoomCaller who, Guid versionId, string title) =>
        New(at, TimelineKind.VersionSaved, who.MemberId, who.DisplayName, $"{who.DisplayName} saved {VersionName(title)}",
            ("version", versionId.ToString()), ("title", title));

    public static TimelineEntry VersionRestored(DateTimeOffset at, RoomCaller who, Guid versionId, string title) =>
        New(at, TimelineKind.VersionRestored, who.MemberId, who.DisplayName, $"{who.DisplayName} restored {VersionName(title)}",
            ("version", versionId.ToString()), ("title", title));

    public static TimelineEntry RoleChanged(DateTimeOffset at, MemberChange change, RoomRole role) =>
        New(at, TimelineKind.RoleChanged, change.ByMemberId, change.ByName, $"{change.ByName} made {change.MemberName} {Article(role)} {role}",
            ("member", change.MemberName), ("role", role.ToString()));

    public static TimelineEntry MemberRemoved(DateTimeOffset at, MemberChange change) =>
        New(at, TimelineKind.MemberRemoved, change.ByMemberId, change.ByName, $"{change.ByName} removed {change.MemberName}",
            ("member", change.MemberName));

    internal static TimelineEntry New(
        DateTimeOffset at, TimelineKind kind, Guid? actorId, string actorName, string text, params (string Key, string Value)[] details) =>
        new(Guid.CreateVersion7(at), at, null, kind, actorId, actorName, text, details.ToDictionary(d => d.Key, d => d.Value));

    internal static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{Number(count)} {noun}s";

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string VersionName(string title) => string.IsNullOrEmpty(title) ? "an untitled version" : $"version “{title}”";

    private static string Article(RoomRole role) => role == RoomRole.Editor ? "an" : "a";
}
