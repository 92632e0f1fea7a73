using Assistant.Moderation.Data;

namespace Assistant.Moderation.Tests.Data;

public sealed class CsvFileTests
{
    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var records = CsvFile.Parse("text,lang\r\n\"Bonjour, \"\"madame\"\"\nligne 2\",fr\r\nsimple,en\n");

        Assert.Equal(3, records.Count);
        Assert.Equal(["Bonjour, \"madame\"\nligne 2", "fr"], records[1]);
        Assert.Equal(["simple", "en"], records[2]);
    }

    [Fact]
    public void Written_rows_read_back_identically()
    {
        var path = Path.Combine(SharedModels.TemporaryDirectory(), "round.csv");
        CsvFile.Write(path, ["text", "lang"], [["a, \"b\"\nc", "fr"], ["plain", "en"]]);

        var rows = CsvFile.Read(path);

        Assert.Equal("a, \"b\"\nc", rows[0]["text"]);
        Assert.Equal("en", rows[1]["lang"]);
    }
}
