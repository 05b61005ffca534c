#!/usr/bin/env bash
# The PostgreSQL tests start a throwaway cluster from Debian's PostgreSQL (initdb, pg_ctl):
# install it once if missing. Installing does not leave a server running for the tests; the
# package's own default cluster is stopped again if apt started one.
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    exit 0
fi
bash "$(dirname "$0")/apt_install.sh" postgresql
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
if command -v pg_ctlcluster >/dev/null 2>&1; then
    for cluster in /etc/postgresql/*/main; do
        [ -d "$cluster" ] || continue
        version=$(basename "$(dirname "$cluster")")
        $SUDO pg_ctlcluster "$version" main stop 2>/dev/null || true
    done
fi
