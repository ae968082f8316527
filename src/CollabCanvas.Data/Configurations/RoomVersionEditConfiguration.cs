using CollabCanvas.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabCanvas.Data.Configurations;

internal sealed class RoomVersionEditConfiguration : IEntityTypeConfiguration<RoomVersionEdit>
{
    public void Configure(EntityTypeBuilder<RoomVersionEdit> builder)
    {
        builder.ToTable("RoomVersionEdits");
        builder.HasKey(edit => edit.Id);
        builder.Property(edit => edit.EditedByName).IsRequired();
        builder.HasIndex(edit => new { edit.VersionId, edit.EditedAt });
        builder.HasOne<RoomVersion>().WithMany().HasForeignKey(edit => edit.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}
