"""Syntax and consistency checks for every editor configuration in editors/.

JSON and TOML parse; the VS Code manifest names what it needs and what it names exists;
the bundled schemas match schemas/; every config runs `marginalia lsp` and marks a
corpus by marginalia.json; Lua loads in Neovim, Emacs Lisp loads in Emacs, JavaScript
parses in Node (each skipped only when that program is missing).
Run: python3 -m pytest Tests/editors/test_configs.py
"""

import json
import re
import shutil
import subprocess
import tomllib

import pytest

from editor_support import EDITORS, REPO

EDITOR_FOLDERS = ["neovim", "vscode", "helix", "emacs", "sublime", "zed", "kakoune"]


def load_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


def load_toml(path):
    return tomllib.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", EDITOR_FOLDERS)
def test_every_editor_has_a_readme_listed_in_the_index(folder):
    readme = EDITORS / folder / "README.md"
    assert readme.is_file()
    text = readme.read_text(encoding="utf-8")
    for topic in ("marginalia lsp", "marginalia.json"):
        assert topic in text, f"{readme} does not mention {topic}"
    assert f"({folder}/" in (EDITORS / "README.md").read_text(encoding="utf-8")
    assert f"editors/{folder}/" in (REPO / "docs" / "editors.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(p.relative_to(EDITORS).as_posix() for p in EDITORS.rglob("*")
                                        if p.suffix in (".json", ".sublime-settings")))
def test_json_files_parse(path):
    # Sublime allows comments in its settings; ours is kept pure JSON so any tool reads it.
    assert isinstance(load_json(EDITORS / path), dict)


@pytest.mark.parametrize("path", sorted(p.relative_to(EDITORS).as_posix() for p in EDITORS.rglob("*.toml")))
def test_toml_files_parse(path):
    assert isinstance(load_toml(EDITORS / path), dict)


# VS Code


def test_vscode_manifest():
    folder = EDITORS / "vscode"
    manifest = load_json(folder / "package.json")
    for field in ("name", "publisher", "version", "displayName", "description", "main"):
        assert isinstance(manifest.get(field), str) and manifest[field], field
    assert manifest["engines"]["vscode"].startswith("^1.")
    assert set(manifest["activationEvents"]) >= {
        "onLanguage:markdown", "onLanguage:plaintext", "workspaceContains:**/marginalia.json"}
    assert (folder / manifest["main"]).is_file()
    assert manifest["dependencies"]["vscode-languageclient"].startswith("^9")

    properties = manifest["contributes"]["configuration"]["properties"]
    assert properties["marginalia.path"]["type"] == "string"
    assert properties["marginalia.path"]["default"] == "marginalia"
    assert properties["marginalia.trace.server"]["enum"] == ["off", "messages", "verbose"]
    for name, schema in properties.items():
        assert name.startswith("marginalia."), name
        assert schema.get("type") in ("string", "boolean", "number", "integer", "array", "object"), name
        assert schema.get("description"), name
        if "enum" in schema:
            assert schema["default"] in schema["enum"], name

    validations = {v["fileMatch"]: v["url"] for v in manifest["contributes"]["jsonValidation"]}
    assert set(validations) == {"marginalia.json", "entities.json", "codebook.json"}
    for file_name, url in validations.items():
        bundled = (folder / url).resolve()
        assert bundled.is_file(), url
        assert bundled.name == file_name.replace(".json", ".schema.json")
        # The bundled copy is the repository's schema, byte for byte.
        assert bundled.read_bytes() == (REPO / "schemas" / bundled.name).read_bytes(), \
            f"{url} differs from schemas/{bundled.name}: copy it again"
        assert load_json(bundled)["$id"].endswith("/" + bundled.name)

    commands = {c["command"] for c in manifest["contributes"].get("commands", [])}
    source = (folder / manifest["main"]).read_text(encoding="utf-8")
    for command in commands:
        assert f"'{command}'" in source, f"{command} is contributed but never registered"


def test_vscode_extension_starts_the_server_on_markdown_and_plain_text():
    source = (EDITORS / "vscode" / "extension.js").read_text(encoding="utf-8")
    assert "require('vscode-languageclient/node')" in source
    assert "args: ['lsp']" in source
    assert "{ scheme: 'file', language: 'markdown' }" in source
    assert "{ scheme: 'file', language: 'plaintext' }" in source
    assert "'**/*.{bib,json,md,markdown,txt}'" in source
    assert "getConfiguration('marginalia').get('path')" in source


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_vscode_extension_parses():
    completed = subprocess.run(["node", "--check", str(EDITORS / "vscode" / "extension.js")],
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr


# Helix, Kakoune, Zed, Sublime


def test_helix_languages():
    config = load_toml(EDITORS / "helix" / "languages.toml")
    server = config["language-server"]["marginalia"]
    assert server["command"] == "marginalia" and server["args"] == ["lsp"]
    languages = {language["name"]: language for language in config["language"]}
    assert languages["markdown"]["language-servers"] == ["marksman", "marginalia"]
    assert "marginalia.json" in languages["markdown"]["roots"]
    text = languages["plaintext"]
    assert text["file-types"] == ["txt"] and text["scope"] and "marginalia" in text["language-servers"]


def test_kakoune_toml():
    server = load_toml(EDITORS / "kakoune" / "kak-lsp.toml")["language_server"]["marginalia"]
    assert server["command"] == "marginalia" and server["args"] == ["lsp"]
    assert server["roots"] == ["marginalia.json"]
    assert set(server["filetypes"]) == {"markdown", "plaintext"}


def test_kakoune_kakrc_server_blocks_are_toml():
    script = (EDITORS / "kakoune" / "marginalia.kak").read_text(encoding="utf-8")
    blocks = re.findall(r"set-option buffer lsp_servers %\{\n(.*?)\n    \}", script, re.S)
    assert len(blocks) == 2
    for block in blocks:
        servers = tomllib.loads(block)
        assert servers["marginalia"]["command"] == "marginalia"
        assert servers["marginalia"]["args"] == ["lsp"]
        assert servers["marginalia"]["root_globs"] == ["marginalia.json"]
    assert "marksman" in tomllib.loads(blocks[0])
    assert script.count("{") == script.count("}")


def test_zed_extension():
    folder = EDITORS / "zed"
    manifest = load_toml(folder / "extension.toml")
    for field in ("id", "name", "version", "description", "repository"):
        assert manifest[field], field
    assert manifest["schema_version"] == 1
    assert manifest["language_servers"]["marginalia"]["languages"] == ["Markdown", "Plain Text"]
    cargo = load_toml(folder / "Cargo.toml")
    assert cargo["lib"]["crate-type"] == ["cdylib"]
    assert "zed_extension_api" in cargo["dependencies"]
    source = (folder / "src" / "lib.rs").read_text(encoding="utf-8")
    assert "fn language_server_command" in source
    assert 'vec!["lsp".to_string()]' in source
    assert 'worktree.which("marginalia")' in source
    assert "register_extension!" in source
    assert source.count("{") == source.count("}")
    settings = load_json(folder / "settings.json")
    assert settings["lsp"]["marginalia"]["binary"] == {"path": "marginalia", "arguments": ["lsp"]}
    assert set(settings["languages"]) == {"Markdown", "Plain Text"}


def test_sublime_client():
    client = load_json(EDITORS / "sublime" / "LSP.sublime-settings")["clients"]["marginalia"]
    assert client["command"] == ["marginalia", "lsp"]
    assert client["selector"] == "text.html.markdown | text.plain"
    assert client["enabled"] is True


# Neovim and Emacs: the files load in the real programs.


LUA_FILES = sorted(p.relative_to(EDITORS).as_posix() for p in EDITORS.rglob("*.lua"))


@pytest.mark.parametrize("path", LUA_FILES)
def test_lua_parses(path):
    file = EDITORS / path
    if shutil.which("luac"):
        completed = subprocess.run(["luac", "-p", str(file)], capture_output=True, text=True, timeout=60)
        assert completed.returncode == 0, completed.stderr
    elif shutil.which("nvim"):
        # loadfile compiles without running, so lspconfig.lua needs no nvim-lspconfig here.
        check = (f"lua local f, e = loadfile({json.dumps(str(file))}) "
                 "if f == nil then io.stderr:write(e) vim.cmd('cquit 3') end")
        completed = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n",
                                    "-c", check, "-c", "qall!"],
                                   capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert completed.returncode == 0, completed.stderr
    else:
        pytest.skip("neither luac nor nvim is installed")


@pytest.mark.skipif(shutil.which("nvim") is None, reason="nvim is not installed")
def test_neovim_module_finds_the_corpus_root(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "texts" / "deep").mkdir(parents=True)
    (corpus / "marginalia.json").write_text("{}")
    script = tmp_path / "check.lua"
    script.write_text(f"""
package.path = {json.dumps(str(EDITORS / 'neovim'))} .. '/?.lua;' .. package.path
local m = require('marginalia')
local results = {{
  m.find_root({json.dumps(str(corpus / 'texts' / 'deep'))}) or 'nil',
  m.find_root({json.dumps(str(corpus))}) or 'nil',
  m.find_root({json.dumps(str(tmp_path))}) or 'nil',
}}
io.stdout:write(table.concat(results, '\\n'))
""")
    completed = subprocess.run(["nvim", "--headless", "-u", "NONE", "-i", "NONE", "-n",
                                "-c", f"luafile {script}", "-c", "qall!"],
                               capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split("\n") == [str(corpus), str(corpus), "nil"]


@pytest.mark.skipif(shutil.which("emacs") is None, reason="emacs is not installed")
def test_emacs_config_loads_and_registers_the_server(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "texts").mkdir(parents=True)
    (corpus / "marginalia.json").write_text("{}")
    check = f"""(progn
      (add-to-list 'load-path {json.dumps(str(EDITORS / 'emacs'))})
      (require 'marginalia-eglot)
      (let ((entry (assoc '(markdown-mode gfm-mode text-mode) eglot-server-programs)))
        (princ (format "%S\\n" (funcall (cdr entry)))))
      (princ (format "%s\\n" (project-root (project-current nil {json.dumps(str(corpus / 'texts'))}))))
      (princ (format "%S\\n" (marginalia-eglot-corpus-root {json.dumps(str(tmp_path))}))))"""
    completed = subprocess.run(["emacs", "--batch", "--eval", check], capture_output=True, text=True,
                               timeout=60, stdin=subprocess.DEVNULL)
    if "Cannot open load file" in completed.stderr and "eglot" in completed.stderr:
        pytest.skip("eglot is not installed (apt-get install elpa-eglot)")
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.split("\n")[:3] == ['("marginalia" "lsp")', f"{corpus}/", "nil"]
