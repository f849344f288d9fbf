using StreamEngine.Domain.Videos;
using StreamEngine.Transcoder;

namespace StreamEngine.Infrastructure.Pipelines;

/// <summary>The transcoder's storyboard layout as the domain keeps it.</summary>
internal static class PipelineStoryboard
{
    public static Storyboard? Of(StoryboardLayout? layout) =>
        layout is null
            ? null
            : new Storyboard(
                layout.IntervalSeconds,
                layout.TileWidth,
                layout.TileHeight,
                layout.Columns,
                layout.Rows,
                layout.Count
            );
}
