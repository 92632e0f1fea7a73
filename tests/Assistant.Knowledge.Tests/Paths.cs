namespace Assistant.Knowledge.Tests;

internal static class Paths
{
    public static string Root { get; } = FindRoot();

    public static string KnowledgeBase => Path.Combine(Root, "kb");

    public static string EvaluationSet => Path.Combine(Root, "src", "Assistant.Knowledge", "Evaluation", "Data");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupportAssistant.sln")))
            {
                return directory.FullName;
            }
        }
        throw new DirectoryNotFoundException("SupportAssistant.sln not found above the test binaries.");
    }
}
