#!/usr/bin/env bash
# Runs every test: the Swift suites (unit, parity, hostile input, CLI as a process), then the
# Python suites that drive the built binary (LSP end to end, raw stdio, SARIF and schema checks,
# editors). Installs the Python packages it needs when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 - <<'PY' || python3 -m pip install -q -r Tests/requirements.txt
import importlib, sys
for name in ["pypandoc", "pytest", "pytest_lsp", "pygls", "lsprotocol", "jsonschema", "pytest_asyncio"]:
    importlib.import_module(name)
PY

# The Pandoc parity test finds the pandoc that pypandoc-binary ships.
MARGINALIA_PANDOC="$(python3 -c 'import os, pypandoc; print(os.path.join(os.path.dirname(pypandoc.__file__), "files", "pandoc"))')"
export MARGINALIA_PANDOC

swift build --build-tests
swift test --skip-build

export MARGINALIA_BIN="$PWD/.build/debug/marginalia"
python3 -m pytest -q Tests/e2e Tests/cli Tests/schemas $( [ -d Tests/editors ] && echo Tests/editors )
