using Microsoft.Extensions.Options;
using StreamEngine.Application.Users;

namespace StreamEngine.Application.Tests;

public sealed class PasswordPolicyTests
{
    private readonly PasswordPolicy _policy = new(Options.Create(new AccountOptions()));

    [Theory]
    [InlineData("violet-harbour-29")]
    [InlineData("correct horse battery staple")]
    [InlineData("Zx8!qLm#2pRt")]
    public void Good_passwords_pass(string password)
    {
        Assert.Null(_policy.Check(password, "ann@example.com", "ann_films"));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("password123")]
    [InlineData("Password123")]
    [InlineData("1111111111111")]
    [InlineData("abababababab")]
    [InlineData("AnnExample@example.com")]
    [InlineData("my-name-is-ann_films!")]
    [InlineData("annexample-2026")]
    public void Weak_passwords_fail_with_weak_password(string password)
    {
        var error = _policy.Check(password, "annexample@example.com", "ann_films");

        Assert.NotNull(error);
        Assert.Equal("WEAK_PASSWORD", error.Code);
        Assert.Equal("password", error.Field);
    }

    [Fact]
    public void Overlong_passwords_fail_so_hashing_cannot_be_abused()
    {
        Assert.Equal(
            "WEAK_PASSWORD",
            _policy.Check(new string('x', 100) + "Ab1!" + new string('y', 100), null, null)?.Code
        );
    }
}
