using System.Buffers.Text;
using System.Text;

namespace StreamEngine.Application.Common;

/// <summary>Relay global ids: opaque to clients, unique across the whole schema because each names its type
/// (base64url of <c>Type:key[:key]</c>). A user and their channel share a database key but never an id.</summary>
public static class GlobalId
{
    public static string Of(string type, Guid key) => Encode($"{type}:{key:N}");

    public static string Of(string type, Guid key, Guid second) => Encode($"{type}:{key:N}:{second:N}");

    public static string Of(string type, Guid key, long second) => Encode($"{type}:{key:N}:{second}");

    /// <summary>The type and keys of an id, or false when it is not one of ours.</summary>
    public static bool TryParse(string? id, out string type, out Guid[] keys)
    {
        type = string.Empty;
        keys = [];
        if (string.IsNullOrEmpty(id) || id.Length > 200)
        {
            return false;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(id.Length)];
        if (Base64Url.DecodeFromChars(id, bytes, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var parts = text.Split(':');
        if (parts.Length is < 2 or > 3 || !NodeTypes.All.Contains(parts[0]))
        {
            return false;
        }

        var parsed = new Guid[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            if (!Guid.TryParseExact(parts[i], "N", out parsed[i - 1]))
            {
                // A second key that is a number (an event's sequence) is not a Guid; keep only the first.
                if (i == 2 && long.TryParse(parts[i], out _))
                {
                    Array.Resize(ref parsed, 1);
                    break;
                }

                return false;
            }
        }

        type = parts[0];
        keys = parsed;
        return true;
    }

    /// <summary>The key of an id of <paramref name="type"/>, or null when the id is malformed or names another
    /// type.</summary>
    public static Guid? Key(string? id, string type) =>
        TryParse(id, out var actual, out var keys) && actual == type && keys.Length == 1 ? keys[0] : null;

    /// <summary>The error for an argument or input field that is not an id of <paramref name="type"/>.</summary>
    public static Error Invalid(string type, string field) =>
        new("INVALID_ID", $"'{field}' is not the id of a {type}.", field, ErrorKind.Validation);

    private static string Encode(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}

/// <summary>The names of the types that implement <c>Node</c> (the first part of their ids).</summary>
public static class NodeTypes
{
    public const string User = "User";
    public const string Channel = "Channel";
    public const string Viewer = "Viewer";
    public const string Video = "Video";
    public const string Comment = "Comment";
    public const string Playlist = "Playlist";
    public const string PlaylistItem = "PlaylistItem";
    public const string UploadSession = "UploadSession";
    public const string Dashboard = "Dashboard";
    public const string VideoEvent = "VideoEvent";
    public const string WebhookEndpoint = "WebhookEndpoint";
    public const string WebhookDelivery = "WebhookDelivery";
    public const string LiveStream = "LiveStream";
    public const string LiveStreamEvent = "LiveStreamEvent";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(
        [
            User,
            Channel,
            Viewer,
            Video,
            Comment,
            Playlist,
            PlaylistItem,
            UploadSession,
            Dashboard,
            VideoEvent,
            WebhookEndpoint,
            WebhookDelivery,
            LiveStream,
            LiveStreamEvent,
        ],
        StringComparer.Ordinal
    );
}
