using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabCanvas.Data.Configurations;

internal sealed class RoomMemberConfiguration : IEntityTypeConfiguration<RoomMember>
{
    public void Configure(EntityTypeBuilder<RoomMember> builder)
    {
        builder.ToTable("RoomMembers");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.DisplayName).IsRequired().HasMaxLength(DisplayNames.MaxPersonNameLength * 4);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);

        // One membership per account and room; guests (UserId null) may be many.
        builder.HasIndex(m => new { m.RoomId, m.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL");
        builder.HasIndex(m => m.UserId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(m => m.IsGuest);
        builder.Ignore(m => m.IsActive);
    }
}
