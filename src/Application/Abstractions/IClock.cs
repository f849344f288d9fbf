namespace StreamEngine.Application.Abstractions;

/// <summary>The current time; injected so tests can move it.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }
}
