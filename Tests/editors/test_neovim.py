"""Neovim's own LSP client against the real server: hover on a mention shows the
entity's note; go-to-definition lands on the entity's id in entities.json. Once in a
Markdown buffer (`[[hrw]]`) and once in a plain-text one (the implicit mention "AMI"),
both served by one client for the corpus.

Runs headless Neovim (Debian's 0.7.2 is enough) with editors/neovim/marginalia.lua,
loaded by Tests/editors/nvim_probe.lua, on a copy of examples/corpus.
Run: python3 -m pytest Tests/editors/test_neovim.py
"""

import json
import os
import shutil
import subprocess

import pytest

from editor_support import (  # noqa: F401 (corpus and marginalia_bin are fixtures)
    corpus, marginalia_bin, PROBE_DOCUMENT, PROBE_TARGET, REPO, definition_locations, entity, entity_line,
    hover_text, probe_position)

HERE = REPO / "Tests" / "editors"
NVIM = shutil.which("nvim")

# (document, text at the probe, entity id, the filetype Neovim gives the buffer)
CASES = [
    (PROBE_DOCUMENT, PROBE_TARGET, "hrw", "markdown"),
    ("texts/raw/ami-forcibly-mobilised.txt", "AMI)", "ami", "text"),
]


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (apt-get install neovim)")
def test_hover_and_definition_through_neovim(tmp_path, corpus, marginalia_bin):
    cases = []
    for document, needle, _, _ in CASES:
        line, column = probe_position(corpus / document, needle)
        cases.append({"file": str(corpus / document), "line": line, "column": column})
    out = tmp_path / "nvim-result.json"
    env = dict(os.environ,
               MARGINALIA_REPO=str(REPO), MARGINALIA_BIN=str(marginalia_bin),
               PROBE_CASES=json.dumps(cases), PROBE_OUT=str(out),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_STATE_HOME=str(tmp_path / "state"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    completed = subprocess.run(
        [NVIM, "--headless", "-n", "-i", "NONE", "-u", str(HERE / "nvim_probe.lua")],
        cwd=corpus, env=env, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert out.is_file(), f"nvim wrote no result (exit {completed.returncode}):\n{completed.stdout}\n{completed.stderr}"
    results = json.loads(out.read_text())
    assert len(results) == len(CASES), results

    for (document, _, entity_id, filetype), result in zip(CASES, results):
        assert "error" not in result, result
        assert result["filetype"] == filetype
        assert result["attached"], f"the client never attached to {document}: {result}"
        assert result["client_name"] == "marginalia"
        assert os.path.realpath(result["root_dir"]) == os.path.realpath(corpus)

        text = hover_text(result.get("hover"))
        assert entity(entity_id)["note"] in text, \
            f"{document}: hover lacks the note: {result.get('hover')!r} {result.get('hover_error')}"
        assert entity(entity_id)["name"] in text

        locations = definition_locations(result.get("definition"))
        assert locations, f"{document}: no definition: {result.get('definition')!r} {result.get('definition_error')}"
        uri, start_line = locations[0]
        assert uri.startswith("file://"), uri
        assert os.path.realpath(uri[len("file://"):]) == os.path.realpath(corpus / "entities.json")
        assert start_line == entity_line(entity_id)

    # One corpus, one server: the text buffer joined the Markdown buffer's client.
    assert results[0]["client_id"] == results[1]["client_id"]
    assert results[1]["active_clients"] == 1
