namespace Assist.Functions.Hosting;

public static class EasyAuthServiceCollectionExtensions
{
    /// <summary>True when configuration says App Service Authentication is in front of the app.</summary>
    public static bool IsEasyAuthMode(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration[EasyAuthDefaults.ModeKey], EasyAuthDefaults.Mode, StringComparison.OrdinalIgnoreCase);
    }
}
