using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Infrastructure.Pipelines;
using StreamEngine.Infrastructure.Webhooks;

namespace StreamEngine.Infrastructure.Persistence;

public static class DependencyInjection
{
    /// <summary>A page or a batch read without an order would return rows in whatever order the database chose: a bug,
    /// so an error (which the tests meet) rather than a warning at start-up.</summary>
    private static void Unpredictable(WarningsConfigurationBuilder warnings) =>
        warnings.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning);

    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresDbContext>(
                (sp, o) =>
                    o.UseNpgsql(PostgresConnection.WithDefaults(options.ConnectionString!))
                        .AddInterceptors(sp.GetServices<IInterceptor>())
                        .ConfigureWarnings(Unpredictable)
            );
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteDbContext>(
                (sp, o) =>
                    o.UseSqlite(SqliteConnectionString(sp, options))
                        .AddInterceptors(sp.GetServices<IInterceptor>())
                        .AddInterceptors(new SqliteConnectionSetup())
                        .ConfigureWarnings(Unpredictable)
            );
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteDbContext>());
        }

        // One adapter per aggregate family; each port it offers resolves to the same scoped instance (one DbContext,
        // one unit of work per request).
        services.AddPorts<EfAccountStore>(typeof(IUserStore), typeof(ISessionStore), typeof(IOneTimeCodeStore));
        services.AddPorts<EfVideoStore>(typeof(IVideoStore), typeof(IUploadSessionStore), typeof(ITranscodeJobStore));
        services.AddScoped<ISubscriptionStore, EfSubscriptionStore>();
        services.AddScoped<ILikeStore, EfLikeStore>();
        services.AddScoped<ICommentStore, EfCommentStore>();
        services.AddScoped<IPlaylistStore, EfPlaylistStore>();
        services.AddScoped<IViewingStore, EfViewingStore>();
        services.AddScoped<IVideoImportStore, EfVideoImportStore>();
        services.AddScoped<EfLiveStreamStore>();
        services.AddScoped<ILiveStreamStore>(sp => sp.GetRequiredService<EfLiveStreamStore>());
        services.AddScoped<ILiveStreamQueries>(sp => sp.GetRequiredService<EfLiveStreamStore>());
        services.AddScoped<IAccountErasure, EfAccountErasure>();
        services.AddScoped<IVideoQueries, EfVideoQueries>();
        services.AddScoped<IChannelQueries, EfChannelQueries>();
        services.AddScoped<ICommentQueries, EfCommentQueries>();
        services.AddScoped<IPlaylistQueries, EfPlaylistQueries>();
        services.AddScoped<IWatchHistoryQueries, EfWatchHistoryQueries>();
        services.AddWebhooks(configuration);
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private static void AddPorts<TAdapter>(this IServiceCollection services, params Type[] ports)
        where TAdapter : class
    {
        services.AddScoped<TAdapter>();
        foreach (var port in ports)
        {
            services.AddScoped(port, sp => sp.GetRequiredService<TAdapter>());
        }
    }

    private static string SqliteConnectionString(IServiceProvider services, DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var dataDirectory = services.GetRequiredService<DataDirectory>().Path;
        return $"Data Source={Path.Combine(dataDirectory, "streamengine.db")};Foreign Keys=True";
    }
}
