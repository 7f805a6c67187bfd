namespace Snapshots.Provisions;

/// <summary>
/// Words that gave a clause type, to highlight: <see cref="Start"/> and <see cref="Length"/> are offsets into the text
/// classified; for a provision (<see cref="ClauseClassifier.Classify(Provision, string)"/>), into its own text, or into its
/// context range number <see cref="Context"/> when that is not -1.
/// </summary>
/// <param name="Words">The words themselves, as they are in the text.</param>
/// <param name="Role">What these words did: "match", "cue", "negation" or "exception".</param>
public sealed record MatchedWords(int Start, int Length, string Words, string Role, int Context = -1)
{
    public const string MatchRole = "match";
    public const string CueRole = "cue";
    public const string NegationRole = "negation";
    public const string ExceptionRole = "exception";

    public bool InContext => Context >= 0;
}
