using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Common;
using StreamEngine.Domain.Users;
using StreamEngine.Domain.Videos;
using StreamEngine.Infrastructure.Persistence;
using StreamEngine.Infrastructure.Webhooks;
using StreamEngine.TestSupport;

namespace StreamEngine.Infrastructure.Tests;

public sealed class WebhookAdapterTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("::ffff:169.254.169.254", false)]
    public void Only_public_unicast_addresses_may_be_reached(string address, bool allowed) =>
        Assert.Equal(allowed, PublicAddresses.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public void A_signature_has_the_timestamp_and_one_hmac_per_secret_over_timestamp_dot_body()
    {
        const string body = """{"id":"1","type":"video.ready"}""";

        var header = WebhookSignature.Sign(["whsec_new", "whsec_old"], 1_764_590_400, body);

        var parts = header.Split(',');
        Assert.Equal("t=1764590400", parts[0]);
        Assert.Equal(
            [Hmac("whsec_new", "1764590400." + body), Hmac("whsec_old", "1764590400." + body)],
            parts.Skip(1).Select(p => p["v1=".Length..])
        );
    }

    [Fact]
    public async Task The_outbox_gets_a_message_in_the_same_save_as_each_status_change_and_none_for_other_edits()
    {
        var options = new DbContextOptionsBuilder<SqliteDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_directory.Path, "outbox.db")};Foreign Keys=True")
            .AddInterceptors(new VideoOutboxInterceptor(new FixedClock()))
            .Options;
        await using var db = new SqliteDbContext(options);
        await db.Database.MigrateAsync();
        Assert.True(EmailAddress.TryParse("outbox@example.com", out var email));
        Assert.True(Handle.TryParse("outbox_user", out var handle));
        var user = User.Register(email, handle, "Outbox", "hash", Now);
        var video = Video.Create(user.Id, "Clip", null, Now);
        db.Users.Add(user);
        db.Videos.Add(video);

        await db.SaveChangesAsync();
        video.MarkUploaded(1000, 10, 1280, 720, Now);
        await db.SaveChangesAsync();
        video.Edit("Renamed", null, null, Now);
        await db.SaveChangesAsync();
        video.MarkPlayable(Now);
        await db.SaveChangesAsync();
        video.MarkReady([new Rendition("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f")], 10, 1280, 720, Now);
        await db.SaveChangesAsync();
        db.Videos.Remove(video);
        await db.SaveChangesAsync();

        var messages = await db.OutboxMessages.AsNoTracking().OrderBy(m => m.OccurredAt).ToListAsync();
        Assert.Equal(
            ["video.created", "video.processing", "video.playable", "video.ready", "video.deleted"],
            messages.Select(m => m.Type)
        );
        Assert.All(messages, m => Assert.Equal(user.Id, m.OwnerId));
        var playable = JsonDocument.Parse(messages[2].Body).RootElement.GetProperty("data");
        Assert.Equal(
            ("PROCESSING", true),
            (playable.GetProperty("status").GetString(), playable.GetProperty("playable").GetBoolean())
        );
        var ready = JsonDocument.Parse(messages[3].Body).RootElement;
        Assert.Equal(messages[3].Id, ready.GetProperty("id").GetGuid());
        Assert.Equal("video.ready", ready.GetProperty("type").GetString());
        Assert.Equal(GlobalId.Of(NodeTypes.Video, video.Id), ready.GetProperty("data").GetProperty("id").GetString());
        Assert.Equal("READY", ready.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("Renamed", ready.GetProperty("data").GetProperty("title").GetString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private static string Hmac(string secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));

    /// <summary>A millisecond later at every reading, so messages order by time.</summary>
    private sealed class FixedClock : IClock
    {
        private int _ticks;

        public DateTimeOffset UtcNow => Now.AddMilliseconds(Interlocked.Increment(ref _ticks));
    }
}
