#!/usr/bin/env bash
# Idempotent set-up: Debian libraries Qt needs (when root), a .venv and the pinned packages.
# Re-runs are cheap: a stamp file remembers which pyproject.toml was installed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
purpose="${1:-run}"

apt_pkgs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libx11-6)
# A real window (Xvfb or a desktop) needs the xcb plugin's libraries; tests and benches look at PDFs.
apt_pkgs+=(libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
           libxcb-xkb1 libxkbcommon-x11-0)
[ "$purpose" = run ] || apt_pkgs+=(poppler-utils xvfb xauth)

if command -v dpkg-query >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  missing=()
  for p in "${apt_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[bootstrap] apt-get install ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  fi
fi

py="${PYTHON:-python3.11}"
command -v "$py" >/dev/null 2>&1 || py=python3
# Debian's python3 lacks ensurepip until python3-venv is installed.
if ! "$py" -c "import ensurepip, venv" >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  ver="$("$py" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
  echo "[bootstrap] apt-get install python${ver}-venv" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "python${ver}-venv" >&2 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-venv >&2
fi
if [ ! -x "$root/.venv/bin/python" ]; then
  echo "[bootstrap] creating .venv" >&2
  "$py" -m venv "$root/.venv"
fi
stamp="$root/.venv/.gkml-installed"
want="$(cat "$root/pyproject.toml" "$root/constraints.txt" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[bootstrap] installing pinned packages" >&2
  # pyproject.toml is the single list of pins; read it with tomllib (Python 3.11).
  mapfile -t reqs < <("$root/.venv/bin/python" - "$root/pyproject.toml" <<'PY'
import sys, tomllib
p = tomllib.load(open(sys.argv[1], "rb"))["project"]
for r in p["dependencies"] + sum(p["optional-dependencies"].values(), []):
    print(r)
PY
)
  # constraints.txt pins the transitive packages too, so every machine gets the tested set.
  "$root/.venv/bin/python" -m pip install -q --disable-pip-version-check -c "$root/constraints.txt" "${reqs[@]}" >&2
  echo "$want" > "$stamp"
fi
