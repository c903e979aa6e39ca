using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Assist.Functions.Web;

/// <summary>
/// Links to the site's CSS and scripts with a content hash (<c>?v=…</c>), so a browser never runs a stale script after
/// a deployment while still caching each version. MVC's file-version provider does this for tag helpers only; the
/// pages are Razor components, so the few lines live here.
/// </summary>
public sealed class PageAssets(IWebHostEnvironment environment)
{
    private readonly ConcurrentDictionary<string, string> versioned = new(StringComparer.Ordinal);

    public string this[string path] => versioned.GetOrAdd(path, Version);

    private string Version(string path)
    {
        var file = environment.WebRootFileProvider.GetFileInfo(path);
        if (!file.Exists || file.PhysicalPath is null)
        {
            return path;
        }

        using var stream = file.CreateReadStream();
        return path + "?v=" + WebEncoders.Base64UrlEncode(SHA256.HashData(stream));
    }
}
