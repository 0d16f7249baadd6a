using Pactwerk.Web.Shared;

namespace Pactwerk.Tests.Platform;

/// <summary>`dotnet run --project` runs the app in the project folder; a relative path means the shell's folder.</summary>
public sealed class CommandLinePathsTests
{
    [Fact]
    public void A_relative_path_is_read_against_the_shells_directory()
    {
        var shell = Directory.CreateTempSubdirectory("pactwerk-shell-").FullName;
        File.WriteAllText(Path.Combine(shell, "cijfers.csv"), "x");
        var before = Environment.GetEnvironmentVariable("PWD");
        try
        {
            Environment.SetEnvironmentVariable("PWD", shell);

            Assert.Equal(Path.Combine(shell, "cijfers.csv"), CommandLinePaths.Resolve("cijfers.csv"));
            Assert.Equal("/tmp/absoluut.csv", CommandLinePaths.Resolve("/tmp/absoluut.csv"));
            Assert.Equal("https://example.org/data", CommandLinePaths.Resolve("https://example.org/data"));
            // Not in the shell's folder: left to the process's own directory, which names it in the error.
            Assert.Equal(Path.GetFullPath("elders.csv"), CommandLinePaths.Resolve("elders.csv"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("PWD", before);
            Directory.Delete(shell, recursive: true);
        }
    }
}
