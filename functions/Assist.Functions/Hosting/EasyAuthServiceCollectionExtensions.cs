namespace Assist.Functions.Hosting;

public static class EasyAuthServiceCollectionExtensions
{
    /// <summary>True when configuration says App Service Authentication is in front of the app.</summary>
    public static bool IsEasyAuthMode(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration[EasyAuthDefaults.ModeKey], EasyAuthDefaults.Mode, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Adds the <see cref="EasyAuthDefaults.Scheme"/> scheme as the default when, and only when,
    /// <c>Auth:Mode</c> is <c>EasyAuth</c>; in any other mode the principal header is never read.
    /// </summary>
    public static IServiceCollection AddEasyAuthWhenConfigured(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configuration.IsEasyAuthMode())
        {
            services.AddAuthentication(EasyAuthDefaults.Scheme)
                .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, EasyAuthHandler>(EasyAuthDefaults.Scheme, "App Service Authentication", configureOptions: null);
        }

        return services;
    }
}
