namespace Assist.Tests;

/// <summary>Finds files of the repository (source folders, not build output) from a test's working directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assist.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Assist.sln not found above " + AppContext.BaseDirectory);
    }
}
