#!/usr/bin/env bash
# Installs every Debian package listed in the given files (default:
# scripts/packages.txt) that is not installed yet. Already-installed packages
# (or names that an installed package provides) are skipped without touching
# apt, so a second run costs one dpkg-query. Uses sudo when not root.
#
#   scripts/install-deps.sh [LIST...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lists=("$@")
[ ${#lists[@]} -gt 0 ] || lists=("$here/packages.txt")

wanted=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' "${lists[@]}" | grep -v '^$' | sort -u)

# Names satisfied now: installed packages and what they provide (Node's
# upstream nodejs package provides npm, for instance).
have=$(dpkg-query -W -f='${db:Status-Abbrev}|${Package}|${Provides}\n' 2>/dev/null |
  awk -F'|' '$1 ~ /^ii/ { print $2; n = split($3, p, ","); for (i = 1; i <= n; i++) {
      sub(/^ +/, "", p[i]); sub(/ .*/, "", p[i]); if (p[i] != "") print p[i] } }' | sort -u)
missing=$(comm -23 <(echo "$wanted") <(echo "$have"))
if [ -z "$missing" ]; then
  echo "install-deps: all $(echo "$wanted" | wc -l) packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: $missing" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
apt_install() {
  # shellcheck disable=SC2086
  $sudo apt-get install -y --no-install-recommends $missing
}
echo "install-deps: installing" $missing
# Refresh the package lists first only when they are empty; otherwise try
# with what is there and refresh once if that fails (stale lists, new names).
if ! ls /var/lib/apt/lists/*_Packages >/dev/null 2>&1; then
  $sudo apt-get update
  apt_install
elif ! apt_install; then
  $sudo apt-get update
  apt_install
fi
