using CollabCanvas.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CollabCanvas.Data.Configurations;

internal sealed class RoomLiveStateRowConfiguration : IEntityTypeConfiguration<RoomLiveStateRow>
{
    public void Configure(EntityTypeBuilder<RoomLiveStateRow> builder)
    {
        builder.ToTable("RoomLiveStates");
        builder.HasKey(row => row.RoomId);
        builder.Property(row => row.Json).IsRequired();
        builder.HasOne<Room>().WithOne().HasForeignKey<RoomLiveStateRow>(row => row.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
