#!/usr/bin/env bash
# Installs what is missing and builds Meshlings.
#   deploy/build.sh [BUILD_DIR] [CMAKE_OPTIONS...]   (default BUILD_DIR: build)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/build}"
shift || true

bash "$root/deploy/install-deps.sh"
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@"
cmake --build "$dir"
