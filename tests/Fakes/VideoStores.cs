using StreamEngine.Application.Abstractions;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Fakes;

public sealed class InMemoryVideos : UnitOfWorkFake, IVideoStore
{
    public List<Video> All { get; } = [];

    public Task<Video?> FindVideoAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(v => v.Id == id));

    public Task ReloadAsync(Video video, CancellationToken ct) => Task.CompletedTask;

    public Task<IReadOnlyList<Video>> ListVideosOfOwnerAsync(Guid ownerId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Video>>([.. All.Where(v => v.OwnerId == ownerId)]);

    public void AddVideo(Video video) => All.Add(video);

    public void RemoveVideo(Video video) => All.Remove(video);
}

public sealed class InMemoryUploads : UnitOfWorkFake, IUploadSessionStore
{
    public List<UploadSession> All { get; } = [];

    public Task<UploadSession?> FindUploadAsync(Guid id, CancellationToken ct) =>
        Task.FromResult(All.FirstOrDefault(s => s.Id == id));

    public Task<IReadOnlyList<UploadSession>> ListUploadsOfVideoAsync(Guid videoId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<UploadSession>>([.. All.Where(s => s.VideoId == videoId)]);

    public Task<IReadOnlyList<UploadSession>> ListExpiredOpenUploadsAsync(
        DateTimeOffset now,
        int max,
        CancellationToken ct
    ) =>
        Task.FromResult<IReadOnlyList<UploadSession>>([
            .. All.Where(s => s.CompletedAt is null && s.AbortedAt is null && s.ExpiresAt <= now)
                .OrderBy(s => s.ExpiresAt)
                .Take(max),
        ]);

    public Task<(int Count, long Bytes)> OpenUploadsOfOwnerAsync(Guid ownerId, DateTimeOffset now, CancellationToken ct)
    {
        var open = All.Where(s => s.OwnerId == ownerId && s.IsOpen(now)).ToList();
        return Task.FromResult((open.Count, open.Sum(s => s.SizeBytes)));
    }

    public void AddUpload(UploadSession session) => All.Add(session);

    public void RemoveUpload(UploadSession session) => All.Remove(session);
}
