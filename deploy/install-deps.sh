#!/usr/bin/env bash
# Installs the Debian packages Meshlings needs to build (and, given as
# arguments, any extra ones), only when something is missing. Runs apt-get
# as root, or through sudo for a normal user.
set -euo pipefail

packages=(build-essential cmake ninja-build pkg-config
          libsdl2-dev libsdl2-ttf-dev libcurl4-openssl-dev libssl-dev nlohmann-json3-dev doctest-dev
          libyaml-cpp-dev libcpp-httplib-dev libcli11-dev fonts-dejavu-core "$@")

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if ((${#missing[@]} == 0)); then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
