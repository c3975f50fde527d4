# Marginalia for kakoune-lsp 18 and later: add to your kakrc after
# `eval %sh{kak-lsp}`. Markdown keeps marksman beside Marginalia.

# Kakoune gives .txt files no filetype; this one lets the server attach.
hook global BufCreate .*[.]txt %{ set-option buffer filetype plaintext }

hook -group marginalia-lsp global BufSetOption filetype=markdown %{
    set-option buffer lsp_servers %{
        [marginalia]
        root_globs = ["marginalia.json"]
        command = "marginalia"
        args = ["lsp"]

        [marksman]
        root_globs = [".marksman.toml", ".git", ".hg"]
        args = ["server"]
    }
}

hook -group marginalia-lsp global BufSetOption filetype=plaintext %{
    set-option buffer lsp_servers %{
        [marginalia]
        root_globs = ["marginalia.json"]
        command = "marginalia"
        args = ["lsp"]
    }
}

hook -group marginalia-lsp global WinSetOption filetype=(?:markdown|plaintext) %{
    lsp-enable-window
}
