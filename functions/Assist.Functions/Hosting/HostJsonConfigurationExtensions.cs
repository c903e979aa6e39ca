namespace Assist.Functions.Hosting;

/// <summary>
/// Reads <c>host.json</c> into configuration section <c>AzureFunctionsJobHost</c>, as the Functions host does, so an
/// app setting such as <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c> overrides a value in it.
/// </summary>
public static class HostJsonConfigurationExtensions
{
    public const string SectionName = "AzureFunctionsJobHost";

    public static IConfigurationBuilder AddHostJsonFile(this IConfigurationBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddInMemoryCollection(Read(path));
    }

    /// <summary>The settings of the host.json at <paramref name="path"/> under <see cref="SectionName"/>; none if there is no file.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var hostJson = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
        return [.. hostJson.AsEnumerable()
            .Where(pair => pair.Value is not null)
            .Select(pair => new KeyValuePair<string, string?>($"{SectionName}:{pair.Key}", pair.Value))];
    }
}
