using StreamEngine.Application.Users;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests.Users;

public sealed class RefreshSessionTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_refresh_rotates_the_token_and_an_expired_session_is_refused()
    {
        var session = _world.Get<SessionIssuer>().Start(_world.AddUser(), null, out var token);

        var rotated = await _world.Get<RefreshSession>().Handle(token, default);
        _world.Clock.Advance(TimeSpan.FromDays(400));
        var late = await _world.Get<RefreshSession>().Handle(rotated.Value!.RefreshToken, default);

        Assert.NotEqual(token, rotated.Value.RefreshToken);
        Assert.Equal(session.Id, rotated.Value.SessionId);
        Assert.Equal("TOKEN_EXPIRED", late.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class LogoutTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Logging_out_everywhere_ends_every_session_and_tells_every_instance()
    {
        var user = _world.AddUser();
        var issuer = _world.Get<SessionIssuer>();
        var here = issuer.Start(user, "laptop", out _);
        issuer.Start(user, "phone", out _);
        _world.Caller.SignIn(user.Id, here.Id);

        var ended = await _world.Get<Logout>().Handle(everywhere: true, default);

        Assert.Equal(2, ended.Value);
        Assert.All(_world.Sessions.All, s => Assert.NotNull(s.RevokedAt));
        Assert.Null(Assert.Single(_world.SessionEvents.Published).SessionIds);
    }

    [Fact]
    public async Task Logging_out_here_ends_this_session_only()
    {
        var user = _world.AddUser();
        var here = _world.Get<SessionIssuer>().Start(user, "laptop", out _);
        var there = _world.Get<SessionIssuer>().Start(user, "phone", out _);
        _world.Caller.SignIn(user.Id, here.Id);

        await _world.Get<Logout>().Handle(everywhere: false, default);

        Assert.NotNull(here.RevokedAt);
        Assert.Null(there.RevokedAt);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class AuthenticateAccessTokenTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_token_of_an_ended_session_is_refused_though_its_signature_is_still_good()
    {
        var user = _world.AddUser();
        var session = _world.Get<SessionIssuer>().Start(user, null, out _);
        var token = _world.Tokens.IssueAccessToken(user, session);

        var before = await _world.Get<AuthenticateAccessToken>().Handle("Bearer " + token.Value, default);
        session.Revoke(_world.Clock.UtcNow, "logout");
        var after = await _world.Get<AuthenticateAccessToken>().Handle("Bearer " + token.Value, default);

        Assert.Equal(user.Id, before.Value!.Principal.UserId);
        Assert.Equal(token.ExpiresAt, before.Value.ExpiresAt);
        Assert.Equal("TOKEN_INVALID", after.Errors[0].Code);
    }

    [Fact]
    public async Task An_expired_token_says_so_and_garbage_is_invalid()
    {
        var user = _world.AddUser();
        var token = _world.Tokens.IssueAccessToken(user, _world.Get<SessionIssuer>().Start(user, null, out _));
        _world.Clock.Advance(TimeSpan.FromHours(1));

        var expired = await _world.Get<AuthenticateAccessToken>().Handle(token.Value, default);
        var garbage = await _world.Get<AuthenticateAccessToken>().Handle("Bearer ", default);

        Assert.Equal("TOKEN_EXPIRED", expired.Errors[0].Code);
        Assert.Equal("TOKEN_INVALID", garbage.Errors[0].Code);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class CheckSessionTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_session_is_active_for_its_own_user_only_until_it_expires()
    {
        var user = _world.AddUser();
        var session = _world.Get<SessionIssuer>().Start(user, null, out _);

        var own = await _world.Get<CheckSession>().Handle(new(user.Id, session.Id), default);
        var other = await _world.Get<CheckSession>().Handle(new(Guid.NewGuid(), session.Id), default);
        _world.Clock.Advance(TimeSpan.FromDays(400));
        var expired = await _world.Get<CheckSession>().Handle(new(user.Id, session.Id), default);

        Assert.True(own);
        Assert.False(other);
        Assert.False(expired);
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetMeTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task Anonymous_has_no_account_and_a_signed_in_caller_gets_theirs()
    {
        var anonymous = await _world.Get<GetMe>().Handle(default);
        var me = _world.SignIn();

        Assert.Null(anonymous);
        Assert.Same(me, await _world.Get<GetMe>().Handle(default));
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetUserTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_user_is_found_by_id_and_their_email_is_theirs_alone_to_see()
    {
        var ann = _world.AddUser();

        var found = await _world.Get<GetUser>().Handle(ann.Id, default);

        Assert.Same(ann, found);
        Assert.False(UserAccess.MaySeeEmail(ann, null));
        Assert.False(UserAccess.MaySeeEmail(ann, Guid.NewGuid()));
        Assert.True(UserAccess.MaySeeEmail(ann, ann.Id));
    }

    public void Dispose() => _world.Dispose();
}

public sealed class GetUserByHandleTests : IDisposable
{
    private readonly UseCaseWorld _world = new();

    [Fact]
    public async Task A_handle_is_matched_as_typed_with_an_at_sign_or_capitals_and_an_invalid_one_finds_nobody()
    {
        var ann = _world.AddUser();

        Assert.Same(ann, await _world.Get<GetUserByHandle>().Handle("@Ann_Films", default));
        Assert.Null(await _world.Get<GetUserByHandle>().Handle("no such handle!", default));
    }

    public void Dispose() => _world.Dispose();
}
