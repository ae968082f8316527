using CollabCanvas.Rooms;

namespace CollabCanvas.Web.Rooms;

/// <summary>A room in "my rooms".</summary>
public sealed record RoomListItem(Guid Id, string Name, string Description, RoomRole MyRole, int ParticipantCount, DateTimeOffset CreatedAt);

/// <summary>One participant as others see them.</summary>
public sealed record ParticipantView(Guid MemberId, string DisplayName, RoomRole Role, bool IsGuest, DateTimeOffset JoinedAt);

/// <summary>What a member sees of a room. The join code is shown to Facilitators only.</summary>
public sealed record RoomDetails(
    Guid Id,
    string Name,
    string Description,
    string? JoinCode,
    RoomRole MyRole,
    Guid MyMemberId,
    IReadOnlyList<ParticipantView> Participants);

/// <summary>The result of joining: where to go, and for a guest the membership their cookie names.</summary>
public sealed record JoinedRoom(Guid RoomId, string RoomName, Guid MemberId, RoomRole Role, bool IsGuest, string DisplayName);

/// <summary>A freshly made invite link.</summary>
public sealed record InviteLink(string RelativeUrl, RoomRole Role, DateTimeOffset ExpiresAt);

/// <summary>What an invite token says, once verified.</summary>
public sealed record Invite(Guid RoomId, RoomRole Role);
