using CollabCanvas.Data;
using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms;
using CollabCanvas.Rooms.Live;
using CollabCanvas.Web.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CollabCanvas.Web.Rooms;

/// <summary>
/// The facade every host uses for rooms (Blazor components and HTTP endpoints alike). Each operation
/// first asks <see cref="RoomPolicy"/> through <see cref="AuthorizeAsync(AppDbContext, RoomActor, Guid, RoomAction, CancellationToken)"/>
/// and changes nothing when refused. A short-lived DbContext per call keeps it safe on long-lived circuits.
/// </summary>
public sealed class RoomService(
    IDbContextFactory<AppDbContext> dbFactory,
    InviteTokens inviteTokens,
    IRoomMemberNotifier memberNotifier,
    IOptions<RoomOptions> options,
    TimeProvider time,
    ILogger<RoomService> logger)
{
    private const int JoinCodeAttempts = 8;

    /// <summary>Decides whether <paramref name="actor"/> may perform <paramref name="action"/> in the room.</summary>
    public async Task<RoomDecision> AuthorizeAsync(RoomActor actor, Guid roomId, RoomAction action, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (decision, _) = await AuthorizeAsync(db, actor, roomId, action, cancellationToken);
        return decision;
    }

    /// <summary>
    /// Authorizes <paramref name="action"/> and returns the caller as the live room grain knows them
    /// (membership id, name, role), or why not.
    /// </summary>
    public async Task<RoomResult<RoomCaller>> AuthorizeCallerAsync(RoomActor actor, Guid roomId, RoomAction action, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (decision, member) = await AuthorizeAsync(db, actor, roomId, action, cancellationToken);
        return decision.Allowed
            ? RoomResult<RoomCaller>.Ok(new RoomCaller(member!.Id, member.DisplayName, member.Role, member.IsGuest))
            : RoomError.FromDecision(decision);
    }

    public async Task<RoomResult<RoomListItem>> CreateRoomAsync(RoomActor actor, string? name, string? description, CancellationToken cancellationToken = default)
    {
        if (actor.Kind != ActorKind.Account)
        {
            return RoomResult<RoomListItem>.Fail(RoomErrorKind.NotSignedIn, "Sign in with an account to create a room.");
        }

        var nameCheck = DisplayNames.CheckRoomName(name);
        if (!nameCheck.IsValid)
        {
            return RoomResult<RoomListItem>.Fail(RoomErrorKind.Invalid, nameCheck.Error!, "Name");
        }

        var descriptionCheck = DisplayNames.CheckRoomDescription(description);
        if (!descriptionCheck.IsValid)
        {
            return RoomResult<RoomListItem>.Fail(RoomErrorKind.Invalid, descriptionCheck.Error!, "Description");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var room = new Room
        {
            Id = Guid.NewGuid(),
            Name = nameCheck.Value,
            Description = descriptionCheck.Value,
            JoinCode = await NewJoinCodeAsync(db, cancellationToken),
            CreatedByUserId = actor.UserId!,
            CreatedAt = now,
        };
        room.Members.Add(new RoomMember
        {
            Id = Guid.NewGuid(),
            UserId = actor.UserId,
            DisplayName = actor.DisplayName,
            Role = RoomRole.Facilitator,
            JoinedAt = now,
        });
        db.Rooms.Add(room);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Room {RoomId} created by user {UserId}", room.Id, actor.UserId);
        return RoomResult<RoomListItem>.Ok(new RoomListItem(room.Id, room.Name, room.Description, RoomRole.Facilitator, 1, now));
    }

    /// <summary>The rooms the person belongs to: all of an account's, or a guest's one room.</summary>
    public async Task<IReadOnlyList<RoomListItem>> ListMyRoomsAsync(RoomActor actor, CancellationToken cancellationToken = default)
    {
        if (!actor.IsAuthenticated)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = actor.Kind == ActorKind.Account
            ? db.RoomMembers.Where(m => m.UserId == actor.UserId && m.RemovedAt == null)
            : db.RoomMembers.Where(m => m.Id == actor.GuestMemberId && m.UserId == null && m.RemovedAt == null);
        var rows = await mine
            .OrderByDescending(m => m.JoinedAt)
            .Select(m => new RoomListItem(
                m.Room!.Id,
                m.Room.Name,
                m.Room.Description,
                m.Role,
                m.Room.Members.Count(other => other.RemovedAt == null),
                m.Room.CreatedAt))
            .ToListAsync(cancellationToken);
        return rows;
    }

    /// <summary>Joins a room by its code (and optionally an invite token that sets the role).</summary>
    public async Task<RoomResult<JoinedRoom>> JoinAsync(RoomActor actor, JoinRequest request, CancellationToken cancellationToken = default)
    {
        if (!JoinCode.TryNormalize(request.Code, out var code))
        {
            return RoomResult<JoinedRoom>.Fail(RoomErrorKind.Invalid, $"A join code is {JoinCode.Length} letters, like KXQMTR.", "Code");
        }

        // Accounts join under their profile name; everyone else must give one.
        var nameCheck = actor.Kind == ActorKind.Account
            ? NameCheck.Valid(actor.DisplayName)
            : DisplayNames.CheckPersonName(request.DisplayName);
        if (!nameCheck.IsValid)
        {
            return RoomResult<JoinedRoom>.Fail(RoomErrorKind.Invalid, nameCheck.Error!, "DisplayName");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var room = await db.Rooms.FirstOrDefaultAsync(r => r.JoinCode == code, cancellationToken);
        if (room is null)
        {
            return RoomResult<JoinedRoom>.Fail(RoomErrorKind.NotFound, "No room has this code. Check it with your facilitator.", "Code");
        }

        var role = options.Value.CodeJoinRole;
        if (!string.IsNullOrEmpty(request.InviteToken))
        {
            var invite = inviteTokens.Read(request.InviteToken);
            if (invite is null || invite.RoomId != room.Id)
            {
                return RoomResult<JoinedRoom>.Fail(RoomErrorKind.Invalid, "This invite link has expired or is not for this room. Ask for a new one, or join with the code alone.", "Code");
            }

            role = invite.Role;
        }

        return actor.Kind == ActorKind.Account
            ? await JoinAsAccountAsync(db, actor, room, role, cancellationToken)
            : await JoinAsGuestAsync(db, actor, room, role, nameCheck.Value, cancellationToken);
    }

    public async Task<RoomResult<RoomDetails>> GetRoomAsync(RoomActor actor, Guid roomId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (decision, me) = await AuthorizeAsync(db, actor, roomId, RoomAction.ViewRoom, cancellationToken);
        if (!decision.Allowed)
        {
            return RoomError.FromDecision(decision);
        }

        var room = await db.Rooms.AsNoTracking().FirstAsync(r => r.Id == roomId, cancellationToken);
        var participants = await db.RoomMembers.AsNoTracking()
            .Where(m => m.RoomId == roomId && m.RemovedAt == null)
            .OrderByDescending(m => m.Role).ThenBy(m => m.JoinedAt)
            .Select(m => new ParticipantView(m.Id, m.DisplayName, m.Role, m.UserId == null, m.JoinedAt))
            .ToListAsync(cancellationToken);
        var joinCode = RoomPolicy.Allows(me!.Role, RoomAction.CreateInvite) ? room.JoinCode : null;
        return RoomResult<RoomDetails>.Ok(new RoomDetails(room.Id, room.Name, room.Description, joinCode, me.Role, me.Id, participants));
    }

    public async Task<RoomResult<RoomListItem>> RenameRoomAsync(RoomActor actor, Guid roomId, string? name, string? description, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (decision, me) = await AuthorizeAsync(db, actor, roomId, RoomAction.RenameRoom, cancellationToken);
        if (!decision.Allowed)
        {
            return RoomError.FromDecision(decision);
        }

        var nameCheck = DisplayNames.CheckRoomName(name);
        if (!nameCheck.IsValid)
        {
            return RoomResult<RoomListItem>.Fail(RoomErrorKind.Invalid, nameCheck.Error!, "Name");
        }

        var descriptionCheck = DisplayNames.CheckRoomDescription(description);
        if (!descriptionCheck.IsValid)
        {
            return RoomResult<RoomListItem>.Fail(RoomErrorKind.Invalid, descriptionCheck.Error!, "Description");
        }

        var room = await db.Rooms.FirstAsync(r => r.Id == roomId, cancellationToken);
        room.Name = nameCheck.Value;
        room.Description = descriptionCheck.Value;
        await db.SaveChangesAsync(cancellationToken);
        var count = await db.RoomMembers.CountAsync(m => m.RoomId == roomId && m.RemovedAt == null, cancellationToken);
        return RoomResult<RoomListItem>.Ok(new RoomListItem(room.Id, room.Name, room.Description, me!.Role, count, room.CreatedAt));
    }

    public async Task<RoomResult<ParticipantView>> ChangeRoleAsync(RoomActor actor, Guid roomId, Guid memberId, RoomRole newRole, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (decision, me) = await AuthorizeAsync(db, actor, roomId, RoomAction.ChangeRole, cancellationToken);
        if (!decision.Allowed)
        {
            return RoomError.FromDecision(decision);
        }

        if (!Enum.IsDefined(newRole))
        {
            return RoomResult<ParticipantView>.Fail(RoomErrorKind.Invalid, "Unknown role. Roles are Viewer, Editor and Facilitator.", "Role");
        }

        var target = await FindParticipantAsync(db, roomId, memberId, cancellationToken);
        if (target is null)
        {
            return RoomResult<ParticipantView>.Fail(RoomErrorKind.NotFound, "This person is not a participant of the room.");
        }

        if (target.Role == RoomRole.Facilitator && newRole != RoomRole.Facilitator && await IsLastFacilitatorAsync(db, roomId, cancellationToken))
        {
            return RoomResult<ParticipantView>.Fail(RoomErrorKind.Conflict, "A room needs at least one Facilitator: make someone else Facilitator first.");
        }

        target.Role = newRole;
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Room {RoomId}: member {MemberId} is now {Role}", roomId, memberId, newRole);
        await memberNotifier.MemberChangedAsync(roomId, memberId, newRole, new MemberChange(target.DisplayName, me!.Id, me.DisplayName));
        return RoomResult<ParticipantView>.Ok(ToView(target));
    }

    public async Task<RoomResult<ParticipantView>> RemoveParticipantAsync(RoomActor actor, Guid roomId, Guid memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (decision, me) = await AuthorizeAsync(db, actor, roomId, RoomAction.RemoveParticipant, cancellationToken);
        if (!decision.Allowed)
        {
            return RoomError.FromDecision(decision);
        }

        var target = await FindParticipantAsync(db, roomId, memberId, cancellationToken);
        if (target is null)
        {
            return RoomResult<ParticipantView>.Fail(RoomErrorKind.NotFound, "This person is not a participant of the room.");
        }

        if (target.Role == RoomRole.Facilitator && await IsLastFacilitatorAsync(db, roomId, cancellationToken))
        {
            return RoomResult<ParticipantView>.Fail(RoomErrorKind.Conflict, "The last Facilitator cannot be removed: make someone else Facilitator first.");
        }

        target.RemovedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Room {RoomId}: member {MemberId} removed", roomId, memberId);
        await memberNotifier.MemberChangedAsync(roomId, memberId, null, new MemberChange(target.DisplayName, me!.Id, me.DisplayName));
        return RoomResult<ParticipantView>.Ok(ToView(target));
    }

    public async Task<RoomResult<InviteLink>> CreateInviteAsync(RoomActor actor, Guid roomId, RoomRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (decision, _) = await AuthorizeAsync(db, actor, roomId, RoomAction.CreateInvite, cancellationToken);
        if (!decision.Allowed)
        {
            return RoomError.FromDecision(decision);
        }

        if (!Enum.IsDefined(role))
        {
            return RoomResult<InviteLink>.Fail(RoomErrorKind.Invalid, "Unknown role. Roles are Viewer, Editor and Facilitator.", "Role");
        }

        var code = await db.Rooms.Where(r => r.Id == roomId).Select(r => r.JoinCode).FirstAsync(cancellationToken);
        var (token, expiresAt) = inviteTokens.Create(roomId, role);
        return RoomResult<InviteLink>.Ok(new InviteLink($"/join/{code}?invite={Uri.EscapeDataString(token)}", role, expiresAt));
    }

    /// <summary>Whether a guest's membership still stands (used to revalidate their circuit).</summary>
    public async Task<bool> IsActiveGuestAsync(Guid memberId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.RoomMembers.AnyAsync(m => m.Id == memberId && m.UserId == null && m.RemovedAt == null, cancellationToken);
    }

    /// <summary>The single gate: the room must exist, then <see cref="RoomPolicy"/> decides on the actor's active membership.</summary>
    private static async Task<(RoomDecision Decision, RoomMember? Member)> AuthorizeAsync(
        AppDbContext db, RoomActor actor, Guid roomId, RoomAction action, CancellationToken cancellationToken)
    {
        if (!actor.IsAuthenticated)
        {
            return (RoomPolicy.Decide(actor, null, action), null);
        }

        if (!await db.Rooms.AnyAsync(r => r.Id == roomId, cancellationToken))
        {
            return (RoomDecision.Deny(DenialReason.RoomNotFound, "This room does not exist (any more)."), null);
        }

        var member = await FindMembershipAsync(db, actor, roomId, cancellationToken);
        return (RoomPolicy.Decide(actor, member?.Role, action), member);
    }

    private static Task<RoomMember?> FindMembershipAsync(AppDbContext db, RoomActor actor, Guid roomId, CancellationToken cancellationToken) =>
        actor.Kind switch
        {
            ActorKind.Account => db.RoomMembers.FirstOrDefaultAsync(
                m => m.RoomId == roomId && m.UserId == actor.UserId && m.RemovedAt == null, cancellationToken),

            // A guest's cookie is valid for its own room only.
            ActorKind.Guest when actor.GuestRoomId == roomId => db.RoomMembers.FirstOrDefaultAsync(
                m => m.Id == actor.GuestMemberId && m.RoomId == roomId && m.UserId == null && m.RemovedAt == null, cancellationToken),
            _ => Task.FromResult<RoomMember?>(null),
        };

    private static Task<RoomMember?> FindParticipantAsync(AppDbContext db, Guid roomId, Guid memberId, CancellationToken cancellationToken) =>
        db.RoomMembers.FirstOrDefaultAsync(m => m.Id == memberId && m.RoomId == roomId && m.RemovedAt == null, cancellationToken);

    private static async Task<bool> IsLastFacilitatorAsync(AppDbContext db, Guid roomId, CancellationToken cancellationToken) =>
        await db.RoomMembers.CountAsync(m => m.RoomId == roomId && m.RemovedAt == null && m.Role == RoomRole.Facilitator, cancellationToken) <= 1;

    private async Task<RoomResult<JoinedRoom>> JoinAsAccountAsync(AppDbContext db, RoomActor actor, Room room, RoomRole role, CancellationToken cancellationToken)
    {
        var existing = await db.RoomMembers.FirstOrDefaultAsync(m => m.RoomId == room.Id && m.UserId == actor.UserId, cancellationToken);
        if (existing is { IsActive: false })
        {
            return RoomResult<JoinedRoom>.Fail(RoomErrorKind.Forbidden, "A facilitator removed you from this room.", "Code");
        }

        if (existing is null)
        {
            existing = new RoomMember
            {
                Id = Guid.NewGuid(),
                RoomId = room.Id,
                UserId = actor.UserId,
                DisplayName = actor.DisplayName,
                Role = role,
                JoinedAt = time.GetUtcNow(),
            };
            db.RoomMembers.Add(existing);
        }
        else if (role > existing.Role)
        {
            // An invite for a higher role promotes; joining again never demotes.
            existing.Role = role;
        }

        await db.SaveChangesAsync(cancellationToken);
        return RoomResult<JoinedRoom>.Ok(new JoinedRoom(room.Id, room.Name, existing.Id, existing.Role, false, existing.DisplayName));
    }

    private async Task<RoomResult<JoinedRoom>> JoinAsGuestAsync(AppDbContext db, RoomActor actor, Room room, RoomRole role, string displayName, CancellationToken cancellationToken)
    {
        if (actor.Kind == ActorKind.Guest && actor.GuestRoomId == room.Id)
        {
            var current = await db.RoomMembers.FirstOrDefaultAsync(m => m.Id == actor.GuestMemberId && m.UserId == null, cancellationToken);
            if (current is { IsActive: false })
            {
                return RoomResult<JoinedRoom>.Fail(RoomErrorKind.Forbidden, "A facilitator removed you from this room.", "Code");
            }

            if (current is not null)
            {
                return RoomResult<JoinedRoom>.Ok(new JoinedRoom(room.Id, room.Name, current.Id, current.Role, true, current.DisplayName));
            }
        }

        var guest = new RoomMember
        {
            Id = Guid.NewGuid(),
            RoomId = room.Id,
            DisplayName = displayName,
            Role = role,
            JoinedAt = time.GetUtcNow(),
        };
        db.RoomMembers.Add(guest);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Room {RoomId}: guest {MemberId} joined", room.Id, guest.Id);
        return RoomResult<JoinedRoom>.Ok(new JoinedRoom(room.Id, room.Name, guest.Id, guest.Role, true, guest.DisplayName));
    }

    private static async Task<string> NewJoinCodeAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < JoinCodeAttempts; attempt++)
        {
            var code = JoinCode.Generate();
            if (!await db.Rooms.AnyAsync(r => r.JoinCode == code, cancellationToken))
            {
                return code;
            }
        }

        throw new InvalidOperationException("Could not find a free join code; the code space is nearly exhausted.");
    }

    private static ParticipantView ToView(RoomMember member) =>
        new(member.Id, member.DisplayName, member.Role, member.IsGuest, member.JoinedAt);
}
