using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Telephony.Data.Infrastructure;

/// <summary>
/// A statement written with named parameters (<c>@name</c>) and sent with positional ones (<c>$1</c>, <c>$2</c>, ...).
/// Npgsql rewrites named parameters by parsing the whole statement on every execution, prepared or not; the batch
/// statements are kilobytes long and run hundreds of times a second, and with positional parameters Npgsql sends the
/// text as it is. The rewrite here happens once. It replaces every <c>@name</c> in the text, so the statement must not
/// hold one in a string literal or comment.
/// </summary>
internal sealed partial class PositionalSql
{
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public PositionalSql(string namedSql)
    {
        Text = Placeholder().Replace(namedSql, m =>
        {
            var name = m.Groups[1].Value;
            if (!positions.TryGetValue(name, out var position))
            {
                position = positions.Count;
                positions.Add(name, position);
            }

            return "$" + (position + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
    }

    /// <summary>The statement as sent, with <c>$n</c> parameters.</summary>
    public string Text { get; }

    /// <summary>A command on <paramref name="connection"/> whose parameters are to be set by name with <see cref="Set"/>.</summary>
    public NpgsqlCommand CreateCommand(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Text, connection);
        for (var i = 0; i < positions.Count; i++)
        {
            command.Parameters.Add(new NpgsqlParameter());
        }

        return command;
    }

    /// <summary>Sets the parameter <paramref name="name"/> of a command made by <see cref="CreateCommand"/>.</summary>
    public void Set(NpgsqlCommand command, string name, object? value, NpgsqlDbType? type = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var parameter = command.Parameters[positions.TryGetValue(name, out var position) ? position : throw new ArgumentException($"The statement has no parameter @{name}.", nameof(name))];
        if (type is { } t)
        {
            parameter.NpgsqlDbType = t;
        }

        parameter.Value = value ?? DBNull.Value;
    }

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Placeholder();
}
