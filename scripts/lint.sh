#!/usr/bin/env bash
# Static checks, as CI runs them: ruff (style, imports, bugbear, complexity ≤ 12) and mypy, both at zero findings.
set -euo pipefail
cd "$(dirname "$0")/.."
py=".venv/bin"
"$py/ruff" check .
"$py/mypy"
