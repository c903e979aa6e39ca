namespace Assist.Storage.Workflow;

/// <summary>Carries out a ticket's committed outbox. Swappable so a test can make dispatch fail after the commit (crash simulation).</summary>
public interface IOutboxDispatcher
{
    Task DispatchAsync(string ticketNumber, CancellationToken cancellationToken = default);
}
