namespace CamDashboard.Streaming.Settings;

/// <summary>How a camera watches for activity (frame differences on its small frames).</summary>
/// <param name="Sensitivity">1–100: how small a changed area counts as activity (100: the smallest).</param>
/// <param name="Mask">Areas ignored, as <see cref="MaskColumns"/>×<see cref="MaskRows"/> cells row by
/// row, <c>1</c> ignored and <c>0</c> watched; null or empty: the whole picture is watched.</param>
public sealed record ActivitySettings(int Sensitivity = ActivitySettings.DefaultSensitivity, string? Mask = null)
{
    /// <summary>Lowest, highest and default sensitivity.</summary>
    public const int MinSensitivity = 1, MaxSensitivity = 100, DefaultSensitivity = 50;

    /// <summary>Frames analysed a second: enough to catch a person crossing, cheap at any size.</summary>
    public const int AnalysedPerSecond = 5;

    /// <summary>The mask's grid: 16 by 9 cells, the shape of a 16:9 picture.</summary>
    public const int MaskColumns = 16, MaskRows = 9;

    /// <summary>The length of a mask.</summary>
    public const int MaskCells = MaskColumns * MaskRows;

    /// <summary>Whether the values are in range.</summary>
    public bool IsValid => Sensitivity is >= MinSensitivity and <= MaxSensitivity && IsValidMask(Mask);

    /// <summary>The share of the watched area (0–1) that must change between two analysed
    /// frames for them to count as activity, tenfold for every 50 steps: 3 % at sensitivity 1,
    /// 0.3 % at 50 (a person crossing a yard's picture), 0.03 % at 100.</summary>
    public double AreaThreshold => 0.03 * Math.Pow(10, -2 * (Sensitivity - MinSensitivity) / (double)(MaxSensitivity - MinSensitivity));

    /// <summary>Whether a cell (column, row) is ignored.</summary>
    public bool Ignores(int column, int row) => !string.IsNullOrEmpty(Mask) && Mask[(row * MaskColumns) + column] == '1';

    /// <summary>This mask with one cell toggled.</summary>
    public ActivitySettings Toggle(int column, int row)
    {
        var cells = (string.IsNullOrEmpty(Mask) ? new string('0', MaskCells) : Mask).ToCharArray();
        var at = (row * MaskColumns) + column;
        cells[at] = cells[at] == '1' ? '0' : '1';
        var mask = new string(cells);
        return this with { Mask = mask.Contains('1', StringComparison.Ordinal) ? mask : null };
    }

    /// <summary>The number of ignored cells.</summary>
    public int IgnoredCells => string.IsNullOrEmpty(Mask) ? 0 : Mask.Count(c => c == '1');

    /// <summary>Whether <paramref name="mask"/> is a mask (or none).</summary>
    public static bool IsValidMask(string? mask) => string.IsNullOrEmpty(mask) || (mask.Length == MaskCells && mask.All(c => c is '0' or '1'));

    /// <summary>The rules in words, for error messages.</summary>
    public static string SensitivityRule => $"activity.sensitivity must be from {MinSensitivity} to {MaxSensitivity}.";

    /// <summary>The mask rule in words.</summary>
    public static string MaskRule => $"activity.mask must be {MaskCells} characters of 0 (watched) and 1 (ignored), {MaskColumns} cells by {MaskRows} row by row, or empty.";
}
