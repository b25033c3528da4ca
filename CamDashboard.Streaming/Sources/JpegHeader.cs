using System.Buffers.Binary;

namespace CamDashboard.Streaming.Sources;

/// <summary>Reads a JPEG's size from its frame header, so passed-through frames need no decode.</summary>
public static class JpegHeader
{
    /// <summary>Finds the start-of-frame segment; false when the bytes are not a JPEG with one.</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> jpeg, out int width, out int height)
    {
        width = height = 0;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            return false;
        }

        var i = 2;
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
            {
                return false;
            }

            var marker = jpeg[i + 1];
            if (marker == 0xFF)
            {
                i++; // fill byte
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
            // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (i + 9 > jpeg.Length)
                {
                    return false;
                }

                height = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 5)..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 7)..]);
                return width > 0 && height > 0;
            }

            if (marker == 0xDA || length < 2)
            {
                return false; // scan data before any frame header
            }

            i += 2 + length;
        }

        return false;
    }
}
