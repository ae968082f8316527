using System.Collections.Frozen;

namespace CollabCanvas.Rooms;

/// <summary>Why an action was refused; hosts map it to 401 / 403 / 404.</summary>
public enum DenialReason
{
    None,
    NotSignedIn,
    NotAMember,
    RoleTooLow,
    RoomNotFound,
}

/// <summary>The outcome of one authorization check.</summary>
public sealed record RoomDecision(bool Allowed, DenialReason Reason, RoomRole? Role, string Message)
{
    public static RoomDecision Allow(RoomRole role) => new(true, DenialReason.None, role, "");

    public static RoomDecision Deny(DenialReason reason, string message, RoomRole? role = null) =>
        new(false, reason, role, message);
}

/// <summary>
/// The role table: the least role each action needs. The one place that says who may do what;
/// every host (HTTP endpoints, Blazor components, grains) asks it through <see cref="Decide"/>.
/// </summary>
public static class RoomPolicy
{
    private static readonly FrozenDictionary<RoomAction, RoomRole> LeastRole = new Dictionary<RoomAction, RoomRole>
    {
        [RoomAction.ViewRoom] = RoomRole.Viewer,
        [RoomAction.RenameRoom] = RoomRole.Facilitator,
        [RoomAction.ChangeRole] = RoomRole.Facilitator,
        [RoomAction.RemoveParticipant] = RoomRole.Facilitator,
        [RoomAction.CreateInvite] = RoomRole.Facilitator,
        [RoomAction.EditPrompt] = RoomRole.Editor,
        [RoomAction.EditParameters] = RoomRole.Editor,
        [RoomAction.PaintMask] = RoomRole.Editor,
        [RoomAction.ClearMask] = RoomRole.Facilitator,
        [RoomAction.Generate] = RoomRole.Editor,
        [RoomAction.CancelAnyGeneration] = RoomRole.Facilitator,
        [RoomAction.SaveVersion] = RoomRole.Editor,
        // The least role; the saver-or-Facilitator half of the rule is VersionNoteRule.
        [RoomAction.EditVersionNote] = RoomRole.Editor,
        [RoomAction.RestoreVersion] = RoomRole.Editor,
        // The export holds the timeline (who came and went, who typed what and when), which a Viewer is not shown.
        [RoomAction.ExportSession] = RoomRole.Editor,
    }.ToFrozenDictionary();

    /// <summary>The least role that may perform <paramref name="action"/>.</summary>
    public static RoomRole RequiredRole(RoomAction action) =>
        LeastRole.TryGetValue(action, out var role)
            ? role
            : throw new ArgumentOutOfRangeException(nameof(action), action, "The role table has no row for this action.");

    /// <summary>Whether a member with <paramref name="role"/> may perform <paramref name="action"/>.</summary>
    public static bool Allows(RoomRole role, RoomAction action) => role >= RequiredRole(action);

    /// <summary>
    /// Decides an action for an actor whose membership of the room has been looked up
    /// (<paramref name="memberRole"/> is null when they are not a member).
    /// </summary>
    public static RoomDecision Decide(RoomActor actor, RoomRole? memberRole, RoomAction action)
    {
        if (!actor.IsAuthenticated)
        {
            return RoomDecision.Deny(DenialReason.NotSignedIn, "Sign in or join the room with its code first.");
        }

        if (memberRole is not { } role)
        {
            return RoomDecision.Deny(DenialReason.NotAMember, "You are not a participant of this room.");
        }

        return Allows(role, action)
            ? RoomDecision.Allow(role)
            : RoomDecision.Deny(
                DenialReason.RoleTooLow,
                $"Only a {RequiredRole(action)} or above may do this; you are a {role}.",
                role);
    }
}
