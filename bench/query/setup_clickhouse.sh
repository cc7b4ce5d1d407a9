#!/usr/bin/env bash
# Installs Debian's ClickHouse (server + client), the baseline of the query benchmark.
# Idempotent: apt-get runs only when a package is missing. Kept apart from scripts/setup.sh on
# purpose: building and testing Tributary (and CI) must not need ClickHouse.
# The benchmark runs its own private server instance; it never uses the system service.
set -euo pipefail

PACKAGES=(clickhouse-server clickhouse-client)

exec "$(dirname "$0")/../../scripts/apt_install.sh" setup_clickhouse "${PACKAGES[@]}"
