using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Users;

public sealed class ChangePasswordTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_change_ends_every_other_session_and_keeps_this_one()
    {
        var user = _world.AddUser();
        var here = _world.Get<SessionIssuer>().Start(user, "laptop", out _);
        var there = _world.Get<SessionIssuer>().Start(user, "phone", out _);
        _world.Caller.SignIn(user.Id, here.Id);

        var result = await _world.Get<ChangePassword>().Handle(new(UseCaseWorld.Password, "amber-lantern-47"), default);

        Assert.True(result.Succeeded);
        Assert.Null(here.RevokedAt);
        Assert.NotNull(there.RevokedAt);
        Assert.Equal([there.Id], Assert.Single(_world.SessionEvents.Published).SessionIds);
    }

    [Fact]
    public async Task A_wrong_current_password_changes_nothing()
    {
        var user = _world.SignIn();
        var before = user.PasswordHash;

        var result = await _world.Get<ChangePassword>().Handle(new("wrong-password-1", "amber-lantern-47"), default);

        Assert.Equal("INVALID_CREDENTIALS", result.Errors[0].Code);
        Assert.Equal(before, user.PasswordHash);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class RequestPasswordResetTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Any_valid_address_is_queued_the_same_whether_or_not_it_has_an_account()
    {
        _world.AddUser();

        var known = await _world.Get<RequestPasswordReset>().Handle("ann_films@example.com", default);
        var unknown = await _world.Get<RequestPasswordReset>().Handle("nobody@example.com", default);
        var invalid = await _world.Get<RequestPasswordReset>().Handle("nobody", default);

        Assert.True(known.Value);
        Assert.True(unknown.Value);
        Assert.Equal("INVALID_EMAIL", invalid.Errors[0].Code);
        Assert.Equal(2, _world.ResetRequests.Queued.Count);
        Assert.Empty(_world.Email.Sent);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class SendPasswordResetMailTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task An_account_is_mailed_once_per_resend_interval_and_an_unknown_address_gets_nothing()
    {
        _world.AddUser();
        Assert.True(EmailAddress.TryParse("ann_films@example.com", out var known));
        Assert.True(EmailAddress.TryParse("nobody@example.com", out var unknown));

        await _world.Get<SendPasswordResetMail>().Handle(known, default);
        await _world.Get<SendPasswordResetMail>().Handle(known, default);
        await _world.Get<SendPasswordResetMail>().Handle(unknown, default);

        Assert.Equal("ann_films@example.com", Assert.Single(_world.Email.Sent).To);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class ResetPasswordTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_mailed_code_sets_the_password_ends_old_sessions_and_works_once()
    {
        var user = _world.AddUser();
        var old = _world.Get<SessionIssuer>().Start(user, null, out _);
        Assert.True(EmailAddress.TryParse(user.Email, out var email));
        await _world.Get<SendPasswordResetMail>().Handle(email, default);
        var code = Mail.Code(_world.Email);

        var reset = await _world
            .Get<ResetPassword>()
            .Handle(new(code, user.Email, "amber-lantern-47", null, "198.51.100.1"), default);
        var again = await _world
            .Get<ResetPassword>()
            .Handle(new(code, user.Email, "other-lantern-48", null, "198.51.100.1"), default);

        Assert.True(reset.Succeeded);
        Assert.NotNull(old.RevokedAt);
        Assert.Equal("hash:amber-lantern-47", user.PasswordHash);
        Assert.Equal("TOKEN_INVALID", again.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class RequestEmailVerificationTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_verified_address_is_not_mailed_again()
    {
        var user = _world.SignIn();
        user.MarkEmailVerified(_world.Clock.UtcNow);

        var result = await _world.Get<RequestEmailVerification>().Handle(default);

        Assert.Equal("EMAIL_ALREADY_VERIFIED", result.Errors[0].Code);
        Assert.Empty(_world.Email.Sent);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class VerifyEmailTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_link_token_verifies_the_address_and_a_made_up_one_does_not()
    {
        var user = _world.SignIn();
        await _world.Get<RequestEmailVerification>().Handle(default);
        _world.Caller.SignOut();

        var forged = await _world.Get<VerifyEmail>().Handle(new(new string('x', 43), null, "198.51.100.1"), default);
        var verified = await _world
            .Get<VerifyEmail>()
            .Handle(new(Mail.Token(_world.Email), null, "198.51.100.1"), default);

        Assert.Equal("TOKEN_INVALID", forged.Errors[0].Code);
        Assert.True(verified.Value!.IsEmailVerified);
        Assert.Same(user, verified.Value);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class DeleteAccountTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task The_right_password_erases_the_account_with_its_videos_files_and_sessions()
    {
        var user = _world.SignIn();
        var video = _world.AddVideo(user.Id, VideoStatus.Processing);

        var refused = await _world.Get<DeleteAccount>().Handle("wrong-password-1", default);
        var deleted = await _world.Get<DeleteAccount>().Handle(UseCaseWorld.Password, default);

        Assert.Equal("INVALID_CREDENTIALS", refused.Errors[0].Code);
        Assert.Equal(user.Id, deleted.Value);
        Assert.Equal([user.Id], _world.Erasure.Erased);
        Assert.Equal([video.Id], _world.Pipeline.Cancelled);
        Assert.Equal([video.Id], _world.Storage.MediaDeleted);
        Assert.Null(Assert.Single(_world.SessionEvents.Published).SessionIds);
    }

    public void Dispose() => _world.Dispose();
}
