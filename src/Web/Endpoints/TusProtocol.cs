using System.Globalization;
using System.Text;
using StreamEngine.Application.Common;
using StreamEngine.Application.Videos;
using StreamEngine.Web.Hosting.Authentication;

namespace StreamEngine.Web.Endpoints;

/// <summary>The wire of tus 1.0 (core, creation, creation-with-upload, termination, expiration): its headers, the
/// <c>Upload-Metadata</c> format, and our errors as its status codes.</summary>
internal static class TusProtocol
{
    public const string Path = "/uploads/tus";
    public const string Version = "1.0.0";
    public const string Extensions = "creation,creation-with-upload,termination,expiration";
    public const string OffsetOctetStream = "application/offset+octet-stream";
    public const string VideoIdHeader = "StreamEngine-Video-Id";

    /// <summary>What a browser on another origin must be able to read.</summary>
    public static readonly string[] ExposedHeaders =
    [
        "Location",
        "Upload-Offset",
        "Upload-Length",
        "Upload-Expires",
        "Upload-Metadata",
        "Tus-Resumable",
        "Tus-Version",
        "Tus-Extension",
        "Tus-Max-Size",
        VideoIdHeader,
    ];

    public static string RelativeUrlOf(Guid uploadId) => $"{Path}/{uploadId:N}";

    public static Uri UrlOf(Uri baseUrl, Guid uploadId) => new(baseUrl, RelativeUrlOf(uploadId));

    /// <summary>A non-negative integer header, or null when absent or malformed.</summary>
    public static long? Number(HttpRequest request, string header) =>
        long.TryParse(
            request.Headers[header].ToString(),
            NumberStyles.None,
            CultureInfo.InvariantCulture,
            out var value
        )
            ? value
            : null;

    /// <summary>Parses <c>Upload-Metadata</c>: comma-separated <c>key base64value</c> pairs, a key possibly without a
    /// value; null when malformed (a repeated key, a space or comma in a key, a value that is not base64).</summary>
    public static Dictionary<string, string>? Metadata(string header)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header))
        {
            return pairs;
        }

        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ');
            if (parts.Length > 2 || parts[0].Length == 0 || pairs.ContainsKey(parts[0]))
            {
                return null;
            }

            try
            {
                pairs[parts[0]] = parts.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])) : "";
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return pairs;
    }

    public static void SetExpires(HttpResponse response, DateTimeOffset expiresAt) =>
        response.Headers["Upload-Expires"] = expiresAt.ToString("R", CultureInfo.InvariantCulture);

    public static void Describe(HttpResponse response, ResumableUpload upload)
    {
        response.Headers["Upload-Offset"] = upload.Offset.ToString(CultureInfo.InvariantCulture);
        response.Headers["Upload-Length"] = upload.Session.SizeBytes.ToString(CultureInfo.InvariantCulture);
        response.Headers[VideoIdHeader] = GlobalId.Of(NodeTypes.Video, upload.Session.VideoId);
        if (!upload.IsComplete)
        {
            SetExpires(response, upload.Session.ExpiresAt);
        }
    }

    /// <summary>An error of ours as tus status codes: another account's upload is 404 like one that never existed,
    /// an expired or terminated one 410, a wrong offset 409, a busy upload 423 (tus clients retry both), too many bytes
    /// 413.</summary>
    public static IResult Refuse(HttpContext context, Error error)
    {
        var status = error.Code switch
        {
            "UPLOAD_NOT_FOUND" or "VIDEO_NOT_FOUND" or "NOT_OWNER" => StatusCodes.Status404NotFound,
            "UPLOAD_EXPIRED" => StatusCodes.Status410Gone,
            "UPLOAD_OFFSET_MISMATCH" => StatusCodes.Status409Conflict,
            "UPLOAD_BUSY" => StatusCodes.Status423Locked,
            "UPLOAD_LENGTH_EXCEEDED" or "UPLOAD_TOO_LARGE" => StatusCodes.Status413PayloadTooLarge,
            "QUOTA_EXCEEDED" or "EMAIL_NOT_VERIFIED" => StatusCodes.Status403Forbidden,
            _ => error.Kind switch
            {
                ErrorKind.Unauthenticated => StatusCodes.Status401Unauthorized,
                ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
                ErrorKind.NotFound => StatusCodes.Status404NotFound,
                ErrorKind.Conflict => StatusCodes.Status409Conflict,
                ErrorKind.RateLimited => StatusCodes.Status429TooManyRequests,
                _ => StatusCodes.Status400BadRequest,
            },
        };
        if (status == StatusCodes.Status401Unauthorized && context.Request.Headers.Authorization.Count > 0)
        {
            BearerTokenHandler.Challenge(context.Response, error);
        }
        else if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = BearerTokenHandler.SchemeName;
        }

        return CodedProblem.Of(status, error.Code, error.Message);
    }
}
