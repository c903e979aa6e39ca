using Azure.Data.Tables;

namespace Assist.Storage.Workflow;

/// <summary>
/// One minute bucket of the housekeeping index while a sweep works through it, possibly from several tasks at once: what is
/// not yet due, what was left for the next sweep, and the handled rows waiting to be deleted in batches.
/// </summary>
internal sealed class SweptBucket(string name, List<TableEntity> rows)
{
    private readonly Lock _gate = new();
    private List<TableEntity> _handled = [];
    private int _left;

    public string Name => name;

    public List<TableEntity> Rows => rows;

    /// <summary>Timer rows in this bucket that are not yet due (only the current minute's bucket has any).</summary>
    public int NotYetDue { get; set; }

    /// <summary>Due rows this sweep did not finish: a failure, a blocked ticket, the time budget, a failed delete.</summary>
    public int Left => Volatile.Read(ref _left);

    /// <summary>Every row was handled and deleted and none waits for a later minute: the day index may forget it.</summary>
    public bool Emptied => NotYetDue == 0 && Left == 0;

    public void Leave(int count = 1) => Interlocked.Add(ref _left, count);

    /// <summary>Records a handled row; returns a full batch to delete once <see cref="TableStorage.MaxTransactionActions"/> have gathered.</summary>
    public List<TableEntity>? Handled(TableEntity row)
    {
        lock (_gate)
        {
            _handled.Add(row);
            if (_handled.Count < TableStorage.MaxTransactionActions)
            {
                return null;
            }

            var batch = _handled;
            _handled = [];
            return batch;
        }
    }

    /// <summary>The handled rows not yet deleted.</summary>
    public List<TableEntity> TakeHandled()
    {
        lock (_gate)
        {
            var batch = _handled;
            _handled = [];
            return batch;
        }
    }
}
