namespace Assistant.Ticketing.Operators;

/// <summary>What an admin may change of an operator at run time: business hours, holidays and the terms of use.</summary>
/// <param name="BusinessHours">The open days; a day not listed is closed.</param>
public sealed record OperatorEdit(IReadOnlyList<BusinessDay> BusinessHours, string Holidays, string CguVersion, string CguUrl)
{
    public const int MaxCguVersionLength = 40;
    public const int MaxCguUrlLength = 500;

    /// <summary>The edit's part of <paramref name="profile"/>, e.g. to show it or to start an edit from it.</summary>
    public static OperatorEdit Of(OperatorProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new OperatorEdit(profile.BusinessHours, profile.Holidays, profile.CguVersion, profile.CguUrl);
    }

    /// <summary>A new profile: <paramref name="profile"/> with this edit's values, days in week order.</summary>
    public OperatorProfile ApplyTo(OperatorProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return profile with
        {
            BusinessHours = [.. BusinessHours.OrderBy(d => ((int)d.Day + 6) % 7)],
            Holidays = Holidays,
            CguVersion = CguVersion.Trim(),
            CguUrl = CguUrl.Trim(),
        };
    }

    /// <summary>The rules an edit must meet on top of <see cref="OperatorsSetup.Validate"/>, per field.</summary>
    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (BusinessHours.Count == 0)
        {
            yield return ("businessHours", "At least one day must be open.");
        }

        foreach (var day in BusinessHours.GroupBy(d => d.Day).Where(g => g.Count() > 1))
        {
            yield return ("businessHours", $"{day.Key} is given more than once.");
        }

        foreach (var day in BusinessHours.Where(d => !Enum.IsDefined(d.Day)))
        {
            yield return ("businessHours", $"'{day.Day}' is not a day of the week.");
        }

        foreach (var day in BusinessHours.Where(d => d.Closes <= d.Opens))
        {
            yield return ("businessHours", $"On {day.Day} the closing time ({day.Closes:HH\\:mm}) must be after the opening time ({day.Opens:HH\\:mm}).");
        }

        if (Holidays is not ("FR" or "none"))
        {
            yield return ("holidays", "Holidays must be 'FR' or 'none'.");
        }

        if (string.IsNullOrWhiteSpace(CguVersion))
        {
            yield return ("cguVersion", "The CGU version is required.");
        }
        else if (CguVersion.Trim().Length > MaxCguVersionLength || CguVersion.Any(char.IsControl))
        {
            yield return ("cguVersion", $"The CGU version must be one line of at most {MaxCguVersionLength} characters.");
        }

        if (CguUrl.Length > MaxCguUrlLength
            || !Uri.TryCreate(CguUrl.Trim(), UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return ("cguUrl", "The CGU link must be an absolute http or https URL.");
        }
    }
}
