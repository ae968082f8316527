using CollabCanvas.Rooms;

namespace CollabCanvas.Web.Options;

/// <summary>Room defaults (section "Rooms").</summary>
public sealed class RoomOptions
{
    public const string SectionName = "Rooms";

    /// <summary>The role someone gets when joining with the room's code (invite links carry their own).</summary>
    public RoomRole CodeJoinRole { get; set; } = RoomRole.Editor;

    /// <summary>How long an invite link stays valid.</summary>
    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a guest stays signed in without visiting.</summary>
    public TimeSpan GuestSessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
