namespace Assist.Domain.Calendar;

/// <summary>
/// Calendar data that does not follow the holiday-cn format; the message says what and where, in English
/// (<see cref="Exception.Message"/>) and in 简体中文 (<see cref="MessageZh"/>) for whoever uploaded it.
/// </summary>
public sealed class CalendarDataException : FormatException
{
    public CalendarDataException()
    {
        MessageZh = Message;
    }

    public CalendarDataException(string message)
        : base(message)
    {
        MessageZh = message;
    }

    public CalendarDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        MessageZh = message;
    }

    public CalendarDataException(string message, string messageZh, Exception? innerException = null)
        : base(message, innerException)
    {
        MessageZh = messageZh;
    }

    /// <summary>The same message in 简体中文.</summary>
    public string MessageZh { get; }
}
