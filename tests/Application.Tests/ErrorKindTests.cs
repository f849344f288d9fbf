using System.Reflection;
using StreamEngine.Application.Common;
using StreamEngine.Application.Engagement;
using StreamEngine.Application.Users;
using StreamEngine.Application.Videos;

namespace StreamEngine.Application.Tests;

/// <summary>Transports decide by an error's kind, so every defined error must carry the kind its code
/// implies.</summary>
public sealed class ErrorKindTests
{
    public static TheoryData<string, ErrorKind> DefinedErrors()
    {
        var data = new TheoryData<string, ErrorKind>();
        foreach (var type in new[] { typeof(AccountErrors), typeof(VideoErrors), typeof(EngagementErrors) })
        {
            foreach (
                var field in type.GetFields(BindingFlags.Public | BindingFlags.Static)
                    .Where(f => f.FieldType == typeof(Error))
            )
            {
                var error = (Error)field.GetValue(null)!;
                data.Add(error.Code, error.Kind);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DefinedErrors))]
    public void Each_defined_error_has_the_kind_its_code_names(string code, ErrorKind kind)
    {
        var expected = code switch
        {
            "NOT_AUTHENTICATED" => ErrorKind.Unauthenticated,
            "NOT_OWNER" => ErrorKind.Forbidden,
            "TOO_MANY_ATTEMPTS" => ErrorKind.RateLimited,
            _ when code.EndsWith("_NOT_FOUND", StringComparison.Ordinal)
                    || code.StartsWith("NOT_IN_", StringComparison.Ordinal) => ErrorKind.NotFound,
            _ when code.EndsWith("_TAKEN", StringComparison.Ordinal)
                    || code.StartsWith("ALREADY_", StringComparison.Ordinal)
                    || code.EndsWith("_ALREADY_VERIFIED", StringComparison.Ordinal)
                    || code.EndsWith("_FULL", StringComparison.Ordinal)
                    || code.EndsWith("_BUSY", StringComparison.Ordinal)
                    || code == "ACCOUNT_EXISTS_UNVERIFIED" => ErrorKind.Conflict,
            _ => ErrorKind.Validation,
        };

        Assert.Equal(expected, kind);
    }
}
