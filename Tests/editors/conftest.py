"""Fixtures for the editor tests: the server binary and a corpus copy.

The server binary is MARGINALIA_BIN, else <repo>/.build/debug/marginalia.
"""

import pathlib
import shutil

import pytest

from editor_support import CORPUS, server_binary


@pytest.fixture
def marginalia_bin() -> pathlib.Path:
    """The server binary; fails (not skips) when it is missing, since CI builds it first."""
    path = server_binary()
    assert path.is_file(), f"server binary not found at {path}; build it or set MARGINALIA_BIN"
    return path


@pytest.fixture
def corpus(tmp_path) -> pathlib.Path:
    """A copy of examples/corpus in a temporary folder, so that nothing the editor does touches the original."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target
