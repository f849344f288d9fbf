using GraphQL.Types;
using StreamEngine.Application.Videos;
using StreamEngine.Web.GraphQL.Common;

namespace StreamEngine.Web.GraphQL.Videos;

public sealed class StoryboardType : ObjectGraphType<StoryboardView>
{
    public StoryboardType()
    {
        Name = "Storyboard";
        Description =
            "Timeline hover previews: one JPEG sprite of tiles and a WebVTT file whose cues point at each tile as "
            + "sprite.jpg#xywh=x,y,w,h (players fetch the sprite once and crop).";
        Field<NonNullGraphType<UrlType>>("vttUrl")
            .Description("The WebVTT file, signed; its cues' relative sprite URLs resolve against it.")
            .Resolve(c => c.Source.VttUrl);
        Field<NonNullGraphType<UrlType>>("spriteUrl")
            .Description("The sprite, signed.")
            .Resolve(c => c.Source.SpriteUrl);
        Field<NonNullGraphType<IntGraphType>>("tileWidth")
            .Description("A tile's width in pixels.")
            .Resolve(c => c.Source.Layout.TileWidth);
        Field<NonNullGraphType<IntGraphType>>("tileHeight")
            .Description("A tile's height in pixels.")
            .Resolve(c => c.Source.Layout.TileHeight);
        Field<NonNullGraphType<IntGraphType>>("intervalSeconds")
            .Description("Seconds of video per tile.")
            .Resolve(c => c.Source.Layout.IntervalSeconds);
        Field<NonNullGraphType<IntGraphType>>("columns")
            .Description("Tiles per row of the sprite.")
            .Resolve(c => c.Source.Layout.Columns);
        Field<NonNullGraphType<IntGraphType>>("tileCount")
            .Description("How many tiles the video has (at most 200).")
            .Resolve(c => c.Source.Layout.Count);
    }
}
