using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Assistant.Ticketing.Operators;

/// <summary>
/// Builds the catalogue from the built-in operators and the <c>Assistant:Operators</c> list: an entry whose
/// <c>Id</c> matches a built-in operator overrides the keys it sets; any other entry adds an operator.
/// </summary>
public static partial class OperatorsSetup
{
    public const string SectionName = "Assistant:Operators";

    public static OperatorCatalog FromConfiguration(IConfiguration configuration)
    {
        var operators = OperatorCatalog.Defaults().All.ToDictionary(o => o.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection(SectionName).GetChildren())
        {
            var id = entry["Id"];
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new InvalidOperationException($"{entry.Path}: every operator needs an Id.");
            }

            var profile = operators.GetValueOrDefault(id) ?? new OperatorProfile();
            // The binder appends to existing lists; a configured list replaces the built-in one instead.
            profile = profile with
            {
                Products = entry.GetSection(nameof(OperatorProfile.Products)).Exists() ? [] : profile.Products,
                BusinessHours = entry.GetSection(nameof(OperatorProfile.BusinessHours)).Exists() ? [] : profile.BusinessHours,
                ClosedDates = entry.GetSection(nameof(OperatorProfile.ClosedDates)).Exists() ? [] : profile.ClosedDates,
            };
            // Binding sets the init-only properties of this fresh copy, before anyone else can see it.
            entry.Bind(profile);
            profile = profile with { Id = profile.Id.Trim().ToLowerInvariant() };
            operators.Remove(id);
            operators[profile.Id] = profile;
        }

        var errors = operators.Values.SelectMany(Validate).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{SectionName} is invalid: {string.Join("; ", errors)}");
        }

        return new OperatorCatalog(operators.Values);
    }

    public static IEnumerable<string> Validate(OperatorProfile profile)
    {
        var name = $"operator '{profile.Id}'";
        if (!IdPattern().IsMatch(profile.Id))
        {
            yield return $"{name}: Id must be lower-case letters, digits or dashes";
        }

        if (!PrefixPattern().IsMatch(profile.ReferencePrefix))
        {
            yield return $"{name}: ReferencePrefix must be 2 to 5 capital letters";
        }

        if (string.IsNullOrWhiteSpace(profile.Name))
        {
            yield return $"{name}: Name is required";
        }

        if (string.IsNullOrWhiteSpace(profile.CguVersion))
        {
            yield return $"{name}: CguVersion is required";
        }

        if (string.IsNullOrWhiteSpace(profile.SanctionClause) || profile.SanctionClause.Any(char.IsControl))
        {
            yield return $"{name}: SanctionClause (the CGU clause sanctions cite) is required, on one line";
        }

        foreach (var product in profile.Products.Where(p => !Taxonomy.IsProduct(p)))
        {
            yield return $"{name}: product '{product}' is not one of {string.Join(", ", Taxonomy.Products)}";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(profile.TimeZone, out _))
        {
            yield return $"{name}: time zone '{profile.TimeZone}' is unknown on this machine";
        }

        if (profile.BusinessHours.Count == 0)
        {
            yield return $"{name}: BusinessHours needs at least one day";
        }

        foreach (var day in profile.BusinessHours.Where(d => d.Closes <= d.Opens))
        {
            yield return $"{name}: on {day.Day} Closes ({day.Closes}) must be after Opens ({day.Opens})";
        }

        if (profile.Holidays is not ("FR" or "none"))
        {
            yield return $"{name}: Holidays must be 'FR' or 'none'";
        }
    }

    [GeneratedRegex("^[a-z0-9-]{2,40}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Z]{2,5}$")]
    private static partial Regex PrefixPattern();
}
