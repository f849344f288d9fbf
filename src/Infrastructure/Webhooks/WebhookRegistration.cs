using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Application.Abstractions;

namespace StreamEngine.Infrastructure.Webhooks;

public static class WebhookRegistration
{
    /// <summary>The outbox (written by every instance), the endpoint store, the target policy, and, where
    /// <c>Webhooks:Enabled</c>, the dispatcher.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookOptions.Section);
        services.AddOptions<WebhookOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IInterceptor, VideoOutboxInterceptor>();
        services.AddScoped<IWebhookStore, EfWebhookStore>();
        services.AddSingleton<IWebhookTargetPolicy, WebhookTargetPolicy>();
        services.AddSingleton<WebhookSender>();
        services.AddHostedService<Imports.VideoImportWorker>();
        if ((section.Get<WebhookOptions>() ?? new WebhookOptions()).Enabled)
        {
            services.AddHostedService<WebhookDispatcher>();
        }

        return services;
    }
}
