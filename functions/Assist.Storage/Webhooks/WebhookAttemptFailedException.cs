namespace Assist.Storage.Webhooks;

/// <summary>An attempt the receiver did not accept (a non-2xx answer, no answer in time, no connection): worth retrying.</summary>
public sealed class WebhookAttemptFailedException : Exception
{
    public WebhookAttemptFailedException()
    {
    }

    public WebhookAttemptFailedException(string message)
        : base(message)
    {
    }

    public WebhookAttemptFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
