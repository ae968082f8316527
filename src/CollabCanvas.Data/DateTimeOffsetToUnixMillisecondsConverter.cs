using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CollabCanvas.Data;

/// <summary>
/// Stores <see cref="DateTimeOffset"/> as Unix milliseconds so SQLite can sort and compare it
/// (its provider cannot translate ORDER BY on DateTimeOffset). Offsets are normalised to UTC.
/// </summary>
internal sealed class DateTimeOffsetToUnixMillisecondsConverter()
    : ValueConverter<DateTimeOffset, long>(
        value => value.ToUnixTimeMilliseconds(),
        value => DateTimeOffset.FromUnixTimeMilliseconds(value));
