"""Emacs and Eglot against the real server, in batch mode: hover on a mention shows the
entity's note; go-to-definition lands on the entity's id in entities.json. Once in a
Markdown buffer (markdown-mode, `[[hrw]]`) and once in a plain-text one (text-mode, the
implicit mention "AMI"), both started by editors/emacs/marginalia-eglot.el's own hook.

Needs Debian's emacs-nox, elpa-eglot and elpa-markdown-mode (Emacs 28, Eglot 1.9).
Run: python3 -m pytest Tests/editors/test_emacs.py
"""

import json
import os
import shutil
import subprocess

import pytest

from editor_support import (  # noqa: F401 (corpus and marginalia_bin are fixtures)
    corpus, marginalia_bin, PROBE_DOCUMENT, PROBE_TARGET, REPO, definition_locations, entity, entity_line,
    hover_text)

HERE = REPO / "Tests" / "editors"
EMACS = shutil.which("emacs")

# (document, text at the probe, entity id, the major mode the buffer gets)
CASES = [
    (PROBE_DOCUMENT, PROBE_TARGET, "hrw", "markdown-mode"),
    ("texts/raw/ami-forcibly-mobilised.txt", "AMI)", "ami", "text-mode"),
]


def emacs_has(feature: str) -> bool:
    """Whether `(require FEATURE)` succeeds in a batch Emacs with the system's site files."""
    completed = subprocess.run([EMACS, "--batch", "--eval", f"(require '{feature})"],
                               capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    return completed.returncode == 0


@pytest.mark.skipif(EMACS is None, reason="emacs is not installed (apt-get install emacs-nox elpa-eglot)")
def test_hover_and_definition_through_eglot(tmp_path, corpus, marginalia_bin):
    assert emacs_has("eglot"), "emacs is installed but eglot is not (apt-get install elpa-eglot)"
    cases = CASES if emacs_has("markdown-mode") else [c for c in CASES if c[3] == "text-mode"]
    out = tmp_path / "emacs-result.json"
    env = dict(os.environ, MARGINALIA_REPO=str(REPO), MARGINALIA_BIN=str(marginalia_bin),
               PROBE_OUT=str(out), HOME=str(tmp_path / "home"),
               PROBE_CASES=json.dumps([{"file": str(corpus / doc), "needle": needle} for doc, needle, _, _ in cases]))
    (tmp_path / "home").mkdir()
    completed = subprocess.run([EMACS, "--batch", "-l", str(HERE / "emacs_probe.el")],
                               cwd=corpus, env=env, capture_output=True, text=True, timeout=120,
                               stdin=subprocess.DEVNULL)
    assert out.is_file(), f"emacs wrote no result (exit {completed.returncode}):\n{completed.stderr[-3000:]}"
    results = json.loads(out.read_text())
    assert len(results) == len(cases), results

    for (document, _, entity_id, mode), result in zip(cases, results):
        assert "error" not in result, (result, completed.stderr[-3000:])
        assert result["mode"] == mode
        assert result["connected"], f"eglot never connected for {document}: {completed.stderr[-3000:]}"
        assert result["command"] == [str(marginalia_bin), "lsp"]
        assert os.path.realpath(result["root"]) == os.path.realpath(corpus)

        text = hover_text(result.get("hover"))
        assert entity(entity_id)["note"] in text, f"{document}: hover lacks the note: {result.get('hover')!r}"

        locations = definition_locations(result.get("definition"))
        assert locations, f"{document}: no definition: {result.get('definition')!r}"
        uri, start_line = locations[0]
        assert os.path.realpath(uri[len("file://"):]) == os.path.realpath(corpus / "entities.json"), uri
        assert start_line == entity_line(entity_id)
