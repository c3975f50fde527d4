"""`marginalia init` writes files that validate against the project's JSON Schemas and name them by `$id`."""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BINARY = os.environ.get("MARGINALIA_BIN", str(REPO / ".build" / "debug" / "marginalia"))


def test_init_files_validate_against_the_schemas(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    if not os.path.exists(BINARY):
        pytest.skip(f"binary not built: {BINARY}")
    result = subprocess.run([BINARY, "init", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for name in ("marginalia", "entities", "codebook"):
        schema_path = REPO / "schemas" / f"{name}.schema.json"
        if not schema_path.exists():
            pytest.skip(f"missing {schema_path}")
        schema = json.loads(schema_path.read_text())
        document = json.loads((tmp_path / f"{name}.json").read_text())
        assert document["$schema"] == schema["$id"]
        jsonschema.Draft202012Validator(schema).validate(document)
    again = subprocess.run([BINARY, "init", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert again.returncode == 2
