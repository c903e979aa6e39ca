namespace Assist.Functions.Api;

/// <summary>The <c>type</c> URIs of the problems the API answers with (RFC 9457); rejections use <c>urn:assist:problems:{code}</c>.</summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:assist:problems:";
    public const string Validation = Prefix + "validation-failed";
    public const string MalformedBody = Prefix + "malformed-body";
    public const string NotFound = Prefix + "not-found";
    public const string Unauthenticated = Prefix + "unauthenticated";
    public const string Forbidden = Prefix + "forbidden";
    public const string VersionMismatch = Prefix + "version-mismatch";
    public const string VersionRequired = Prefix + "version-required";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string AttachmentRefused = Prefix + "attachment-refused";
}
