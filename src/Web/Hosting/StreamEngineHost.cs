using System.Net;
using GraphQL;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using StreamEngine.Application;
using StreamEngine.Application.Abstractions;
using StreamEngine.Application.Users;
using StreamEngine.Infrastructure;
using StreamEngine.Infrastructure.Configuration;
using StreamEngine.Web.Endpoints;
using StreamEngine.Web.GraphQL;
using StreamEngine.Web.GraphQL.Transport;
using StreamEngine.Web.Telemetry;

namespace StreamEngine.Web.Hosting;

/// <summary>The composition root: configuration, adapters, GraphQL and the HTTP pipeline.</summary>
public static class StreamEngineHost
{
    public static WebApplicationBuilder AddStreamEngine(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Log lines for people on a terminal, JSON for collectors everywhere else, unless configuration says which.
        if (string.IsNullOrEmpty(configuration["Logging:Console:FormatterName"]))
        {
            configuration["Logging:Console:FormatterName"] = Console.IsOutputRedirected ? "json" : "simple";
        }

        services
            .AddOptions<StreamEngineOptions>()
            .Bind(configuration.GetSection(StreamEngineOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StreamEngineOptions>, PublicBaseUrlValidator>();
        services.AddOptions<GraphQLOptions>().Bind(configuration.GetSection(GraphQLOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphQLOptions>, GraphQLOptionsValidator>();
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();

        var root =
            configuration.GetSection(StreamEngineOptions.Section).Get<StreamEngineOptions>()
            ?? new StreamEngineOptions();
        services.AddSingleton(new DataDirectory(root.ResolveDataDirectory()));

        services.AddInfrastructure(configuration);
        services.AddApplication(configuration);
        services.AddScoped<CurrentUser>();
        services
            .AddAuthentication(Authentication.BearerTokenHandler.SchemeName)
            .AddScheme<
                Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions,
                Authentication.BearerTokenHandler
            >(Authentication.BearerTokenHandler.SchemeName, null);
        services.AddScoped<ICurrentUser>(sp => sp.GetRequiredService<CurrentUser>());
        services.AddHttpContextAccessor();
        services.AddSingleton<PublicLinkBuilder>();
        services.AddSingleton<ILinkBuilder>(sp => sp.GetRequiredService<PublicLinkBuilder>());
        services.AddSingleton<Infrastructure.Configuration.IPublicUrls>(sp =>
            sp.GetRequiredService<PublicLinkBuilder>()
        );

        services.AddGraphQL(graphQL =>
            graphQL
                .AddSchema<StreamEngineSchema>()
                .AddExecutionStrategy<GraphQL.Transport.SerialExecution>(global::GraphQLParser.AST.OperationType.Query)
                .AddExecutionStrategy<GraphQL.Transport.SerialExecution>(
                    global::GraphQLParser.AST.OperationType.Mutation
                )
                .AddExecutionStrategy<GraphQL.Transport.OneEventAtATime>(
                    global::GraphQLParser.AST.OperationType.Subscription
                )
                .AddSystemTextJson()
                .AddErrorInfoProvider<CodedErrorInfoProvider>()
                .AddGraphTypes(typeof(StreamEngineSchema).Assembly)
        );
        services.AddScoped<GraphQL.Batching.RequestBatches>();
        services.AddSingleton<GraphQLRequestExecutor>();
        services
            .AddOptions<GraphQL.Transport.Persisted.PersistedOperationsOptions>()
            .Bind(configuration.GetSection(GraphQL.Transport.Persisted.PersistedOperationsOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<
            IValidateOptions<GraphQL.Transport.Persisted.PersistedOperationsOptions>,
            GraphQL.Transport.Persisted.PersistedOperationsOptionsValidator
        >();
        services.AddSingleton<GraphQL.Transport.Persisted.TrustedDocuments>();
        services.AddSingleton(sp => new GraphQL.Transport.Persisted.AutomaticPersistedQueries(
            sp.GetRequiredService<Infrastructure.Documents.IPersistedDocumentStore>(),
            sp.GetRequiredService<GraphQL.Transport.Persisted.TrustedDocuments>()
        ));
        services.AddSingleton<GraphQLHttpEndpoint>();
        services
            .AddOptions<GraphQLWebSocketOptions>()
            .Bind(configuration.GetSection(GraphQLWebSocketOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<GraphQLWebSocketEndpoint>();
        services.AddSingleton<GraphQLMetrics>();
        services.AddSingleton<SecurityMetrics>();
        services.AddSingleton<PublicPlaybackGate>();

        services.AddHealthChecks().AddInfrastructureChecks(configuration);
        services.AddStreamEngineTelemetry(configuration);

        services.AddCors();
        // On SIGTERM every background service is told at once (not one after another behind the HTTP server's
        // drain), so the worker gives its job back while requests finish.
        services.Configure<HostOptions>(host => host.ServicesStopConcurrently = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var network = kestrel.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.RequestHeadersTimeout = network.RequestHeadersTimeout;
            kestrel.Limits.KeepAliveTimeout = network.KeepAliveTimeout;
            kestrel.Limits.MinResponseDataRate = new MinDataRate(
                network.MinResponseBytesPerSecond,
                network.MinDataRateGracePeriod
            );
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(
                network.MinRequestBodyBytesPerSecond,
                network.MinDataRateGracePeriod
            );
            kestrel.Limits.MaxConcurrentConnections = network.MaxConnections;
            var perAddress = new ConnectionsPerAddress(
                network,
                kestrel.ApplicationServices.GetRequiredService<SecurityMetrics>()
            );
            kestrel.ConfigureEndpointDefaults(listen => listen.Use(perAddress.Wrap));
        });
        return builder;
    }

    public static WebApplication UseStreamEngine(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var network = app.Services.GetRequiredService<IOptions<NetworkOptions>>().Value;
        // Read from configuration, not the validated options: their validation belongs to start-up, in its order.
        if (Infrastructure.DependencyInjection.Role(app.Configuration) == ServerRole.Worker)
        {
            // A transcode worker only (scripts/run.sh --worker): no API, media or uploads; operators still see it.
            app.UseExceptionHandler();
            app.MapHealthEndpoints();
            app.MapPrometheusScrapingEndpoint("/metrics");
            return app;
        }

        // With no known proxies ASP.NET Core would believe X-Forwarded-For from anyone: only trusted proxies enable it.
        if (network.TrustedProxies.Count > 0)
        {
            app.UseForwardedHeaders(ForwardedHeadersFor(network));
        }
        app.Use(
            (context, next) =>
            {
                context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
                return next(context);
            }
        );
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCors(cors =>
        {
            if (network.CorsOrigins.Contains("*"))
            {
                cors.AllowAnyOrigin();
            }
            else
            {
                cors.WithOrigins([.. network.CorsOrigins]);
            }

            cors.AllowAnyHeader()
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
                .WithExposedHeaders([
                    "ETag",
                    "Content-Length",
                    "Content-Range",
                    "Retry-After",
                    "RateLimit",
                    "RateLimit-Policy",
                    .. TusProtocol.ExposedHeaders,
                ]);
        });

        // Inside the exception handler (left implicit, WebApplication would put them first): a session check that
        // meets a database outage answers 503 like any other request.
        app.UseAuthentication();
        app.UseBananaCakePop(app.Environment);
        app.UseWebApp(app.Environment);

        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        var graphQL = app.Services.GetRequiredService<GraphQLHttpEndpoint>();
        var webSockets = app.Services.GetRequiredService<GraphQLWebSocketEndpoint>();
        app.Map(
            BananaCakePop.Path,
            branch =>
                branch.Run(context =>
                    context.WebSockets.IsWebSocketRequest
                        ? webSockets.HandleAsync(context)
                        : graphQL.HandleAsync(context)
                )
        );

        app.MapHealthEndpoints();
        app.MapUploadPartEndpoints();
        app.MapTusEndpoints();
        app.MapMediaEndpoints();
        app.MapLiveEndpoints();
        app.StartLiveIngest();
        app.MapPipelineCallbackEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }

    private static ForwardedHeadersOptions ForwardedHeadersFor(NetworkOptions network)
    {
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
        };

        // Only the configured proxies are believed; by default none, not even loopback.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in network.TrustedProxies)
        {
            if (System.Net.IPNetwork.TryParse(entry, out var range))
            {
                options.KnownIPNetworks.Add(range);
            }
            else
            {
                options.KnownProxies.Add(IPAddress.Parse(entry));
            }
        }

        return options;
    }
}
