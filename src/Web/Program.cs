using StreamEngine.Web.Hosting;

if (SchemaExport.TryRun(args, out var exitCode))
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.AddStreamEngine();
var app = builder.Build();
app.UseStreamEngine();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so integration tests can host it.</summary>
public partial class Program;
