"""Fixtures for the end-to-end tests: the built `marginalia lsp` driven by pytest-lsp.

MARGINALIA_BIN names the binary (default: <repo>/.build/debug/marginalia); every test works
on a fresh copy of examples/corpus in a temporary folder, so edits and renames never touch the
repository.
"""

import pathlib
import shutil

import pytest
import pytest_lsp
from lsp_helpers import REPO, SERVER_COMMAND, accept_registrations, initialize_params
from pytest_lsp import ClientServerConfig, LanguageClient


@pytest.fixture
def corpus(tmp_path) -> pathlib.Path:
    """A private copy of examples/corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(REPO / "examples" / "corpus", target)
    return target


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def client(lsp_client: LanguageClient, corpus):
    """An initialized session on the corpus copy, UTF-16 (the default encoding)."""
    accept_registrations(lsp_client)
    await lsp_client.initialize_session(initialize_params(corpus))
    yield lsp_client
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER_COMMAND))
async def bare_client(lsp_client: LanguageClient, corpus):
    """A started server that the test initializes (or not) itself; shut down if still running."""
    accept_registrations(lsp_client)
    yield lsp_client
    if lsp_client.capabilities is not None and lsp_client._server and lsp_client._server.returncode is None:
        await lsp_client.shutdown_session()
