using Telephony.Data.Infrastructure;

namespace Telephony.Tests.Data;

public sealed class PositionalSqlTests
{
    [Fact]
    public void Each_name_gets_one_position_in_order_of_first_use()
    {
        var sql = new PositionalSql("SELECT @b, @a::text, @b || 'x', cardinality(@long_name)");

        Assert.Equal("SELECT $1, $2::text, $1 || 'x', cardinality($3)", sql.Text);
    }

    [Fact]
    public void Parameters_are_set_by_name_into_their_positions_and_an_unknown_name_is_refused()
    {
        var sql = new PositionalSql("SELECT @first, @second");
        using var command = sql.CreateCommand(new Npgsql.NpgsqlConnection());

        sql.Set(command, "second", 2);
        sql.Set(command, "first", null, NpgsqlTypes.NpgsqlDbType.Text);

        Assert.Equal(2, command.Parameters.Count);
        Assert.Equal(DBNull.Value, command.Parameters[0].Value);
        Assert.Equal(NpgsqlTypes.NpgsqlDbType.Text, command.Parameters[0].NpgsqlDbType);
        Assert.Equal(2, command.Parameters[1].Value);
        Assert.All(command.Parameters, p => Assert.Equal("", p.ParameterName));
        Assert.Throws<ArgumentException>(() => sql.Set(command, "third", 3));
    }
}
