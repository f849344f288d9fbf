namespace StreamEngine.Web.Endpoints;

/// <summary>MIME types of what we serve, HLS included.</summary>
public static class ContentTypes
{
    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider Provider =
        CreateProvider();

    public static string For(string fileName) =>
        Provider.TryGetContentType(fileName, out var type) ? type : "application/octet-stream";

    private static Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider CreateProvider()
    {
        var provider = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
        provider.Mappings[".webmanifest"] = "application/manifest+json";
        provider.Mappings[".m3u8"] = "application/vnd.apple.mpegurl";
        provider.Mappings[".ts"] = "video/mp2t";
        provider.Mappings[".m4s"] = "video/iso.segment";
        provider.Mappings[".vtt"] = "text/vtt";
        return provider;
    }
}
