namespace StreamEngine.Application.Engagement;

/// <summary>The <c>StreamEngine:Engagement</c> section.</summary>
public sealed class EngagementOptions
{
    public const string Section = "StreamEngine:Engagement";

    /// <summary>A viewer's views of one video count once per this window.</summary>
    public TimeSpan ViewWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>The newest entries a watch history keeps.</summary>
    public int WatchHistoryLimit { get; set; } = 1000;
}
