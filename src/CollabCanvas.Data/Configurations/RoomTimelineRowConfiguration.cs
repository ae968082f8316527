using CollabCanvas.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabCanvas.Data.Configurations;

internal sealed class RoomTimelineRowConfiguration : IEntityTypeConfiguration<RoomTimelineRow>
{
    public void Configure(EntityTypeBuilder<RoomTimelineRow> builder)
    {
        builder.ToTable("RoomTimeline");
        builder.HasKey(row => row.Id);
        builder.Property(row => row.Kind).IsRequired().HasMaxLength(40);
        builder.Property(row => row.ActorName).IsRequired();
        builder.Property(row => row.Text).IsRequired();
        builder.Property(row => row.DetailsJson).IsRequired();

        // A room's timeline is always read whole and in order.
        builder.HasIndex(row => new { row.RoomId, row.At });
        builder.HasOne<Room>().WithMany().HasForeignKey(row => row.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
