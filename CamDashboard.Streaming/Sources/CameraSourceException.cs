namespace CamDashboard.Streaming.Sources;

/// <summary>A camera source could not be opened or read. The message is shown to admins as it
/// is, so it never carries credentials.</summary>
public sealed class CameraSourceException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CameraSourceException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public CameraSourceException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public CameraSourceException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a fault class and message.</summary>
    public CameraSourceException(SourceFault fault, string message, Exception? innerException = null) : base(message, innerException)
    {
        Fault = fault;
    }

    /// <summary>Why the source failed.</summary>
    public SourceFault Fault { get; }
}
