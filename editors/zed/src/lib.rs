//! Zed extension: runs `marginalia lsp` for Markdown and Plain Text buffers.
//! The binary comes from the `lsp.marginalia.binary` setting, else from PATH.

use zed_extension_api::{self as zed, settings::LspSettings, LanguageServerId, Result};

struct MarginaliaExtension;

impl zed::Extension for MarginaliaExtension {
    fn new() -> Self {
        MarginaliaExtension
    }

    fn language_server_command(
        &mut self,
        language_server_id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        // A path and arguments set by the user win over the defaults.
        let binary = LspSettings::for_worktree(language_server_id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let configured_path = binary.as_ref().and_then(|binary| binary.path.clone());
        let configured_args = binary.and_then(|binary| binary.arguments);

        let command = match configured_path {
            Some(path) => path,
            None => worktree.which("marginalia").ok_or_else(|| {
                "marginalia is not on PATH: install it or set lsp.marginalia.binary.path".to_string()
            })?,
        };
        Ok(zed::Command {
            command,
            args: configured_args.unwrap_or_else(|| vec!["lsp".to_string()]),
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(MarginaliaExtension);
