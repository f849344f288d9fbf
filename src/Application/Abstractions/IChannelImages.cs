using StreamEngine.Domain.Users;

namespace StreamEngine.Application.Abstractions;

/// <summary>A channel image upload: PUT the file's bytes to <see cref="Url"/> with <see cref="Headers"/>, then
/// complete it with <see cref="Token"/>.</summary>
public sealed record ChannelImageUpload(
    Uri Url,
    IReadOnlyDictionary<string, string> Headers,
    string Token,
    DateTimeOffset ExpiresAt
);

/// <summary>Channel avatars and banners: signed uploads, checked to be images and re-encoded to one fixed size each,
/// served at public URLs that change with each new image.</summary>
public interface IChannelImages
{
    ChannelImageUpload BeginUpload(Guid userId, ChannelImageKind kind, long sizeBytes, DateTimeOffset now);

    /// <summary>Image files the user uploaded and has not completed yet.</summary>
    int PendingUploads(Guid userId);

    /// <summary>Checks and re-encodes the uploaded file; returns the new version, or why it was refused. The upload
    /// is removed either way.</summary>
    Task<(long? Version, string? Refusal)> CompleteUploadAsync(
        Guid userId,
        ChannelImageKind kind,
        string token,
        DateTimeOffset now,
        CancellationToken ct
    );

    Uri? Url(User user, ChannelImageKind kind);

    Task DeleteAsync(Guid userId, ChannelImageKind kind, long version, CancellationToken ct);

    Task DeleteAllAsync(Guid userId, CancellationToken ct);
}
