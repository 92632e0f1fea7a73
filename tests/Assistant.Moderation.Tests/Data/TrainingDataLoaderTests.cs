using Assistant.Moderation.Data;

namespace Assistant.Moderation.Tests.Data;

public sealed class TrainingDataLoaderTests
{
    private static string ShippedData => Path.Combine(AppContext.BaseDirectory, "ModerationData");

    [Fact]
    public void Shipped_data_reads_only_project_and_imported_public_files_never_hatecheck_or_clinc_test()
    {
        var data = TrainingDataLoader.Load(ShippedData);

        Assert.NotEmpty(data.Files);
        Assert.All(data.Files, f => Assert.Matches(@"^(project:(support|dialog|abusive|offtopic|realistic)-[\w-]+\.csv|public:[\w-]+\.csv)$", f));
        Assert.DoesNotContain(data.Files, f => f.Contains("hatecheck", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(data.Rows, r => r.Source.Contains("hatecheck", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(data.Rows, r => r.Moderation == Labels.Ok && r.Priority is not null);
        Assert.Contains(data.Rows, r => r.Moderation == Labels.Ok && r.Priority is null && r.Source.StartsWith("project:dialog-", StringComparison.Ordinal));
        Assert.Contains(data.Rows, r => r.Moderation == Labels.Abusive);
        Assert.Contains(data.Rows, r => r.Moderation == Labels.Offtopic);
    }

    [Fact]
    public void No_hatecheck_case_is_among_the_training_rows()
    {
        var hateCheck = FindShared("multilingual-hatecheck/hatecheck_cases_final_french.csv");
        var training = TrainingDataLoader.Load(ShippedData).Rows.Select(r => TextNormalizer.ForMatching(r.Text)).ToHashSet(StringComparer.Ordinal);
        var cases = CsvFile.Read(hateCheck).Select(r => TextNormalizer.ForMatching(r["test_case"])).ToList();

        Assert.True(cases.Count > 3000);
        Assert.DoesNotContain(cases, training.Contains);
    }

    [Fact]
    public void A_row_with_an_unknown_label_is_reported_with_its_line_and_the_other_rows_are_kept()
    {
        var folder = SharedModels.TemporaryDirectory();
        File.WriteAllText(Path.Combine(folder, "support-test.csv"),
            "text,priority,category,product,lang\n\"Ma facture, encore fausse\",normal,billing,client-space,fr\nTout est bloqué,critical,incident,ibox,fr\n");
        File.WriteAllText(Path.Combine(folder, "abusive-test.csv"), "text,kind,lang\n,threat,fr\nbande d'escrocs,insult-company,fr\n");

        var data = TrainingDataLoader.Load(folder);

        Assert.Equal(2, data.Rows.Count);
        Assert.Contains(data.Rows, r => r.Text == "Ma facture, encore fausse" && r.Category == "billing");
        Assert.Contains(data.Rejected, r => r.Source == "project:support-test.csv" && r.Line == 3 && r.Reason.Contains("critical", StringComparison.Ordinal));
        Assert.Contains(data.Rejected, r => r.Source == "project:abusive-test.csv" && r.Line == 2 && r.Reason == "empty text");
    }

    [Fact]
    public void A_missing_data_folder_is_a_clear_error()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => TrainingDataLoader.Load("/nonexistent/moderation-data"));
        Assert.Contains("/nonexistent/moderation-data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_held_out_split_is_stable_about_a_fifth_and_ignores_case_and_accents()
    {
        var rows = TrainingDataLoader.Load(ShippedData).Rows;
        var heldOut = rows.Count(r => HeldOutSplit.IsHeldOut(r.Text));
        var share = (double)heldOut / rows.Count;

        Assert.InRange(share, 0.17, 0.23);
        Assert.Equal(HeldOutSplit.IsHeldOut("Ma facture est fausse"), HeldOutSplit.IsHeldOut("  MA FACTURE  est fausse "));
        Assert.Equal(HeldOutSplit.IsHeldOut("Le débit est très lent"), HeldOutSplit.IsHeldOut("le debit est tres lent"));
        // Fixed values: the split must be identical on every machine, so a change of hash shows up here.
        Assert.Equal(
            [true, false, false, false, false, false, false, false],
            new[] { "a", "b", "c", "d", "e", "f", "g", "h" }.Select(HeldOutSplit.IsHeldOut).ToArray());
    }

    [Fact]
    public void A_shared_data_file_that_is_missing_fails_the_test_that_needs_it_and_says_where_it_was_looked_for()
    {
        var error = Assert.Throws<FileNotFoundException>(() => FindShared("multilingual-hatecheck/no-such-file.csv"));

        Assert.Contains("shared/data/multilingual-hatecheck/no-such-file.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(AppContext.BaseDirectory.TrimEnd('/'), error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A file of the public data sets (<c>../shared/data</c> beside the repository, always present in CI). Missing, it
    /// fails the test: a test that passed without its data would prove nothing.
    /// </summary>
    internal static string FindShared(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"shared/data/{relative} was not found in any folder from {AppContext.BaseDirectory} up: this test needs the public data sets checked out beside the repository (../shared/data).",
            relative);
    }
}
