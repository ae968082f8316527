namespace CollabCanvas.Web.Rooms;

/// <summary>What a person submits to join a room: the code, the name to show (guests), an optional invite token.</summary>
public sealed record JoinRequest(string? Code, string? DisplayName, string? InviteToken);
