#!/usr/bin/env bash
# Installs what `make demo` and `make test` need and is missing: Debian packages, uv, the locked Python env.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-eng
              fonts-dejavu-core fonts-liberation fonts-noto-core poppler-utils)
# The tests start these themselves on loopback (`scripts/bootstrap.sh test`).
if [ "${1:-}" = "test" ]; then
  APT_PACKAGES+=(redis-server postgresql chromium)
fi

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! python3 -m uv --version >/dev/null 2>&1 && ! command -v uv >/dev/null 2>&1; then
  echo "installing uv"
  python3 -m pip install --quiet uv
fi
if python3 -m uv --version >/dev/null 2>&1; then UV=(python3 -m uv); else UV=(uv); fi
"${UV[@]}" sync --frozen --quiet
