using Microsoft.Net.Http.Headers;

namespace StreamEngine.Web.GraphQL.Transport;

/// <summary>Response media type negotiation of the GraphQL over HTTP spec.</summary>
public static class MediaTypes
{
    public const string GraphQLResponse = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>The media type to answer with, or null when the client accepts neither (406). No Accept header and
    /// wildcards mean the legacy <c>application/json</c>.</summary>
    public static string? Negotiate(IList<string>? acceptHeaders)
    {
        if (acceptHeaders is null || acceptHeaders.Count == 0 || acceptHeaders.All(string.IsNullOrWhiteSpace))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(acceptHeaders, out var accepted))
        {
            return Json;
        }

        string? best = null;
        var bestQuality = 0.0;
        var bestRank = int.MaxValue;
        foreach (var value in accepted)
        {
            var quality = value.Quality ?? 1.0;
            if (quality <= 0)
            {
                continue;
            }

            var (candidate, rank) = value.MediaType.Value?.ToLowerInvariant() switch
            {
                GraphQLResponse => (GraphQLResponse, 0),
                Json => (Json, 1),
                "application/*" or "*/*" => (Json, 2),
                _ => ((string?)null, int.MaxValue),
            };
            if (candidate is null)
            {
                continue;
            }

            if (quality > bestQuality || (quality.Equals(bestQuality) && rank < bestRank))
            {
                best = candidate;
                bestQuality = quality;
                bestRank = rank;
            }
        }

        return best;
    }

    public static bool AcceptsHtml(IList<string>? acceptHeaders) =>
        acceptHeaders is not null
        && acceptHeaders.Any(h => h?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);
}
