using System.Globalization;

namespace Cdc.Cli.Check;

/// <summary>A checkpoint's age as a person reads it: "42 s ago", "3 min 12 s ago", "5 h 3 min ago", "2 d 4 h ago".</summary>
internal static class AgeText
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            // Clocks of two machines disagree: say so rather than print a negative age.
            return string.Create(CultureInfo.InvariantCulture, $"{(long)-age.TotalSeconds} s in the future (clock skew)");
        }

        return age.TotalSeconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{(long)age.TotalSeconds} s ago")
            : age.TotalMinutes < 60 ? string.Create(CultureInfo.InvariantCulture, $"{age.Minutes} min {age.Seconds} s ago")
            : age.TotalHours < 24 ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours} h {age.Minutes} min ago")
            : string.Create(CultureInfo.InvariantCulture, $"{age.Days} d {age.Hours} h ago");
    }
}
