using CollabCanvas.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabCanvas.Data.Configurations;

internal sealed class RoomVersionConfiguration : IEntityTypeConfiguration<RoomVersion>
{
    public const int MaxTitleLength = 120;

    public const int MaxNoteLength = 4000;

    public void Configure(EntityTypeBuilder<RoomVersion> builder)
    {
        builder.ToTable("RoomVersions");
        builder.HasKey(version => version.Id);
        builder.Property(version => version.ImageHash).IsRequired().HasMaxLength(64);
        builder.Property(version => version.Title).IsRequired().HasMaxLength(MaxTitleLength);
        builder.Property(version => version.Note).IsRequired().HasMaxLength(MaxNoteLength);
        builder.Property(version => version.SavedByName).IsRequired();
        builder.Property(version => version.ModelName).IsRequired();
        builder.Property(version => version.Scheduler).IsRequired();
        builder.Property(version => version.MaskImageHash).HasMaxLength(64);
        builder.Property(version => version.InitImageHash).HasMaxLength(64);

        // The gallery lists a room's versions newest first; the sweep asks for every referenced hash.
        builder.HasIndex(version => new { version.RoomId, version.CreatedAt });
        builder.HasIndex(version => version.ImageHash);
        builder.HasOne<Room>().WithMany().HasForeignKey(version => version.RoomId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RoomVersion>().WithMany().HasForeignKey(version => version.ParentVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
