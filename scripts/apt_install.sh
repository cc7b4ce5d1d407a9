#!/usr/bin/env bash
# Installs the Debian packages given after the first argument (a name for the log line) with
# apt-get, using sudo when not root. Idempotent: packages already present are not touched, and
# apt-get runs only when one is missing. Shared by scripts/setup.sh and bench setup scripts.
set -euo pipefail

who="$1"
shift
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "$who: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
