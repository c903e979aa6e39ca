namespace Assist.Domain.Calendar;

/// <summary>Calendar data that does not follow the holiday-cn format; the message says what and where.</summary>
public sealed class CalendarDataException : FormatException
{
    public CalendarDataException()
    {
    }

    public CalendarDataException(string message)
        : base(message)
    {
    }

    public CalendarDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
