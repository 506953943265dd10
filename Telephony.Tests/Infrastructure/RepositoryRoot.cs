namespace Telephony.Tests.Infrastructure;

/// <summary>The source tree the tests were built from, for tests that read (or refresh) files kept in it.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Telephony.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Telephony.sln above {AppContext.BaseDirectory}: this test reads the source tree.");
    }
}
