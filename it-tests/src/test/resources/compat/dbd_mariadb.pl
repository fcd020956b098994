# The compatibility program for Perl DBI with DBD::MariaDB: the steps of README.md beside this file,
# printed as canonical lines; a failing step prints its error, the others still run; exit code 1
# when any failed. DBD::MariaDB interpolates placeholders on the client by default; the
# "prepared" step uses server-side prepared statements (mariadb_server_prepare).
#   perl dbd_mariadb.pl HOST PORT USER DATABASE BASE
use strict;
use warnings;
use utf8;
use DBI qw(:sql_types);
use Encode qw(encode);

binmode(STDOUT, ':encoding(UTF-8)');
my ($host, $port, $user, $database, $base) = @ARGV;
my $table = 'compat_perl';

my $TXT1 = "O'Neil \\ back \"q\" \\' end";
my $TXT2 = "emoji \x{1F600} \x{fc}n\x{ef}";
my $LAT = "caf\x{e9}";
my $BIN1 = pack('H*', '0001275C2280FFFEC3280A0D1A5C27');

sub show { my $v = shift; return defined $v ? "$v" : 'NULL'; }
sub out { print join(' | ', map { show($_) } @_), "\n"; }

my @failed;
sub step {
    my ($name, $fn) = @_;
    eval { $fn->(); 1 } or do {
        my $e = $@ // 'unknown error';
        $e =~ s/ at \S+ line \d+\.?\n?$//;
        chomp $e;
        push @failed, $name;
        out("ERROR in $name", $e);
    };
}

sub connect_db {
    my %extra = @_;
    return DBI->connect("DBI:MariaDB:database=$database;host=$host;port=$port", $user, '',
        {RaiseError => 1, PrintError => 0, AutoCommit => 1, %extra});
}

sub rows {
    my ($dbh, $sql, @bind) = @_;
    my $rows = $dbh->selectall_arrayref($sql, undef, @bind);
    out('row', @$_) for @$rows;
}

my $dbh;
step('connect', sub {
    $dbh = connect_db();
    my ($v) = $dbh->selectrow_array('SELECT VERSION()');
    out('version mentions MariaDB', ($v =~ /MariaDB/ ? 'true' : 'false'));
});
if (!$dbh) { out('done', 'failed steps: connect'); exit 1; }

step('ddl', sub {
    $dbh->do("DROP TABLE IF EXISTS $table");
    $dbh->do("CREATE TABLE $table (id INT PRIMARY KEY, txt VARCHAR(100) CHARACTER SET utf8mb4,"
        . " lat VARCHAR(50) CHARACTER SET latin1, bin BLOB, n INT NULL)");
    out('ddl', 'ok');
});

sub insert_row {
    my ($h, @values) = @_;
    my $sth = $h->prepare("INSERT INTO $table (id, txt, lat, bin, n) VALUES (?, ?, ?, ?, ?)");
    $sth->bind_param(1, $values[0]);
    $sth->bind_param(2, $values[1]);
    $sth->bind_param(3, $values[2]);
    $sth->bind_param(4, $values[3], SQL_BLOB);
    $sth->bind_param(5, $values[4]);
    return $sth->execute();
}

step('crud', sub {
    my $n = insert_row($dbh, 1, $TXT1, $LAT, $BIN1, undef);
    $n += insert_row($dbh, 2, $TXT2, "\x{e9}", '', 42);
    $n += insert_row($dbh, 3, undef, undef, undef, undef);
    out('inserted', $n);
    rows($dbh, "SELECT id, txt, HEX(txt), HEX(lat), HEX(bin), n FROM $table ORDER BY id");
    for my $id (1, 2) {
        my ($b) = $dbh->selectrow_array("SELECT bin FROM $table WHERE id = ?", undef, $id);
        out('client bytes', $id, uc unpack('H*', $b // ''));
    }
    my $sth = $dbh->prepare("UPDATE $table SET txt = ?, bin = ? WHERE id = ?");
    $sth->bind_param(1, $TXT2 . $TXT1);
    $sth->bind_param(2, $BIN1 . $BIN1, SQL_BLOB);
    $sth->bind_param(3, 2);
    out('updated', $sth->execute() + 0);
    out('deleted', $dbh->do("DELETE FROM $table WHERE id = ?", undef, 3) + 0);
    rows($dbh, "SELECT id, txt, HEX(bin), n FROM $table WHERE txt LIKE ? ORDER BY id", "%O'Neil \\\\%");
});

step('transaction', sub {
    $dbh->begin_work;
    $dbh->do("INSERT INTO $table (id, txt) VALUES (?, ?)", undef, 40, 'rolled back');
    $dbh->rollback;
    $dbh->begin_work;
    $dbh->do("INSERT INTO $table (id, txt) VALUES (?, ?)", undef, 41, 'committed');
    $dbh->commit;
    rows($dbh, "SELECT id, txt FROM $table WHERE id IN (40, 41) ORDER BY id");
});

step('prepared', sub {
    my $sp = connect_db(mariadb_server_prepare => 1);
    out('prepared insert', insert_row($sp, 30, $TXT1, undef, $BIN1, undef) + 0);
    my $sth = $sp->prepare("SELECT id, HEX(txt), HEX(bin), n FROM $table WHERE id >= ? AND bin = ? ORDER BY id");
    $sth->bind_param(1, 30, SQL_INTEGER);
    $sth->bind_param(2, $BIN1, SQL_BLOB);
    $sth->execute();
    while (my @r = $sth->fetchrow_array) { out('row', @r); }
    $sp->disconnect;
});

step('latin1', sub {
    my $latin = connect_db();
    $latin->do('SET NAMES latin1');
    # a latin1 application's bytes: é is E9 (a byte string, not decoded characters)
    my $sth = $latin->prepare("INSERT INTO $table (id, txt, lat) VALUES (?, ?, ?)");
    $sth->bind_param(1, 20);
    $sth->bind_param(2, "\xE9t\xE9", SQL_BLOB);
    $sth->bind_param(3, "\xE9", SQL_BLOB);
    $sth->execute();
    my @r = $latin->selectrow_array("SELECT HEX(txt), HEX(lat) FROM $table WHERE id = 20");
    out('latin1', @r);
    $latin->disconnect;
});

step('sharded table', sub {
    $dbh->do('DELETE FROM t_user WHERE user_id BETWEEN ? AND ?', undef, $base, $base + 3);
    for my $u ([$base, $TXT1, 1, '12.50'], [$base + 1, $TXT2, 2, '-0.01'], [$base + 2, "back\\slash", undef, undef], [$base + 3, undef, 4, '0']) {
        $dbh->do('INSERT INTO t_user (user_id, name, region_id, balance) VALUES (?, ?, ?, ?)', undef, @$u);
    }
    rows($dbh, 'SELECT user_id, name, HEX(name), region_id, balance FROM t_user WHERE user_id BETWEEN ? AND ? ORDER BY user_id', $base, $base + 3);
    out('sharded update', $dbh->do('UPDATE t_user SET name = ? WHERE user_id = ?', undef, "it's \\n", $base + 1) + 0);
    out('sharded delete', $dbh->do('DELETE FROM t_user WHERE user_id = ?', undef, $base + 3) + 0);
    rows($dbh, 'SELECT user_id, name FROM t_user WHERE name = ? AND user_id BETWEEN ? AND ?', "it's \\n", $base, $base + 3);
    rows($dbh, 'SELECT COUNT(*), SUM(balance) FROM t_user WHERE user_id BETWEEN ? AND ?', $base, $base + 3);
});

step('metadata', sub {
    my $sth = $dbh->prepare("SELECT id, txt, lat, bin, n FROM $table WHERE 1 = 0");
    $sth->execute();
    out('columns', map { $sth->{NAME}[$_] . ':' . $sth->{TYPE}[$_] } 0 .. $sth->{NUM_OF_FIELDS} - 1);
    $sth->finish;
    my $ci = $dbh->column_info(undef, undef, 't_user', '%');
    out('column_info t_user', map { $_->{COLUMN_NAME} . ':' . $_->{TYPE_NAME} } @{$ci->fetchall_arrayref({})});
    out('primary_key t_user', $dbh->primary_key(undef, undef, 't_user'));
    $sth = $dbh->prepare('SELECT 1/0');
    $sth->execute();
    $sth->fetchall_arrayref;
    out('warnings after 1/0', $sth->{mariadb_warning_count});
});

$dbh->disconnect;
out('done', 'failed steps: ' . (@failed ? join(', ', @failed) : 'none'));
exit(@failed ? 1 : 0);
