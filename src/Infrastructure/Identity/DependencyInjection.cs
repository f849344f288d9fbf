using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StreamEngine.Application.Abstractions;
using StreamEngine.Infrastructure.Email;

namespace StreamEngine.Infrastructure.Identity;

public static class DependencyInjection
{
    public static IServiceCollection AddIdentityAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<GoogleOptions>().Bind(configuration.GetSection(GoogleOptions.Section));
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = Math.Max(100_000, o.IterationCount);
        });

        services.AddSingleton<Application.Abstractions.IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        services.AddSingleton<IGoogleIdTokenVerifier, GoogleIdTokenVerifier>();
        services.AddSingleton<IAttemptLimiter, InMemoryAttemptLimiter>();

        var email = configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        if (email.Provider == EmailProvider.Smtp)
        {
            services.AddSingleton<IEmailTransport, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailTransport, FileOutboxEmailSender>();
        }

        // Use cases only queue: sending happens off the request path (same answer time with or without a message).
        services.AddSingleton<EmailDelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailDelivery>());
        services.AddSingleton<IEmailSender, QueuedEmailSender>();
        services.AddSingleton<PasswordResetQueue>();
        services.AddSingleton<IPasswordResetRequests>(sp => sp.GetRequiredService<PasswordResetQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetQueue>());

        return services;
    }
}
