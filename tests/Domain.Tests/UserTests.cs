using StreamEngine.Domain.Users;

namespace StreamEngine.Domain.Tests;

public sealed class UserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private static User NewUser()
    {
        Assert.True(EmailAddress.TryParse("Ann@Example.com", out var email));
        Assert.True(Handle.TryParse("ann", out var handle));
        return User.Register(email, handle, " Ann ", "hash", Now);
    }

    [Fact]
    public void A_registered_user_is_unverified_with_a_trimmed_name_and_lower_case_email()
    {
        var user = NewUser();

        Assert.False(user.IsEmailVerified);
        Assert.Equal("ann@example.com", user.Email);
        Assert.Equal("Ann", user.DisplayName);
    }

    [Fact]
    public void Failed_logins_lock_the_account_after_the_threshold_with_a_doubling_wait()
    {
        var user = NewUser();
        for (var i = 0; i < 4; i++)
        {
            user.RecordFailedLogin(Now, threshold: 5, TimeSpan.FromMinutes(1));
        }

        Assert.False(user.IsLoginLocked(Now));
        user.RecordFailedLogin(Now, 5, TimeSpan.FromMinutes(1));
        Assert.Equal(Now.AddMinutes(1), user.LoginLockedUntil);
        user.RecordFailedLogin(Now, 5, TimeSpan.FromMinutes(1));
        Assert.Equal(Now.AddMinutes(2), user.LoginLockedUntil);
        Assert.False(user.IsLoginLocked(Now.AddMinutes(3)));
    }

    [Fact]
    public void The_lockout_never_exceeds_a_day()
    {
        var user = NewUser();
        for (var i = 0; i < 40; i++)
        {
            user.RecordFailedLogin(Now, 5, TimeSpan.FromMinutes(1));
        }

        Assert.Equal(Now.AddDays(1), user.LoginLockedUntil);
    }

    [Fact]
    public void A_successful_login_or_new_password_clears_the_failures()
    {
        var user = NewUser();
        for (var i = 0; i < 6; i++)
        {
            user.RecordFailedLogin(Now, 5, TimeSpan.FromMinutes(1));
        }

        user.ChangePassword("new-hash", Now);

        Assert.Equal(0, user.FailedLoginCount);
        Assert.False(user.IsLoginLocked(Now));
    }

    [Fact]
    public void An_account_cannot_be_linked_to_a_second_google_identity()
    {
        var user = NewUser();
        user.LinkGoogle("google-1");

        Assert.Throws<InvalidOperationException>(() => user.LinkGoogle("google-2"));
        user.LinkGoogle("google-1");
    }

    [Fact]
    public void Verifying_twice_keeps_the_first_instant()
    {
        var user = NewUser();
        user.MarkEmailVerified(Now);
        user.MarkEmailVerified(Now.AddDays(1));

        Assert.Equal(Now, user.EmailVerifiedAt);
    }
}
