#!/usr/bin/env bash
# Static checks, as CI runs them: ruff (style, imports, bugbear, complexity ≤ 12) and mypy, both at zero findings.
set -euo pipefail
cd "$(dirname "$0")/.."
py=".venv/bin"
# build.spec is Python that pyinstaller runs; ruff only looks at *.py unless told.
"$py/ruff" check . build.spec
"$py/mypy"                      # files and strictness: [tool.mypy] in pyproject.toml
