namespace CamDashboard.Streaming.Sources;

/// <summary>A camera source could not be opened.</summary>
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
}
