using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Configuration;

namespace StreamEngine.Infrastructure.Persistence;

public static class DependencyInjection
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresDbContext>((sp, o) => o.UseNpgsql(options.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<PostgresDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteDbContext>((sp, o) => o.UseSqlite(SqliteConnectionString(sp, options)).AddInterceptors(sp.GetServices<IInterceptor>()));
            services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<SqliteDbContext>());
        }

        services.AddScoped<IAccountStore, EfAccountStore>();
        services.AddScoped<IVideoStore, EfVideoStore>();
        services.AddScoped<IEngagementStore, EfEngagementStore>();
        services.AddScoped<IEngagementQueries, EfEngagementQueries>();
        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private static string SqliteConnectionString(IServiceProvider services, DatabaseOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        var dataDirectory = services.GetRequiredService<DataDirectory>().Path;
        return $"Data Source={Path.Combine(dataDirectory, "streamengine.db")};Cache=Shared;Foreign Keys=True";
    }
}
