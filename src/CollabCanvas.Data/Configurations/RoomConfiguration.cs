using CollabCanvas.Data.Entities;
using CollabCanvas.Rooms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabCanvas.Data.Configurations;

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("Rooms");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).IsRequired().HasMaxLength(DisplayNames.MaxRoomNameLength * 4);
        builder.Property(r => r.Description).IsRequired().HasMaxLength(DisplayNames.MaxRoomDescriptionLength * 4);
        builder.Property(r => r.JoinCode).IsRequired().HasMaxLength(JoinCode.Length);
        builder.HasIndex(r => r.JoinCode).IsUnique();
        builder.Property(r => r.CreatedByUserId).IsRequired();
        builder.HasMany(r => r.Members).WithOne(m => m.Room).HasForeignKey(m => m.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
