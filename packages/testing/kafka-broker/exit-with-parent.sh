#!/bin/sh
# Runs "$@" (the Kafka JVM) until it exits or until this script's stdin reaches end of file.
# The Node process that spawned us holds the only write end of that pipe, so EOF means it asked
# the broker to stop, or it died (even by SIGKILL): either way the JVM must not outlive it.
exec 3<&0
"$@" </dev/null 3<&- &
child=$!
{ while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null; } &
watcher=$!
exec 3<&-
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
exit "$status"
