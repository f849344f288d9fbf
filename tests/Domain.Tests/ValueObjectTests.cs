using StreamEngine.Domain.Users;

namespace StreamEngine.Domain.Tests;

public sealed class ValueObjectTests
{
    [Theory]
    [InlineData("a@example.com", "a@example.com")]
    [InlineData("  Mixed.Case@Example.COM ", "mixed.case@example.com")]
    [InlineData("first+tag@sub.example.org", "first+tag@sub.example.org")]
    public void Valid_email_addresses_are_normalised(string input, string expected)
    {
        Assert.True(EmailAddress.TryParse(input, out var email));
        Assert.Equal(expected, email.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("a@localhost")]
    [InlineData("two words@example.com")]
    [InlineData("Name <a@example.com>")]
    public void Invalid_email_addresses_are_refused(string? input)
    {
        Assert.False(EmailAddress.TryParse(input, out _));
    }

    [Theory]
    [InlineData("@Alice", "alice")]
    [InlineData("bob.smith_2", "bob.smith_2")]
    public void Valid_handles_are_lower_cased(string input, string expected)
    {
        Assert.True(Handle.TryParse(input, out var handle));
        Assert.Equal(expected, handle.Value);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData(".dot")]
    [InlineData("dot.")]
    [InlineData("two..dots")]
    [InlineData("ünïcode")]
    [InlineData("this_handle_is_definitely_too_long")]
    public void Invalid_handles_are_refused(string input)
    {
        Assert.False(Handle.TryParse(input, out _));
    }

    [Theory]
    [InlineData("José Núñez", "jose_nunez")]
    [InlineData("  ", "user")]
    [InlineData("李", "user")]
    [InlineData("Mary-Jane O.Neil", "mary_jane_o_neil")]
    [InlineData("A very very very long display name indeed", "a_very_very_very_long_dis")]
    public void Handles_derived_from_names_are_always_valid(string name, string expected)
    {
        var handle = Handle.DeriveFrom(name);

        Assert.Equal(expected, handle.Value);
        Assert.True(Handle.TryParse(handle.Value, out _));
        Assert.True(Handle.TryParse(handle.WithSuffix(12345).Value, out _));
    }
}
