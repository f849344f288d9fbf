using Microsoft.EntityFrameworkCore;
using StreamEngine.Domain.Videos;

namespace StreamEngine.Infrastructure.Tests;

/// <summary>A video's media columns (JSON text): what is written reads back, a list changed in place is saved, and
/// the JSON the earlier mapping (EF Core owned types) wrote still reads.</summary>
public abstract partial class PersistenceTests
{
    private static readonly Rendition Hd = new("720p", 1280, 720, 3_000_000, 2_800_000, "avc1.64001f,mp4a.40.2");
    private static readonly Rendition Sd = new("360p", 640, 360, 900_000, 800_000, "avc1.64001e,mp4a.40.2");

    [Fact]
    public async Task A_videos_media_round_trips_and_lists_changed_in_place_are_saved()
    {
        var owner = NewUser("media");
        var video = Video.Create(owner.Id, "With media", null, Now);
        video.MarkUploaded(1000, 10, 1280, 720, Now);
        video.MarkReady([Hd, Sd], 10, 1280, 720, Now, new Storyboard(2, 160, 90, 10, 10, 5));
        video.PutCaption(new Caption("en", "English", "en.vtt", Now), Now, out _);
        video.ReplaceThumbnails([new Thumbnail(320, 180, "t320.jpg"), new Thumbnail(1280, 720, "t1280.jpg")], Now);
        await using (var db = _newContext())
        {
            db.Users.Add(owner);
            db.Videos.Add(video);
            await db.SaveChangesAsync();
        }

        await using (var db = _newContext())
        {
            var stored = await db.Videos.SingleAsync(v => v.Id == video.Id);
            Assert.Equal([Hd, Sd], stored.Renditions);
            Assert.Equal(new Storyboard(2, 160, 90, 10, 10, 5), stored.Storyboard);
            Assert.Equal([new Caption("en", "English", "en.vtt", Now)], stored.Captions);
            Assert.Equal(["t1280.jpg", "t320.jpg"], stored.Thumbnails.Select(t => t.File));

            // In place: the entity's lists are the same objects, so only a snapshot that copies them sees this.
            stored.PutCaption(new Caption("fr", "Français", "fr.vtt", Now), Now, out _);
            stored.RemoveCaption("en", Now);
            stored.ReplaceThumbnails([new Thumbnail(640, 360, "t640.jpg")], Now);
            await db.SaveChangesAsync();
        }

        await using var check = _newContext();
        var changed = await check.Videos.AsNoTracking().SingleAsync(v => v.Id == video.Id);
        Assert.Equal(["fr"], changed.Captions.Select(c => c.Language));
        Assert.Equal(["t640.jpg"], changed.Thumbnails.Select(t => t.File));
        Assert.Equal([Hd, Sd], changed.Renditions);
    }

    [Fact]
    public async Task Media_written_by_the_earlier_owned_json_mapping_still_reads()
    {
        var owner = NewUser("oldmedia");
        var video = Video.Create(owner.Id, "Stored before", null, Now);
        video.MarkUploaded(1000, 10, 1280, 720, Now);
        video.MarkReady([], 10, 1280, 720, Now);
        await using (var db = _newContext())
        {
            db.Users.Add(owner);
            db.Videos.Add(video);
            await db.SaveChangesAsync();

            // As EF Core's owned JSON wrote it: C# property names; on SQLite every instant as UTC ticks. Thumbnails
            // NULL, as in a row from before that column existed.
            var sqlite = db.Database.IsSqlite();
            var cast = sqlite ? "" : "::jsonb";
            var added = sqlite
                ? Now.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : "\"2026-11-25T12:00:00+00:00\"";
            const string rendition =
                "{\"AverageBandwidth\":2800000,\"Bandwidth\":3000000,\"Codecs\":\"avc1.64001f,mp4a.40.2\","
                + "\"Height\":720,\"Name\":\"720p\",\"Width\":1280}";
            const string storyboard =
                "{\"Columns\":10,\"Count\":5,\"IntervalSeconds\":2,\"Rows\":10,\"TileHeight\":90,"
                + "\"TileWidth\":160}";
            var caption = $"{{\"AddedAt\":{added},\"Key\":\"en.vtt\",\"Label\":\"English\",\"Language\":\"en\"}}";
            var sql =
                $"UPDATE videos SET renditions = '[{rendition}]'{cast}, captions = '[{caption}]'{cast}, "
                + $"storyboard = '{storyboard}'{cast}, thumbnails = NULL";
            // Raw SQL takes {0}-style placeholders: the JSON's braces are doubled.
            await db.Database.ExecuteSqlRawAsync(sql.Replace("{", "{{").Replace("}", "}}"));
        }

        await using var check = _newContext();
        var stored = await check.Videos.SingleAsync(v => v.Id == video.Id);
        Assert.Equal([Hd], stored.Renditions);
        Assert.Equal([new Caption("en", "English", "en.vtt", Now)], stored.Captions);
        Assert.Equal(new Storyboard(2, 160, 90, 10, 10, 5), stored.Storyboard);
        Assert.Empty(stored.Thumbnails);
        stored.ReplaceThumbnails([new Thumbnail(320, 180, "t.jpg")], Now);
        await check.SaveChangesAsync();
        await using var again = _newContext();
        Assert.Single((await again.Videos.AsNoTracking().SingleAsync(v => v.Id == video.Id)).Thumbnails);
    }
}
