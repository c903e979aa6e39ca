using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Assist.Functions.Security;

/// <summary>
/// Development bearer tokens: the user id protected with ASP.NET Core Data Protection and a time limit.
/// The limit is on the wall clock (<see cref="TimeProvider.System"/>), not the development clock, which a tester
/// moves days ahead while a session should keep working.
/// </summary>
public sealed class DevTokenService(IDataProtectionProvider protection, IConfiguration configuration)
{
    public const string Purpose = "Assist.Development.BearerToken.v1";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();
    private readonly TimeSpan _lifetime = configuration.GetValue("Auth:DevTokenLifetime", TimeSpan.FromHours(12));
    private readonly TimeProvider _wallClock = TimeProvider.System;

    public DevToken Issue(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var expires = _wallClock.GetUtcNow() + _lifetime;
        return new DevToken(_protector.Protect(userId, expires), expires);
    }

    /// <summary>The user id in a valid, unexpired token; null for anything else.</summary>
    public string? Validate(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 4096)
        {
            return null;
        }

        try
        {
            var userId = _protector.Unprotect(token, out _);
            return string.IsNullOrWhiteSpace(userId) ? null : userId;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>A development bearer token and when it stops working.</summary>
public sealed record DevToken(string AccessToken, DateTimeOffset ExpiresAt)
{
    public string TokenType { get; } = "Bearer";
}
