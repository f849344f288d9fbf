using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Engagement;

namespace StreamEngine.Application.Tests;

public sealed class PagesTests
{
    [Theory]
    [InlineData(null, null, true)]
    [InlineData(10, null, true)]
    [InlineData(null, 10, true)]
    [InlineData(0, null, true)]
    [InlineData(100, null, true)]
    [InlineData(101, null, false)]
    [InlineData(-1, null, false)]
    [InlineData(null, 101, false)]
    [InlineData(5, 5, false)]
    public void A_page_asks_for_one_direction_within_the_limit(int? first, int? last, bool valid) =>
        Assert.Equal(valid, Pages.Check(new PageRequest(first, null, last, null)) is null);

    [Fact]
    public void A_page_defaults_to_twenty_forwards_and_reads_backwards_from_last_or_before()
    {
        Assert.Equal((20, false), (PageRequest.Default.Size, PageRequest.Default.Backwards));
        Assert.Equal(
            (3, true),
            (new PageRequest(null, null, 3, null).Size, new PageRequest(null, null, 3, null).Backwards)
        );
        Assert.True(new PageRequest(null, null, null, "c").Backwards);
        Assert.False(new PageRequest(5, null, null, "c").Backwards);
    }

    [Fact]
    public async Task A_cursor_the_store_cannot_read_becomes_invalid_cursor()
    {
        var result = await Pages.RunAsync<int>(PageRequest.Default, () => throw new InvalidCursorException());

        Assert.Equal("INVALID_CURSOR", Assert.Single(result.Errors).Code);
    }
}
