using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Delivery;

public enum MediaLookup
{
    Found,
    BadSignature,
    NotFound,
}

/// <summary>A media request's outcome; <see cref="Audience"/> says whom its URL was signed for.</summary>
public sealed record MediaFile(MediaLookup Result, string? PhysicalPath, PlaybackAudience Audience);

/// <summary>Serving produced media from this server (the local delivery adapter): checks the signed token that
/// covers the video's folder and finds the file.</summary>
public interface IMediaFiles
{
    MediaFile Resolve(Guid videoId, string token, string relativePath);
}
