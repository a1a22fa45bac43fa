#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: the system libraries the Kafka client builds
# against, then the npm dependencies. Quick when everything is already in place.
set -euo pipefail
cd "$(dirname "$0")/.."

# @confluentinc/kafka-javascript cannot download its prebuilt binary without internet; it builds
# librdkafka from source, linked dynamically against these system libraries.
# chromium: the web console's end-to-end test drives Debian's headless Chromium (playwright-core).
system_packages=(libssl-dev zlib1g-dev libzstd-dev libcurl4-openssl-dev libsasl2-dev liblz4-dev pkg-config make g++ python3 chromium)

missing=()
for package in "${system_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
fi

# Re-install only when package-lock.json changed since the last install (npm writes its own copy).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
  || ! node -e "require('@confluentinc/kafka-javascript'); require('better-sqlite3')" >/dev/null 2>&1; then
  echo "setup: installing npm dependencies (builds the Kafka client from source: about 2 minutes)"
  # `npm install`, not `npm ci`: npm 11 writes lock files without the other platforms' optional
  # packages (rollup's), which `npm ci` then rejects as out of sync. --foreground-scripts shows the
  # native builds (librdkafka, better-sqlite3) as they compile instead of minutes of silence.
  install_started=$SECONDS
  CKJS_LINKING=dynamic npm install --no-audit --no-fund --foreground-scripts
  echo "setup: npm dependencies installed in $((SECONDS - install_started)) s"
fi

# The web console's static files (console/dist), bundled by esbuild in about a second.
npm run build:console --silent
