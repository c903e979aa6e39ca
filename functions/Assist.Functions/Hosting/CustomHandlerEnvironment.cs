namespace Assist.Functions.Hosting;

/// <summary>
/// What the Azure Functions host tells a custom handler through its environment.
/// </summary>
public sealed record CustomHandlerEnvironment(int? Port)
{
    /// <summary>The port the Functions host expects the handler to listen on.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>True when the Functions host started this process (in Azure, or under <c>func start</c>).</summary>
    public bool UnderFunctionsHost => Port is not null;

    public static CustomHandlerEnvironment From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var raw = configuration[PortVariable];
        return int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new CustomHandlerEnvironment(port)
            : new CustomHandlerEnvironment((int?)null);
    }
}
