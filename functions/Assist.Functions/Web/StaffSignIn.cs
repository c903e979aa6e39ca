using Assist.Functions.Hosting;

namespace Assist.Functions.Web;

/// <summary>How staff sign in here: the development page listing seeded users, App Service Authentication, or not at all.</summary>
public sealed class StaffSignIn(IConfiguration configuration, IHostEnvironment environment)
{
    public const string DevelopmentPage = "/dev/sign-in";
    public const string EasyAuthLogin = "/.auth/login/aad";
    public const string EasyAuthLogout = "/.auth/logout";

    public bool EasyAuth { get; } = configuration.IsEasyAuthMode();

    public bool Development => !EasyAuth && environment.IsDevelopment();

    public bool Available => EasyAuth || Development;

    public string SignInUrl(string returnUrl = "/staff") => EasyAuth
        ? EasyAuthLogin + "?post_login_redirect_uri=" + Uri.EscapeDataString(returnUrl)
        : DevelopmentPage;
}
