#!/usr/bin/env bash
# Provides a real PostgreSQL for the tests: installs Debian's package if it is
# missing, starts the cluster, creates the `vigie` role, then prints its URL.
# Standard output carries the URL and nothing else (callers capture it);
# everything the tools print goes to stderr. Exits non-zero (loudly) if
# PostgreSQL cannot be had.
set -euo pipefail

log() { echo "[postgres] $*" >&2; }
as_postgres() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

provide() {
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      log "PostgreSQL is not installed: installing Debian's postgresql package"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql
    else
      log "PostgreSQL is not installed and cannot be installed here (need root and apt-get)."
      exit 1
    fi
  fi

  local cluster status
  cluster=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1" "$2}')
  if [ -z "$cluster" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    log "no cluster: creating ${version}/main"
    pg_createcluster "$version" main
    cluster="$version main"
  fi
  read -r version name <<<"$cluster"
  status=$(pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1==v && $2==n {print $4}')
  if [ "$status" != "online" ]; then
    log "starting cluster ${version}/${name}"
    pg_ctlcluster "$version" "$name" start
  fi
  port=$(pg_lsclusters --no-header | awk -v v="$version" -v n="$name" '$1==v && $2==n {print $3}')

  for _ in $(seq 1 30); do
    as_postgres psql -p "$port" -Atqc 'select 1' >/dev/null 2>&1 && break
    sleep 0.5
  done
  as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -Atq <<SQL
do \$\$ begin
  if not exists (select from pg_roles where rolname = 'vigie') then
    create role vigie login superuser password 'vigie';
  end if;
end \$\$;
SQL
}

# The tools' output goes to stderr, and the server started here inherits no
# descriptor of the caller's pipe (or the caller would wait for it forever).
provide 1>&2 </dev/null
if ! [[ "${port:-}" =~ ^[0-9]+$ ]]; then
  log "no port found for the cluster (pg_lsclusters: $(pg_lsclusters --no-header 2>&1 | tr '\n' ' '))"
  exit 1
fi
echo "postgres://vigie:vigie@127.0.0.1:${port}/postgres"
