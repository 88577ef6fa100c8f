#!/usr/bin/env bash
# Checks the files in deploy/ with the tools that consume them: `nginx -t` on
# the reverse-proxy config (with a throwaway self-signed certificate),
# `systemd-analyze verify` on the unit, and that the container's baked-in
# config passes `guildhall config check`. Usage: deploy_test.sh SOURCE_DIR GUILDHALL_BINARY
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
src=$1 bin=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# nginx: substitute the certificate paths, wrap in a minimal main config.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=guild.example.org \
  -keyout "$tmp/key.pem" -out "$tmp/cert.pem" 2>/dev/null
sed -e "s|/etc/letsencrypt/live/guild.example.org/fullchain.pem|$tmp/cert.pem|" \
    -e "s|/etc/letsencrypt/live/guild.example.org/privkey.pem|$tmp/key.pem|" \
    "$src/deploy/nginx/guildhall.conf" > "$tmp/guildhall.conf"
grep -q "$tmp/cert.pem" "$tmp/guildhall.conf"
cat > "$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/error.log;
events {}
http {
    access_log off;
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    include $tmp/guildhall.conf;
}
CONF
nginx -t -p "$tmp" -e "$tmp/error.log" -c "$tmp/nginx.conf"

# systemd: the unit as installed, with the binary from this build.
if command -v systemd-analyze >/dev/null; then
  sed "s|/usr/local/bin/guildhall|$bin|g" "$src/deploy/guildhall.service" > "$tmp/guildhall.service"
  systemd-analyze verify "$tmp/guildhall.service"
else
  echo "systemd-analyze not installed: unit not verified"
fi

"$bin" --config "$src/deploy/guildhall.container.toml" config check
echo "deploy files OK"
