using StreamEngine.Application.Users;

namespace StreamEngine.Application.Tests;

public sealed class TokenFormatTests
{
    [Fact]
    public void Secrets_are_random_and_only_their_hashes_compare()
    {
        var a = SecretTokens.NewToken();
        var b = SecretTokens.NewToken();

        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length);
        Assert.Equal(64, SecretTokens.Hash(a).Length);
        Assert.True(SecretTokens.HashesEqual(SecretTokens.Hash(a), SecretTokens.Hash(a)));
        Assert.False(SecretTokens.HashesEqual(SecretTokens.Hash(a), SecretTokens.Hash(b)));
    }

    [Fact]
    public void Codes_are_six_digits_and_hashed_per_account()
    {
        var code = SecretTokens.NewCode();

        Assert.Matches("^[0-9]{6}$", code);
        Assert.NotEqual(SecretTokens.HashCode(Guid.NewGuid(), code), SecretTokens.HashCode(Guid.NewGuid(), code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("AAAA")]
    public void Strings_that_are_not_refresh_tokens_name_no_session(string? token)
    {
        Assert.Null(SessionIssuer.SessionIdOf(token));
    }

    [Theory]
    [InlineData("Bearer abc", "abc")]
    [InlineData("bearer   abc ", "abc")]
    [InlineData("abc", "abc")]
    [InlineData("Bearer ", null)]
    [InlineData(null, null)]
    public void Bearer_values_are_accepted_with_or_without_the_scheme(string? header, string? token)
    {
        Assert.Equal(token, AuthenticateAccessToken.ExtractBearer(header));
    }
}
