"""Lifecycle, error codes, cancellation and position encodings, through pytest-lsp."""

import asyncio

import pytest
from lsp_helpers import Text, codes, initialize_params, open_document, wait_for_diagnostics
from lsprotocol import types
from pygls.exceptions import JsonRpcException

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.filterwarnings("error::pytest_lsp.checks.LspSpecificationWarning"),
]


async def error_code(future) -> int:
    with pytest.raises(JsonRpcException) as raised:
        await asyncio.wait_for(asyncio.wrap_future(future) if not isinstance(future, asyncio.Future) else future, 10)
    return raised.value.code


async def test_request_before_initialize_is_32002(bare_client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    future = bare_client.protocol.send_request(
        types.TEXT_DOCUMENT_HOVER, types.HoverParams(text_document=izyum.document(), position=types.Position(line=0, character=0)))
    assert await error_code(future) == -32002
    # The server still initializes afterwards.
    result = await bare_client.initialize_session(initialize_params(corpus))
    assert result.server_info.name == "marginalia"


async def test_unknown_method_is_32601_and_serving_goes_on(client, corpus):
    assert await error_code(client.protocol.send_request("marginalia/noSuchMethod", {})) == -32601
    # Unknown notifications and $/ notifications are ignored.
    client.protocol.notify("marginalia/noSuchNotification", {})
    client.protocol.notify(types.SET_TRACE, types.SetTraceParams(value=types.TraceValue.Verbose))
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    assert await client.text_document_hover_async(types.HoverParams(text_document=izyum.document(), position=izyum.find("[[hrw]]", delta=3)))


async def test_requests_after_shutdown_are_32600_and_exit_code_is_0(bare_client, corpus):
    await bare_client.initialize_session(initialize_params(corpus))
    await bare_client.shutdown_async(None)
    assert await error_code(bare_client.protocol.send_request(types.WORKSPACE_SYMBOL, types.WorkspaceSymbolParams(query=""))) == -32600
    bare_client.exit(None)
    assert await asyncio.wait_for(bare_client._server.wait(), 10) == 0


async def test_exit_without_shutdown_is_exit_code_1(bare_client, corpus):
    await bare_client.initialize_session(initialize_params(corpus))
    bare_client.exit(None)
    assert await asyncio.wait_for(bare_client._server.wait(), 10) == 1


async def test_cancelled_request_answers_or_is_32800_and_serving_goes_on(client, corpus):
    for number in range(5):
        request_id = f"cancel-me-{number}"
        future = client.protocol.send_request(types.WORKSPACE_SYMBOL, types.WorkspaceSymbolParams(query=""), msg_id=request_id)
        client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id=request_id))
        future = asyncio.wrap_future(future) if not isinstance(future, asyncio.Future) else future
        try:
            result = await asyncio.wait_for(future, 10)
            assert isinstance(result, list)
        except JsonRpcException as error:
            assert error.code == -32800
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    assert await client.text_document_hover_async(types.HoverParams(text_document=izyum.document(), position=izyum.find("[[hrw]]", delta=3)))


EMOJI_LINE = "😀😀 [@hrw2023landmines]\n"


@pytest.mark.parametrize(
    "encodings, negotiated, key_start",
    [
        (None, "utf-16", 7),  # 2 + 2 + 1 + 2 UTF-16 units before the key
        (["utf-32", "utf-16"], "utf-32", 5),  # 1 + 1 + 1 + 2 code points
        (["utf-8"], "utf-8", 11),  # 4 + 4 + 1 + 2 bytes
    ],
)
async def test_columns_on_a_line_with_emoji_before_the_markup(bare_client, corpus, encodings, negotiated, key_start):
    result = await bare_client.initialize_session(initialize_params(corpus, encodings=encodings))
    assert result.capabilities.position_encoding == negotiated
    path = corpus / "texts" / "emoji.md"
    path.write_text(EMOJI_LINE, encoding="utf-8")
    text = Text(path, encoding=negotiated)
    open_document(bare_client, text)
    hover = await bare_client.text_document_hover_async(types.HoverParams(
        text_document=text.document(), position=types.Position(line=0, character=key_start + 1)))
    assert hover is not None and "Banned Landmines" in hover.contents.value
    assert hover.range == types.Range(start=types.Position(line=0, character=key_start),
                                      end=types.Position(line=0, character=key_start + len("hrw2023landmines")))
    assert text.find("hrw2023landmines") == hover.range.start
    # One column before the citation there is nothing.
    assert await bare_client.text_document_hover_async(types.HoverParams(
        text_document=text.document(), position=types.Position(line=0, character=key_start - 3))) is None


async def test_out_of_range_positions_and_unknown_documents(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    # Past the end: clamps, answers null rather than failing.
    assert await client.text_document_hover_async(types.HoverParams(
        text_document=izyum.document(), position=types.Position(line=100000, character=5))) is None
    unknown = types.TextDocumentIdentifier(uri=(corpus / "nowhere.md").as_uri())
    assert await client.text_document_hover_async(types.HoverParams(text_document=unknown, position=types.Position(line=0, character=0))) is None
    assert await client.text_document_definition_async(types.DefinitionParams(text_document=unknown, position=types.Position(line=0, character=0))) is None


async def test_watched_registry_change_updates_diagnostics(client, corpus):
    assembly = Text(corpus / "texts" / "assembly-new-year-2025.md")
    open_document(client, assembly)
    await wait_for_diagnostics(client, assembly.uri, lambda ds: "unknown-citation-key" in codes(ds))
    bib = corpus / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n@online{kharkiv-tribunal2025,\n  title = {Tribunal},\n  date = {2025},\n  url = {https://example.org},\n}\n", encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        changes=[types.FileEvent(uri=bib.as_uri(), type=types.FileChangeType.Changed)]))
    await wait_for_diagnostics(client, assembly.uri, lambda ds: "unknown-citation-key" not in codes(ds))
