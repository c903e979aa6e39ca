using System.Globalization;

namespace Assist.Functions.Api;

/// <summary>
/// The ticket version on HTTP: the ETag <c>"7"</c> of every ticket answer, and <c>If-Match: "7"</c> on mutations.
/// Staff mutations require If-Match (428 without it, 412 when the ticket moved on); the enterprise may send it.
/// </summary>
public static class TicketVersions
{
    public static string ETag(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void SetETag(HttpResponse response, int version)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ETag = ETag(version);
    }

    /// <summary>
    /// The version the caller expects: <c>null</c> with no problem when If-Match is absent and not required, or is <c>*</c>;
    /// a problem when it is required and missing (428) or cannot name a version (412).
    /// </summary>
    public static (int? Expected, IResult? Problem) Read(HttpRequest request, bool required)
    {
        ArgumentNullException.ThrowIfNull(request);
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return required ? (null, ApiProblems.VersionRequired(request)) : (null, null);
        }

        if (header == "*")
        {
            return (null, null);
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 0
            ? (version, null)
            : (null, ApiProblems.Simple(request, StatusCodes.Status412PreconditionFailed, ProblemTypes.VersionMismatch,
                "If-Match must be a ticket version such as \"3\".", "If-Match 须为工单版本，例如 \"3\"。"));
    }
}
