using System.Security.Claims;

namespace Assist.Functions.Security;

/// <summary>The development identity of a directory user: just the id (the directory adds roles and department).</summary>
public static class DevPrincipal
{
    public static ClaimsPrincipal For(string userId, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userId)], authenticationType, ClaimTypes.Name, ClaimTypes.Role));
}
