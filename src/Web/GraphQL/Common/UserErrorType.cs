using GraphQL;
using GraphQL.Types;
using StreamEngine.Application.Common;
using StreamEngine.Web.GraphQL.Transport;

namespace StreamEngine.Web.GraphQL.Common;

public sealed class UserErrorType : ObjectGraphType<Error>
{
    public UserErrorType()
    {
        Name = "UserError";
        Description =
            "An expected failure of a mutation: a code to switch on, a sentence for people, the input at fault.";
        Field<NonNullGraphType<ErrorCodeType>>("code")
            .Description("What went wrong, stable across versions.")
            .Resolve(c => c.Source.Code);
        Field(e => e.Message).Description("A sentence for people, in English.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("field")
            .Description(
                "The path of the input field at fault, e.g. [\"input\", \"email\"]; null when no one field is."
            )
            .Resolve(c => c.Source.Field is { } field ? new[] { "input", field } : null);
    }
}

/// <summary>Every code a payload's <c>errors</c> may carry, so generated client types get an enum to switch on.
/// <c>ErrorCodeCatalogueTests</c> checks that every code the application can produce is here.</summary>
public sealed class ErrorCodeType : EnumerationGraphType
{
    public static readonly IReadOnlyDictionary<string, string> Codes = new Dictionary<string, string>(
        StringComparer.Ordinal
    )
    {
        ["CAPTIONS_FULL"] = "The video has as many caption tracks as it may.",
        ["CAPTION_INVALID"] = "The caption text is not valid SRT or WebVTT (the message names the line).",
        ["CAPTION_NOT_FOUND"] = "The video has no caption in that language.",
        ["CAPTION_TOO_LARGE"] = "The caption text is over the size limit.",
        ["DOWNLOAD_BUSY"] = "A download of the video is being made already.",
        ["DOWNLOADS_NOT_ALLOWED"] = "The owner does not allow downloads of this video.",
        ["INVALID_LABEL"] = "The label is empty, too long, or has quotes or line breaks.",
        ["INVALID_LANGUAGE"] = "This is not a BCP-47 language tag.",
        ["INVALID_TIME"] = "The time is not within the video.",
        ["UNAVAILABLE_ON_PIPELINE"] = "The configured pipeline's delivery does not support this (see the README).",
        ["VIDEO_NOT_READY"] = "The video is not READY yet.",
        ["LIVE_STREAM_NOT_FOUND"] = "No live stream with this id that you may see.",
        ["LIVE_DISABLED"] = "Live streaming is not enabled on this server.",
        ["LIVE_STREAM_ENDED"] = "The live stream has ended; create a new one to broadcast again.",
        ["STREAM_KEY_REFUSED"] = "No live stream has this stream key.",
        ["ALREADY_PUBLISHING"] = "A broadcaster is connected to this stream already.",
        ["LIVE_CAPACITY_REACHED"] = "The server carries as many live streams as it can; try again later.",
        ["NO_PICTURE"] = "The video is audio only; it has no frames to choose from.",
        ["ACCOUNT_EXISTS_UNVERIFIED"] = "An unverified account has this address; verify it or reset its password.",
        ["ALREADY_IN_PLAYLIST"] = "The video is in the playlist already.",
        ["CANNOT_SUBSCRIBE_TO_SELF"] = "A channel cannot subscribe to itself.",
        ["CHANNEL_NOT_FOUND"] = "No channel with this id that you may see.",
        ["COMMENT_NOT_FOUND"] = "No comment with this id that you may see.",
        ["CONFLICT"] = "Another request changed the same thing at the same moment; try again.",
        ["EMAIL_ALREADY_VERIFIED"] = "The address is verified already.",
        ["EMAIL_NOT_VERIFIED"] = "Verify your e-mail address first.",
        ["EMAIL_TAKEN"] = "Another account has this address.",
        ["HANDLE_TAKEN"] = "Another account has this handle.",
        ["IMAGE_TOO_LARGE"] = "The image file is over the size limit.",
        ["INVALID_BIO"] = "The bio is too long or has characters that are not allowed.",
        ["INVALID_COMMENT"] = "The comment is empty, too long or has characters that are not allowed.",
        ["INVALID_CREDENTIALS"] = "The e-mail address or password is wrong.",
        ["INVALID_CURSOR"] = "The cursor does not belong to this list.",
        ["INVALID_DESCRIPTION"] = "The description is too long or has characters that are not allowed.",
        ["INVALID_DISPLAY_NAME"] = "The display name is empty, too long or has characters that are not allowed.",
        ["INVALID_EMAIL"] = "This is not an e-mail address.",
        ["INVALID_FILE_NAME"] = "The file name is empty, too long or has characters that are not allowed.",
        ["INVALID_HANDLE"] = "A handle is 3 to 30 of a-z, 0-9, '_' and '.'.",
        ["INVALID_ID"] = "The id is malformed or names another type of object.",
        ["INVALID_IMAGE"] = "The file is not an image we can read.",
        ["INVALID_PAGE"] = "The page arguments are out of range or contradict each other.",
        ["INVALID_SIZE"] = "The declared size is out of range.",
        ["INVALID_URL"] = "An import URL is an absolute https URL without user information.",
        ["INVALID_TITLE"] = "The title is empty, too long or has characters that are not allowed.",
        ["NOT_AUTHENTICATED"] = "Sign in first.",
        ["NOT_IN_PLAYLIST"] = "The video is not in the playlist.",
        ["NOT_OWNER"] = "Only the owner may do this.",
        ["NO_PASSWORD"] = "The account has no password (it signs in with Google).",
        ["PARTS_INCOMPLETE"] = "Some parts of the upload have not been received.",
        ["PART_MISMATCH"] = "A part's ETag or size does not match what was received.",
        ["PLAYLIST_FULL"] = "The playlist has as many videos as it may.",
        ["PLAYLIST_NOT_FOUND"] = "No playlist with this id that you may see.",
        ["QUOTA_EXCEEDED"] = "A per-account limit (open uploads, reserved bytes, pending images) is reached.",
        ["REPLY_TOO_DEEP"] = "Replies are to top-level comments only.",
        ["SIZE_MISMATCH"] = "The uploaded file does not have the declared size.",
        ["TOKEN_EXPIRED"] = "The link or code has expired; ask for a new one.",
        ["TOKEN_INVALID"] = "The token or code is not valid.",
        ["TOO_MANY_ATTEMPTS"] = "Too many attempts; try again later.",
        ["UNSUPPORTED_CONTENT_TYPE"] = "The content type is not one we accept.",
        ["UPLOAD_BUSY"] = "Another request is writing to this upload.",
        ["UPLOAD_COMPLETED"] = "The upload is completed already.",
        ["UPLOAD_EXPIRED"] = "The upload session has expired.",
        ["UPLOAD_LENGTH_EXCEEDED"] = "A request sends more bytes than the upload has left.",
        ["UPLOAD_NOT_FOUND"] = "No upload session with this id of yours.",
        ["UPLOAD_OFFSET_MISMATCH"] = "The upload does not stand at the offset given.",
        ["UPLOAD_TOO_LARGE"] = "The file is over the size limit.",
        ["URL_NOT_ALLOWED"] = "The URL does not resolve to public addresses only.",
        ["VIDEO_NOT_FOUND"] = "No video with this id that you may see (or it is not READY where that is needed).",
        ["INVALID_WEBHOOK_EVENTS"] = "Webhook events are one or more of the listed event types.",
        ["INVALID_WEBHOOK_URL"] = "A webhook URL is an absolute https URL without user information.",
        ["WEBHOOK_DELIVERY_NOT_FOUND"] = "No webhook delivery with this id of yours.",
        ["WEBHOOK_NOT_FOUND"] = "No webhook endpoint with this id of yours.",
        ["WEBHOOK_URL_NOT_ALLOWED"] = "The URL does not resolve to public addresses only.",
        ["WEAK_PASSWORD"] = "The password is too short, too common, or contains your e-mail or handle.",
        ["WRONG_PROTOCOL"] = "The upload uses the other protocol (multipart or tus).",
    };

    public ErrorCodeType()
    {
        Name = "ErrorCode";
        Description = "What an expected failure of a mutation is.";
        foreach (var (code, description) in Codes)
        {
            Add(code, code, description);
        }
    }
}

/// <summary>Helpers shared by resolvers.</summary>
public static class ResolverExtensions
{
    public static T Service<T>(this IResolveFieldContext context)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices!.GetRequiredService<T>();
    }

    public static GraphQLUserContext Caller(this IResolveFieldContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (GraphQLUserContext)context.UserContext;
    }

    /// <summary>A query's value, or a GraphQL error with the failure's code (INVALID_PAGE, INVALID_CURSOR,
    /// NOT_AUTHENTICATED): queries have no payload to carry errors in.</summary>
    public static T ValueOrError<T>(this Result<T> result)
    {
        if (result.Succeeded)
        {
            return result.Value;
        }

        var error = result.Errors[0];
        throw new ExecutionError(error.Message) { Code = error.Code };
    }
}
