using System.Globalization;

namespace StreamEngine.Transcoder;

/// <summary>A frame rate as the rational number video uses (30000/1001 is 29.97): rounding it to 30 would repeat a
/// frame about every 33 seconds.</summary>
public readonly record struct FrameRate(int Numerator, int Denominator)
{
    public double Value => (double)Numerator / Denominator;

    /// <summary>As ffmpeg's filters and options take it: <c>30000/1001</c>.</summary>
    public override string ToString() =>
        Denominator == 1
            ? Numerator.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator}");

    /// <summary>ffprobe's <c>num/den</c>; null when absent, zero or not a rate.</summary>
    public static FrameRate? Parse(string? value)
    {
        var parts = value?.Split('/');
        return
            parts is { Length: 2 }
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && n > 0
            && d > 0
            ? Reduced(n, d)
            : null;
    }

    /// <summary>The rate the ladder is encoded at: a constant source keeps its exact rate, halved while above 60
    /// (120 becomes 60, 119.88 becomes 59.94); a variable-rate source (null here) becomes its average rounded, at most
    /// 60.</summary>
    public static FrameRate Target(FrameRate? constant, double average)
    {
        if (constant is not { } rate || rate.Value is < 1 or > 1000)
        {
            return new FrameRate(average is > 0 and < 1000 ? Math.Clamp((int)Math.Round(average), 1, 60) : 30, 1);
        }

        while (rate.Value > 60)
        {
            rate =
                rate.Numerator % 2 == 0
                    ? Reduced(rate.Numerator / 2, rate.Denominator)
                    : Reduced(rate.Numerator, rate.Denominator * 2);
        }

        return rate;
    }

    private static FrameRate Reduced(int n, int d)
    {
        var gcd = (int)System.Numerics.BigInteger.GreatestCommonDivisor(n, d);
        return new FrameRate(n / gcd, d / gcd);
    }
}
