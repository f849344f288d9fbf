using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;
using StreamEngine.Domain.Live;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Application.Live;

public sealed record CreateLiveStreamRequest(string? Title, string? Description, Visibility? Visibility, bool Record);

/// <summary>Creates a stream to broadcast to, with its key (the same account rules as uploading a video).</summary>
public sealed class CreateLiveStream(
    ILiveStreamStore streams,
    ILiveStreamQueries queries,
    IUserStore users,
    ICurrentUser caller,
    IClock clock,
    IOptions<AccountOptions> accountOptions,
    IOptions<LiveOptions> options
)
{
    public async Task<Result<LiveStream>> Handle(CreateLiveStreamRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var owner = await Uploader.FindAsync(users, caller, accountOptions.Value, ct);
        if (!owner.Succeeded)
        {
            return Result<LiveStream>.Failure(owner.Errors);
        }

        if (!options.Value.Enabled)
        {
            return LiveErrors.Disabled;
        }

        if (VideoErrors.OfText(request.Title, request.Description) is { Count: > 0 } invalid)
        {
            return Result<LiveStream>.Failure(invalid);
        }

        var open = (await queries.OwnedAsync(owner.Value.Id, options.Value.MaxOpenPerUser + 1, ct)).Count(s =>
            s.Status != LiveStreamStatus.Ended
        );
        if (open >= options.Value.MaxOpenPerUser)
        {
            return LiveErrors.TooManyOpen(options.Value.MaxOpenPerUser);
        }

        var stream = LiveStream.Create(
            owner.Value.Id,
            request.Title!,
            request.Description,
            request.Visibility ?? Visibility.Public,
            request.Record,
            StreamKeys.New(),
            clock.UtcNow
        );
        streams.AddLiveStream(stream);
        await streams.SaveChangesAsync(ct);
        return stream;
    }
}

/// <summary>Stream keys: random, and only letters and digits (they travel in RTMP paths and SRT stream ids).</summary>
internal static class StreamKeys
{
    public static string New() => "live_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(17));
}
