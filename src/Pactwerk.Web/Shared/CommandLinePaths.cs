namespace Pactwerk.Web.Shared;

/// <summary>
/// Paths given on the command line. `dotnet run --project` starts the app in the project's folder,
/// so a relative path typed in the repository root would miss; it is read against the directory the
/// shell was in (PWD), as the person typing it meant.
/// </summary>
public static class CommandLinePaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || path.Contains("://", StringComparison.Ordinal))
            return path;
        var shell = Environment.GetEnvironmentVariable("PWD");
        if (!string.IsNullOrEmpty(shell) && Path.Exists(Path.Combine(shell, path)))
            return Path.GetFullPath(Path.Combine(shell, path));
        return Path.GetFullPath(path);
    }

    /// <summary>A file to be made (a backup): a relative path is read against the shell's directory, where the person typing it will look for it.</summary>
    public static string ResolveNew(string path)
    {
        if (Path.IsPathRooted(path))
            return path;
        var shell = Environment.GetEnvironmentVariable("PWD");
        return Path.GetFullPath(Path.Combine(string.IsNullOrEmpty(shell) ? Environment.CurrentDirectory : shell, path));
    }
}
