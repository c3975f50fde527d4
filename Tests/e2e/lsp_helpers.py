"""Helpers shared by the end-to-end tests: the server command, client capabilities, and
positions found by needle in the corpus files instead of hand-counted columns."""

import asyncio
import os
import pathlib
import time

from lsprotocol import types
from pytest_lsp import LanguageClient

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("MARGINALIA_BIN", str(REPO / ".build" / "debug" / "marginalia"))
SERVER_COMMAND = [BIN, "lsp"]


def capabilities(encodings=None, progress=True, pull=False, create_files=True, resolve=False) -> types.ClientCapabilities:
    """Client capabilities like an editor's: hierarchical symbols, markdown, progress, watched files."""
    return types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        window=types.WindowClientCapabilities(work_done_progress=progress),
        workspace=types.WorkspaceClientCapabilities(
            apply_edit=True,
            workspace_edit=types.WorkspaceEditClientCapabilities(
                document_changes=create_files,
                resource_operations=[types.ResourceOperationKind.Create] if create_files else None,
            ),
            did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            workspace_folders=True,
        ),
        text_document=types.TextDocumentClientCapabilities(
            hover=types.HoverClientCapabilities(content_format=[types.MarkupKind.Markdown]),
            completion=types.CompletionClientCapabilities(
                completion_item=types.ClientCompletionItemOptions(
                    documentation_format=[types.MarkupKind.Markdown],
                    resolve_support=types.ClientCompletionItemResolveOptions(properties=["documentation"]) if resolve else None,
                )
            ),
            document_symbol=types.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            rename=types.RenameClientCapabilities(prepare_support=True),
            publish_diagnostics=types.PublishDiagnosticsClientCapabilities(related_information=True, version_support=True),
            diagnostic=types.DiagnosticClientCapabilities() if pull else None,
            code_action=types.CodeActionClientCapabilities(
                code_action_literal_support=types.ClientCodeActionLiteralOptions(
                    code_action_kind=types.ClientCodeActionKindOptions(
                        value_set=[types.CodeActionKind.QuickFix, types.CodeActionKind.RefactorRewrite]
                    )
                )
            ),
        ),
    )


def initialize_params(root: pathlib.Path, **kwargs) -> types.InitializeParams:
    """Initialize params with `root` as the one workspace folder."""
    return types.InitializeParams(
        capabilities=capabilities(**kwargs),
        root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name="corpus")],
    )


def accept_registrations(client: LanguageClient):
    """Answers client/registerCapability as an editor does, keeping what was registered."""
    client.registrations = []

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        client.registrations.extend(params.registrations)
        return None


class Text:
    """A file of the corpus copy, for finding positions by needle instead of counting columns."""

    def __init__(self, path: pathlib.Path, encoding: str = "utf-16"):
        self.path = path
        self.uri = path.as_uri()
        self.text = path.read_text(encoding="utf-8")
        self.encoding = encoding

    def width(self, s: str) -> int:
        if self.encoding == "utf-8":
            return len(s.encode("utf-8"))
        if self.encoding == "utf-32":
            return len(s)
        return len(s.encode("utf-16-le")) // 2

    def position(self, offset: int) -> types.Position:
        before = self.text[:offset]
        line = before.count("\n")
        start = before.rfind("\n") + 1
        return types.Position(line=line, character=self.width(self.text[start:offset]))

    def find(self, needle: str, occurrence: int = 0, delta: int = 0) -> types.Position:
        """The position `delta` characters into the `occurrence`-th match of `needle`."""
        index = -1
        for _ in range(occurrence + 1):
            index = self.text.index(needle, index + 1)
        return self.position(index + delta)

    def range_of(self, needle: str, occurrence: int = 0) -> types.Range:
        index = -1
        for _ in range(occurrence + 1):
            index = self.text.index(needle, index + 1)
        return types.Range(start=self.position(index), end=self.position(index + len(needle)))

    def document(self) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=self.uri)


def open_document(client: LanguageClient, text: Text, version: int = 1):
    """Sends didOpen with the file's current text."""
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=text.uri, language_id="markdown", version=version, text=text.text)
        )
    )


async def wait_for_diagnostics(client, uri: str, predicate, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if uri in client.diagnostics and predicate(client.diagnostics[uri]):
            return client.diagnostics[uri]
        await asyncio.sleep(0.01)
    raise AssertionError(f"no matching diagnostics for {uri}: {client.diagnostics.get(uri)}")


def codes(diagnostics):
    return [d.code for d in diagnostics]
