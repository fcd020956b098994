#!/bin/sh
# The compatibility program for mariadb-admin: the subcommands a health check or an operator runs,
# printed in a form that does not depend on the server instance (no uptimes, ids or counters).
#   sh mariadb_admin.sh HOST PORT USER DATABASE BASE
set -u
HOST=$1 PORT=$2 USER=$3
admin() { mariadb-admin -h"$HOST" -P"$PORT" -u"$USER" --skip-ssl --connect-timeout=10 "$@" 2>&1; }
failed=0
check() { # name, command...: prints the name and the exit code
  name=$1; shift
  output=$("$@"); rc=$?
  echo "$name | exit $rc"
  [ $rc -eq 0 ] || { failed=1; echo "$output"; }
}
check ping admin ping
admin ping
check version admin version
admin version | grep -E '^(Server version|Protocol version)' | sed -E 's/(Server version[[:space:]]+)[0-9.]+-.*MariaDB.*/\1<n>-MariaDB<suffix>/'
check status admin status
admin status | sed -E 's/^(Uptime): .*/\1: <n>/; s/[0-9]+/<n>/g' | cut -c1-20
check extended-status admin extended-status
admin extended-status | grep -cE '^\| (Uptime|Threads_connected|Questions) '
check variables admin variables
admin variables | grep -E '^\| (max_allowed_packet|character_set_server|sql_mode) ' | tr -s ' '
check flush-tables admin flush-tables
check flush-status admin flush-status
if [ $failed -eq 0 ]; then echo "done | failed steps: none"; else echo "done | failed steps: some (see above)"; fi
exit $failed
