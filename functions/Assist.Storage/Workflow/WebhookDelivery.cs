namespace Assist.Storage.Workflow;

public sealed class WebhookDelivery
{
    public WebhookDelivery(WorkflowStorage storage, HttpClient http)
    {
        _ = (storage, http);
    }
}
