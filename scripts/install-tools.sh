#!/usr/bin/env bash
# Installs the system tools the lab's tests use, each only when missing (idempotent):
#   chromium   — the report's browser test (Debian's package; never a downloaded browser)
#   prometheus — the cross-check of the lab's PromQL against a real Prometheus (Debian's)
#   k6         — the k6 load path (a Go program, pinned, built through the Go module proxy)
# Called by `make setup` (and so by `make test` and `make demo`). apt-get needs root, as on CI.
set -euo pipefail

apt_packages=()
[ -x /usr/bin/chromium ] || apt_packages+=(chromium)
[ -x /usr/bin/prometheus ] || apt_packages+=(prometheus)
if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "install-tools: apt-get install ${apt_packages[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-tools: need root to install ${apt_packages[*]} (run: sudo apt-get install -y ${apt_packages[*]})" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
  # Debian starts the prometheus service on install; the lab runs its own on 127.0.0.1.
  if command -v systemctl >/dev/null 2>&1; then systemctl disable --now prometheus >/dev/null 2>&1 || true; fi
  pkill -x prometheus >/dev/null 2>&1 || true
fi

# k6: keep in step with K6_VERSION in src/traffic/k6/k6-binary.ts. ~5 minutes the first time.
K6_VERSION=v1.4.2
if ! command -v k6 >/dev/null 2>&1 && [ ! -x "$(go env GOPATH)/bin/k6" ]; then
  echo "install-tools: go install go.k6.io/k6@${K6_VERSION}"
  go install "go.k6.io/k6@${K6_VERSION}"
fi
echo "install-tools: chromium $( /usr/bin/chromium --version 2>/dev/null | awk '{print $2}' ), prometheus $(/usr/bin/prometheus --version 2>&1 | head -1 | awk '{print $3}'), $("$(command -v k6 || echo "$(go env GOPATH)/bin/k6")" version 2>/dev/null | head -1)"
