namespace CamDashboard.Streaming.Sources;

/// <summary>The unread part of a byte stream, in one growable buffer: the readers of JPEG
/// streams search it in place and consume what they have parsed.</summary>
internal sealed class StreamWindow(Stream input, int initialSize)
{
    public byte[] Buffer { get; private set; } = new byte[initialSize];

    /// <summary>Index of the first unread byte in <see cref="Buffer"/>.</summary>
    public int Start { get; set; }

    /// <summary>Index after the last byte read into <see cref="Buffer"/>.</summary>
    public int End { get; private set; }

    public int Length => End - Start;

    /// <summary>Bytes read from the stream so far.</summary>
    public long TotalRead { get; private set; }

    /// <summary>Moves the unread bytes to the front and reads more; false at the end of the stream.
    /// Indexes into <see cref="Buffer"/> taken before a call are invalid after it.</summary>
    public bool Fill()
    {
        if (Start > 0)
        {
            System.Buffer.BlockCopy(Buffer, Start, Buffer, 0, End - Start);
            End -= Start;
            Start = 0;
        }

        if (End == Buffer.Length)
        {
            var grown = Buffer;
            Array.Resize(ref grown, grown.Length * 2);
            Buffer = grown;
        }

        var read = input.Read(Buffer, End, Buffer.Length - End);
        End += read;
        TotalRead += read;
        return read > 0;
    }
}
