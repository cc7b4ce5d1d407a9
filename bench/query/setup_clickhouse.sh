#!/usr/bin/env bash
# Installs Debian's ClickHouse (server + client), the baseline of the query benchmark.
# Idempotent: apt-get runs only when a package is missing. Kept apart from scripts/setup.sh on
# purpose: building and testing Tributary (and CI) must not need ClickHouse.
# The benchmark runs its own private server instance; it never uses the system service.
set -euo pipefail

PACKAGES=(clickhouse-server clickhouse-client)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup_clickhouse: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
