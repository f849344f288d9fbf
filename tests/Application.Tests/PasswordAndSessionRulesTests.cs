using StreamEngine.Application.Users;
using StreamEngine.Domain.Users;
using StreamEngine.Fakes;

namespace StreamEngine.Application.Tests;

/// <summary>The account rules that must hold under attack, each against in-memory ports.</summary>
public sealed class PasswordAndSessionRulesTests : IDisposable
{
    private static readonly DateTimeOffset Now = UseCaseWorld.Start;
    private readonly UseCaseWorld _world = new();
    private readonly CountingHasher _hasher;
    private readonly FakeClock _clock;

    public PasswordAndSessionRulesTests()
    {
        _hasher = _world.Hasher;
        _clock = _world.Clock;
    }

    private PasswordAttempts Attempts => _world.Get<PasswordAttempts>();

    private User NewUser() => _world.AddUser();

    [Fact]
    public async Task An_attempt_is_counted_and_saved_before_the_password_is_checked()
    {
        var user = NewUser();

        var result = await Attempts.CheckAsync(
            user,
            "wrong-password-1",
            "password",
            AccountErrors.InvalidCredentials,
            default
        );

        Assert.Equal("INVALID_CREDENTIALS", result.Errors[0].Code);
        Assert.Equal(1, user.FailedLoginCount);
        Assert.Equal(1, _world.Users.Saves);
        Assert.Equal(1, _hasher.Verifications);
    }

    [Fact]
    public async Task An_attempt_that_loses_the_race_for_the_count_is_never_checked()
    {
        var user = NewUser();
        _world.Users.ConflictOnNextSave = true;

        var result = await Attempts.CheckAsync(
            user,
            "violet-harbour-29",
            null,
            AccountErrors.InvalidCredentials,
            default
        );

        Assert.Equal("TOO_MANY_ATTEMPTS", result.Errors[0].Code);
        Assert.Equal(0, _hasher.Verifications);
    }

    [Fact]
    public async Task A_locked_account_is_refused_without_hashing_and_the_right_password_resets_the_count()
    {
        var user = NewUser();
        for (var i = 0; i < 5; i++)
        {
            await Attempts.CheckAsync(user, "wrong-password-" + i, null, AccountErrors.InvalidCredentials, default);
        }

        var locked = await Attempts.CheckAsync(
            user,
            "violet-harbour-29",
            null,
            AccountErrors.InvalidCredentials,
            default
        );
        _clock.UtcNow = Now.AddMinutes(2);
        var right = await Attempts.CheckAsync(
            user,
            "violet-harbour-29",
            null,
            AccountErrors.InvalidCredentials,
            default
        );

        Assert.Equal("TOO_MANY_ATTEMPTS", locked.Errors[0].Code);
        Assert.Equal(6, _hasher.Verifications);
        Assert.True(right.Succeeded);
        Assert.Equal(0, user.FailedLoginCount);
    }

    [Fact]
    public async Task A_guessed_secret_changes_nothing_and_a_replayed_token_ends_the_session_everywhere()
    {
        var user = NewUser();
        var events = _world.SessionEvents;
        var sessions = _world.Get<SessionIssuer>();
        var refresh = _world.Get<RefreshSession>();
        var session = sessions.Start(user, null, out var first);
        var guess = SecretTokens.Base64Url([.. session.Id.ToByteArray(), .. new byte[32]]);

        var guessed = await refresh.Handle(guess, default);
        var rotated = await refresh.Handle(first, default);
        var replayed = await refresh.Handle(first, default);

        Assert.Equal("TOKEN_INVALID", guessed.Errors[0].Code);
        Assert.True(rotated.Succeeded);
        Assert.Equal("TOKEN_INVALID", replayed.Errors[0].Code);
        Assert.NotNull(session.RevokedAt);
        Assert.Equal([session.Id], events.Published.Single().SessionIds);
    }

    [Fact]
    public async Task A_refresh_that_loses_a_race_with_the_same_token_ends_the_session()
    {
        var user = NewUser();
        var events = _world.SessionEvents;
        var sessions = _world.Get<SessionIssuer>();
        var session = sessions.Start(user, null, out var token);
        _world.Sessions.ConflictOnNextSave = true;

        var lost = await _world.Get<RefreshSession>().Handle(token, default);

        Assert.Equal("TOKEN_INVALID", lost.Errors[0].Code);
        Assert.NotNull(session.RevokedAt);
        Assert.Single(events.Published);
    }

    public void Dispose() => _world.Dispose();
}
