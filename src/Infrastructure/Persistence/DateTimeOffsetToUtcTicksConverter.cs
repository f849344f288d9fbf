using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace StreamEngine.Infrastructure.Persistence;

internal sealed class DateTimeOffsetToUtcTicksConverter()
    : ValueConverter<DateTimeOffset, long>(value => value.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
