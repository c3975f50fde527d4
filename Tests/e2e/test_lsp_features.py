"""Every feature of issue 4, asserted as an editor would show it, on a copy of examples/corpus."""

import asyncio
import time

import pytest
from lsp_helpers import Text, codes, initialize_params, open_document, wait_for_diagnostics
from lsprotocol import types

pytestmark = [
    pytest.mark.asyncio,
    pytest.mark.filterwarnings("error::pytest_lsp.checks.LspSpecificationWarning"),
]


def hover_params(text: Text, position: types.Position) -> types.HoverParams:
    return types.HoverParams(text_document=text.document(), position=position)


async def hover_text(client, text: Text, position: types.Position):
    result = await client.text_document_hover_async(hover_params(text, position))
    return result.contents.value if result else None


async def test_initialize_reports_progress_and_registers_watchers(bare_client, corpus):
    result = await bare_client.initialize_session(initialize_params(corpus))
    capabilities = result.capabilities
    assert capabilities.position_encoding == "utf-16"
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert set(capabilities.completion_provider.trigger_characters) >= {"@", "[", ".", "^"}
    assert capabilities.rename_provider.prepare_provider is True
    # Requests wait for the index, so once this answers, indexing has ended.
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    assert await hover_text(bare_client, izyum, izyum.find("[[hrw]]", delta=3)) is not None
    reports = bare_client.progress_reports["marginalia-index"]
    assert isinstance(reports[0], types.WorkDoneProgressBegin)
    assert reports[0].title == "Indexing corpus"
    assert isinstance(reports[-1], types.WorkDoneProgressEnd)
    assert reports[-1].message == "Indexed 5 documents"
    [registration] = bare_client.registrations
    assert registration.method == "workspace/didChangeWatchedFiles"
    assert registration.register_options["watchers"][0]["globPattern"] == "**/*.{md,markdown,txt,bib,json}"


async def test_hover_on_citation_mention_note_and_annotation(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    citation = await client.text_document_hover_async(hover_params(izyum, izyum.find("[@hrw2023landmines].", delta=3)))
    assert citation.contents.kind == types.MarkupKind.Markdown
    assert citation.contents.value == (
        "Human Rights Watch (2023). *Ukraine: Banned Landmines Harm Civilians*. Human Rights Watch. "
        "https://www.hrw.org/news/2023/01/31/ukraine-banned-landmines-harm-civilians\n\n"
        "`@hrw2023landmines` · report · Cited 3 times in 1 document."
    )
    assert citation.range == izyum.range_of("hrw2023landmines", occurrence=1)

    mention = await hover_text(client, izyum, izyum.find("[[hrw]]", delta=3))
    assert mention == (
        "**Human Rights Watch** · organization\n\n"
        "International human-rights NGO; documented PFM mines around Izyum hospital.\n\n"
        "Also: HRW\n\n`hrw` · Mentioned 3 times in 1 document."
    )
    note = await hover_text(client, izyum, izyum.find("[^joy]", delta=2))
    assert note == (
        "**Note joy**\n\nJoy (Marcy–Yusef) was killed by the Russian occupation in 2022. The quotation opens "
        "the original article, which gives no source for it."
    )
    annotation = await client.text_document_hover_async(hover_params(izyum, izyum.find("residential")))
    assert annotation.contents.value == (
        "**claim**: A factual assertion a reader should be able to check.\n`#c-hospitals`\n\n✓ Cited."
    )
    assert annotation.range.start == izyum.find("[During the full-scale")
    # Plain words that are nothing: no hover.
    assert await hover_text(client, izyum, izyum.find("petal shape")) is None


async def test_definition_lands_in_registries(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    assembly = Text(corpus / "texts" / "assembly-new-year-2025.md")
    csl = Text(corpus / "extra.csl.json")
    entities = Text(corpus / "entities.json")
    bib = Text(corpus / "references.bib")

    [location] = await client.text_document_definition_async(
        types.DefinitionParams(text_document=izyum.document(), position=izyum.find("[@hrw2023landmines].", delta=3)))
    assert location.uri == csl.uri
    assert location.range == csl.range_of("hrw2023landmines")

    [location] = await client.text_document_definition_async(
        types.DefinitionParams(text_document=izyum.document(), position=izyum.find("[[hrw]]", delta=3)))
    assert location.uri == entities.uri
    hrw = entities.find('"hrw"', delta=1)
    assert location.range == types.Range(start=hrw, end=types.Position(line=hrw.line, character=hrw.character + 3))

    [location] = await client.text_document_definition_async(
        types.DefinitionParams(text_document=assembly.document(), position=assembly.find("@ami2025report", delta=3)))
    assert location.uri == bib.uri
    assert location.range == bib.range_of("ami2025report")

    [location] = await client.text_document_definition_async(
        types.DefinitionParams(text_document=izyum.document(), position=izyum.find("[^joy]", delta=2)))
    assert location.uri == izyum.uri
    assert location.range == izyum.range_of("joy", occurrence=izyum.text.count("joy", 0, izyum.text.index("[^joy]:")))


async def test_references_across_documents(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    position = izyum.find("Ukraine has inherited", delta=2)
    with_declaration = await client.text_document_references_async(types.ReferenceParams(
        text_document=izyum.document(), position=position, context=types.ReferenceContext(include_declaration=True)))
    without = await client.text_document_references_async(types.ReferenceParams(
        text_document=izyum.document(), position=position, context=types.ReferenceContext(include_declaration=False)))
    uris = {location.uri for location in without}
    assert {izyum.uri, (corpus / "texts" / "red-machete-statement.md").as_uri(),
            (corpus / "texts" / "assembly-new-year-2025.md").as_uri()} <= uris
    assert len(with_declaration) == len(without) + 1
    assert (corpus / "entities.json").as_uri() in {location.uri for location in with_declaration}


async def test_document_highlight(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    highlights = await client.text_document_document_highlight_async(types.DocumentHighlightParams(
        text_document=izyum.document(), position=izyum.find("[@hrw2023landmines].", delta=3)))
    ranges = sorted((h.range.start.line, h.range.start.character) for h in highlights)
    expected = sorted((r.start.line, r.start.character) for r in
                      [izyum.range_of("hrw2023landmines", occurrence=i) for i in range(3)])
    assert ranges == expected


async def complete(client, corpus, name: str, content: str):
    path = corpus / "texts" / name
    path.write_text(content, encoding="utf-8")
    text = Text(path)
    open_document(client, text)
    end = text.position(len(content.rstrip("\n").split("\n")[0]) if "\n" in content else len(content))
    return text, await client.text_document_completion_async(types.CompletionParams(
        text_document=text.document(), position=end,
        context=types.CompletionContext(trigger_kind=types.CompletionTriggerKind.TriggerCharacter)))


async def test_completion_of_keys_entities_types_and_notes(client, corpus):
    text, result = await complete(client, corpus, "c1.md", "See [@")
    items = {item.label: item for item in result.items}
    assert "hrw2023landmines" in items
    item = items["hrw2023landmines"]
    assert item.kind == types.CompletionItemKind.Reference
    assert item.text_edit.new_text == "hrw2023landmines"
    assert item.text_edit.range == types.Range(start=types.Position(line=0, character=6), end=types.Position(line=0, character=6))
    assert "Banned Landmines" in (item.detail or "") + (item.documentation.value if item.documentation else "")

    _, result = await complete(client, corpus, "c2.md", "Met [[")
    entity_texts = {item.text_edit.new_text for item in result.items}
    assert "hrw" in entity_texts
    assert all(item.kind == types.CompletionItemKind.Variable for item in result.items)

    _, result = await complete(client, corpus, "c3.md", "[words]{.")
    assert {"claim", "statistic", "quote", "testimony"} <= {item.label for item in result.items}

    _, result = await complete(client, corpus, "c4.md", "Text[^\n\n[^alpha]: A note.\n")
    assert "alpha" in {item.label for item in result.items}


async def test_completion_documentation_resolved_lazily(bare_client, corpus):
    """A client that resolves documentation (as VS Code does) gets cards through completionItem/resolve."""
    result = await bare_client.initialize_session(initialize_params(corpus, resolve=True))
    assert result.capabilities.completion_provider.resolve_provider is True
    _, result = await complete(bare_client, corpus, "c1.md", "See [@hrw")
    item = next(item for item in result.items if item.label == "hrw2023landmines")
    assert item.documentation is None
    assert item.data["source"] == "hrw2023landmines"
    resolved = await bare_client.completion_item_resolve_async(item)
    assert resolved.documentation.kind == types.MarkupKind.Markdown
    assert "Banned Landmines" in resolved.documentation.value
    assert resolved.text_edit == item.text_edit

    _, result = await complete(bare_client, corpus, "c2.md", "Met [[hr")
    item = next(item for item in result.items if item.text_edit.new_text == "hrw")
    resolved = await bare_client.completion_item_resolve_async(item)
    assert "hrw" in resolved.documentation.value.lower()


async def test_prepare_rename_and_rename(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    csl = Text(corpus / "extra.csl.json")
    position = izyum.find("[@hrw2023landmines].", delta=3)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=izyum.document(), position=position))
    assert prepared.range == izyum.range_of("hrw2023landmines", occurrence=1)
    assert prepared.placeholder == "hrw2023landmines"

    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=izyum.document(), position=position, new_name="hrw2023mines"))
    assert set(edit.changes) == {izyum.uri, csl.uri}
    assert sorted(e.range.start.line for e in edit.changes[izyum.uri]) == [
        izyum.range_of("hrw2023landmines", occurrence=i).start.line for i in range(3)]
    assert [e.range for e in edit.changes[csl.uri]] == [csl.range_of("hrw2023landmines")]
    assert {e.new_text for edits in edit.changes.values() for e in edits} == {"hrw2023mines"}
    # Nothing renameable on plain words.
    assert await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=izyum.document(), position=izyum.find("petal shape"))) is None


async def code_actions(client, text: Text, needle: str):
    return await client.text_document_code_action_async(types.CodeActionParams(
        text_document=text.document(), range=text.range_of(needle),
        context=types.CodeActionContext(diagnostics=[])))


async def test_code_action_quick_fixes(client, corpus):
    assembly = Text(corpus / "texts" / "assembly-new-year-2025.md")
    actions = await code_actions(client, assembly, "kharkiv-tribunal2025")
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert fixes, [a.title for a in actions]
    fix = fixes[0]
    assert "kharkiv-tribunal2025" in fix.title
    assert fix.diagnostics[0].code == "unknown-citation-key"
    assert fix.is_preferred
    edited = {change.text_document.uri for change in fix.edit.document_changes or []} | set(fix.edit.changes or {})
    assert (corpus / "references.bib").as_uri() in edited

    actions = await code_actions(client, assembly, "Olga Taratuta Solidarity Initiative")
    fixes = [a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.diagnostics]
    assert fixes and fixes[0].diagnostics[0].code == "unknown-mention"
    edited = {change.text_document.uri for change in fixes[0].edit.document_changes or []} | set(fixes[0].edit.changes or {})
    assert (corpus / "entities.json").as_uri() in edited
    # A selection offers "annotate as" rewrites for every codebook type.
    rewrites = [a.title for a in actions if a.kind == types.CodeActionKind.RefactorRewrite]
    assert "Annotate selection as claim" in rewrites


async def test_diagnostics_before_and_after_an_edit(client, corpus):
    assembly = Text(corpus / "texts" / "assembly-new-year-2025.md")
    open_document(client, assembly)
    diagnostics = await wait_for_diagnostics(client, assembly.uri, lambda ds: "unknown-citation-key" in codes(ds))
    [unknown] = [d for d in diagnostics if d.code == "unknown-citation-key"]
    assert unknown.range == assembly.range_of("kharkiv-tribunal2025")
    assert unknown.severity == types.DiagnosticSeverity.Error
    assert unknown.source == "marginalia"

    # Fix the fault: the key becomes a known one.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=assembly.uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=assembly.range_of("kharkiv-tribunal2025"), text="ami2025report")]))
    await wait_for_diagnostics(client, assembly.uri, lambda ds: "unknown-citation-key" not in codes(ds))

    # Introduce one at the start of the first body line.
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=assembly.uri, version=3),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=assembly.find("The following"), end=assembly.find("The following")), text="[@nope-key] ")]))
    diagnostics = await wait_for_diagnostics(client, assembly.uri, lambda ds: "unknown-citation-key" in codes(ds))
    [unknown] = [d for d in diagnostics if d.code == "unknown-citation-key"]
    start = assembly.find("The following")
    assert unknown.range == types.Range(start=types.Position(line=start.line, character=2),
                                        end=types.Position(line=start.line, character=10))


async def test_pull_diagnostics_with_result_ids(bare_client, corpus):
    await bare_client.initialize_session(initialize_params(corpus, pull=True))
    red = Text(corpus / "texts" / "red-machete-statement.md")
    first = await bare_client.text_document_diagnostic_async(types.DocumentDiagnosticParams(text_document=red.document()))
    assert first.kind == "full"
    assert "uncited-claim" in codes(first.items)
    second = await bare_client.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=red.document(), previous_result_id=first.result_id))
    assert second.kind == "unchanged" and second.result_id == first.result_id

    report = await bare_client.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[
        types.PreviousResultId(uri=red.uri, value=first.result_id)]))
    by_uri = {item.uri: item for item in report.items}
    assert by_uri[red.uri].kind == "unchanged"
    bib = by_uri[(corpus / "references.bib").as_uri()]
    assert bib.kind == "full" and {"unused-source", "incomplete-source"} <= set(codes(bib.items))
    # A pulling client gets no pushed diagnostics.
    assert bare_client.diagnostics == {}


def decode_tokens(data):
    line = column = 0
    tokens = []
    for i in range(0, len(data), 5):
        delta_line, delta_start, length, kind, modifiers = data[i:i + 5]
        line += delta_line
        column = column + delta_start if delta_line == 0 else delta_start
        tokens.append((line, column, length, kind, modifiers))
    return tokens


async def test_semantic_tokens(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    full = await client.text_document_semantic_tokens_full_async(types.SemanticTokensParams(text_document=izyum.document()))
    assert full.data and len(full.data) % 5 == 0
    tokens = decode_tokens(full.data)
    assert tokens == sorted(tokens)
    legend_types = ["variable", "macro", "comment", "type", "string"]
    modifiers = ["implicit", "uncited", "unresolved", "person", "organization", "place", "event", "term"]
    hrw = izyum.find("[[hrw]]", delta=2)
    [mention] = [t for t in tokens if (t[0], t[1]) == (hrw.line, hrw.character)]
    assert legend_types[mention[3]] == "variable" and mention[4] == 1 << modifiers.index("organization")
    citation = izyum.range_of("hrw2023landmines", occurrence=1).start
    assert any(legend_types[t[3]] == "macro" and t[0] == citation.line and t[1] <= citation.character for t in tokens)

    red = Text(corpus / "texts" / "red-machete-statement.md")
    red_tokens = decode_tokens((await client.text_document_semantic_tokens_full_async(
        types.SemanticTokensParams(text_document=red.document()))).data)
    assert any(legend_types[t[3]] == "string" and t[4] & (1 << modifiers.index("uncited")) for t in red_tokens)

    ranged = await client.text_document_semantic_tokens_range_async(types.SemanticTokensRangeParams(
        text_document=izyum.document(), range=types.Range(start=types.Position(line=30, character=0), end=types.Position(line=40, character=0))))
    ranged_tokens = decode_tokens(ranged.data)
    assert ranged_tokens and all(30 <= t[0] <= 40 for t in ranged_tokens)


async def test_inlay_hints_after_citations(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
        text_document=izyum.document(), range=types.Range(start=types.Position(line=0, character=0), end=izyum.position(len(izyum.text)))))
    after = izyum.find("[@hrw2023landmines]", delta=len("[@hrw2023landmines]"))
    [hint] = [h for h in hints if h.position == after]
    assert hint.label == "Human Rights Watch 2023"


async def test_code_lens_on_registry_entries(client, corpus):
    bib = Text(corpus / "references.bib")
    lenses = await client.text_document_code_lens_async(types.CodeLensParams(text_document=bib.document()))
    by_line = {lens.range.start.line: lens.command.title for lens in lenses}
    assert by_line[bib.find("ami2025report").line] == "1 citation"
    assert by_line[bib.find("icbl2024monitor").line] == "0 citations"


async def test_folding_ranges(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    folds = await client.text_document_folding_range_async(types.FoldingRangeParams(text_document=izyum.document()))
    assert (0, 5) in {(f.start_line, f.end_line) for f in folds}  # the front matter, "---" to "---"
    fence = izyum.find("```").line
    assert any(f.start_line == fence and f.end_line == fence + 2 for f in folds)  # the fenced block
    note = izyum.find("[^drones]:").line
    assert any(f.start_line == note and f.end_line == note + 2 for f in folds)  # a note definition with continuation lines
    heading = izyum.find("## “Ukraine is a shield now”").line
    assert any(f.start_line == heading and f.end_line > heading for f in folds)


async def test_document_links(client, corpus):
    red = Text(corpus / "texts" / "red-machete-statement.md")
    links = await client.text_document_document_link_async(types.DocumentLinkParams(text_document=red.document()))
    by_target = {link.target: link.range for link in links}
    assert by_target["https://en.wikipedia.org/wiki/Borotba"] == red.range_of("https://en.wikipedia.org/wiki/Borotba")


async def test_document_and_workspace_symbols(client, corpus):
    izyum = Text(corpus / "texts" / "izyum-shield.md")
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=izyum.document()))
    names = []

    def walk(items):
        for item in items:
            names.append(item.name)
            walk(item.children or [])
    walk(symbols)
    assert any("Ukraine is a shield now" in name for name in names)
    assert any("joy" in name for name in names)

    found = await client.workspace_symbol_async(types.WorkspaceSymbolParams(query="Human Rights"))
    [hrw] = [s for s in found if s.name == "Human Rights Watch"]
    assert hrw.location.uri == (corpus / "entities.json").as_uri()
