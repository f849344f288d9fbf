using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Abstractions;

/// <summary>Persistence of one-time codes (e-mail verification, password reset); <see cref="SaveChangesAsync"/> is the
/// scope's unit of work.</summary>
public interface IOneTimeCodeStore
{
    Task<OneTimeCode?> FindCodeByTokenHashAsync(string tokenHash, OneTimeCodePurpose purpose, CancellationToken ct);

    Task<IReadOnlyList<OneTimeCode>> ListCodesAsync(
        Guid userId,
        OneTimeCodePurpose purpose,
        DateTimeOffset since,
        CancellationToken ct
    );

    void AddCode(OneTimeCode code);

    Task SaveChangesAsync(CancellationToken ct);
}
