namespace Snapshots.IntegrationTests.Hostile;

/// <summary>A clock the test moves by hand (the one fake the standards allow): real time until <see cref="Advance"/> is called.</summary>
internal sealed class SettableClock : TimeProvider
{
    private TimeSpan _offset;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;

    public void Advance(TimeSpan by) => _offset += by;
}
