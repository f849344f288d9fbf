using StreamEngine.Application.Common;

namespace StreamEngine.Application.Users;

/// <summary>Every expected failure of the account use cases.</summary>
public static class AccountErrors
{
    public static readonly Error NotAuthenticated = new(
        "NOT_AUTHENTICATED",
        "You must be signed in.",
        Kind: ErrorKind.Unauthenticated
    );
    public static readonly Error TokenInvalid = new("TOKEN_INVALID", "The token is not valid.");
    public static readonly Error TokenExpired = new("TOKEN_EXPIRED", "The token has expired.");
    public static readonly Error EmailTaken = new(
        "EMAIL_TAKEN",
        "An account with this e-mail address already exists.",
        "email",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error HandleTaken = new(
        "HANDLE_TAKEN",
        "This handle is taken.",
        "handle",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error InvalidEmail = new("INVALID_EMAIL", "This is not a valid e-mail address.", "email");
    public static readonly Error InvalidHandle = new(
        "INVALID_HANDLE",
        "A handle has 3 to 30 characters: letters, digits, '_' and '.'.",
        "handle"
    );
    public static readonly Error InvalidDisplayName = new(
        "INVALID_DISPLAY_NAME",
        "A display name has 1 to 80 characters.",
        "displayName"
    );
    public static readonly Error InvalidBio = new("INVALID_BIO", "A bio has at most 1000 characters.", "bio");
    public static readonly Error InvalidCredentials = new(
        "INVALID_CREDENTIALS",
        "The e-mail address or password is wrong."
    );
    public static readonly Error EmailNotVerified = new("EMAIL_NOT_VERIFIED", "Verify your e-mail address first.");
    public static readonly Error EmailAlreadyVerified = new(
        "EMAIL_ALREADY_VERIFIED",
        "The e-mail address is already verified.",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error AccountExistsUnverified = new(
        "ACCOUNT_EXISTS_UNVERIFIED",
        "An account with this e-mail address exists but its address is not verified; sign in with the password "
            + "and verify it first.",
        Kind: ErrorKind.Conflict
    );
    public static readonly Error TooManyAttempts = new(
        "TOO_MANY_ATTEMPTS",
        "Too many attempts; try again later.",
        Kind: ErrorKind.RateLimited
    );
    public static readonly Error NoPassword = new(
        "NO_PASSWORD",
        "This account signs in with Google and has no password."
    );

    public static Error WeakPassword(string reason, string field = "password") => new("WEAK_PASSWORD", reason, field);

    public static Error TooManyAttemptsFor(TimeSpan retryAfter) =>
        TooManyAttempts with
        {
            Message =
                $"Too many attempts; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} seconds.",
        };
}
