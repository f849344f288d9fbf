using StreamEngine.Domain.Users;

namespace StreamEngine.Domain.Tests;

public sealed class SessionAndCodeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_session_rotates_its_token_and_slides_its_expiry()
    {
        var session = Session.Start(Guid.NewGuid(), "h1", "Firefox", Now, TimeSpan.FromDays(30));

        session.Rotate("h2", Now.AddDays(10), TimeSpan.FromDays(30));

        Assert.Equal("h2", session.CurrentTokenHash);
        Assert.Equal(Now.AddDays(40), session.ExpiresAt);
        Assert.True(session.IsActive(Now.AddDays(39)));
        Assert.False(session.IsActive(Now.AddDays(41)));
    }

    [Fact]
    public void A_session_knows_the_tokens_it_rotated_away_and_no_others()
    {
        var session = Session.Start(Guid.NewGuid(), "pending", null, Now, TimeSpan.FromDays(30));
        session.Rotate("h1", Now, TimeSpan.FromDays(30));
        for (var i = 2; i <= Session.RetiredTokensKept + 2; i++)
        {
            session.Rotate("h" + i, Now, TimeSpan.FromDays(30));
        }

        Assert.True(session.WasRotatedAway("h2"));
        Assert.True(session.WasRotatedAway("h" + (Session.RetiredTokensKept + 1)));
        Assert.False(session.WasRotatedAway("h" + (Session.RetiredTokensKept + 2)));
        Assert.False(session.WasRotatedAway("h1"));
        Assert.False(session.WasRotatedAway("pending"));
        Assert.False(session.WasRotatedAway("a-guess"));
    }

    [Fact]
    public void A_revoked_session_stays_revoked_and_cannot_rotate()
    {
        var session = Session.Start(Guid.NewGuid(), "h1", null, Now, TimeSpan.FromDays(30));
        session.Revoke(Now, "logout");
        session.Revoke(Now.AddHours(1), "other");

        Assert.Equal("logout", session.RevokedReason);
        Assert.False(session.IsActive(Now));
        Assert.Throws<InvalidOperationException>(() => session.Rotate("h2", Now, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void A_one_time_code_is_usable_until_spent_expired_or_guessed_at_too_often()
    {
        var code = OneTimeCode.Issue(
            Guid.NewGuid(),
            OneTimeCodePurpose.VerifyEmail,
            "t",
            "c",
            Now,
            TimeSpan.FromHours(24)
        );

        Assert.True(code.IsUsable(Now, maxAttempts: 2));
        Assert.False(code.IsUsable(Now.AddHours(24), 2));
        code.RecordAttempt();
        code.RecordAttempt();
        Assert.False(code.IsUsable(Now, 2));

        var other = OneTimeCode.Issue(
            Guid.NewGuid(),
            OneTimeCodePurpose.ResetPassword,
            "t2",
            "c2",
            Now,
            TimeSpan.FromHours(1)
        );
        other.Consume(Now);
        Assert.False(other.IsUsable(Now, 5));
    }
}
