-- Marginalia for Neovim 0.11+ (vim.lsp.config): put this file at
-- ~/.config/nvim/lsp/marginalia.lua and call vim.lsp.enable('marginalia').
return {
  cmd = { 'marginalia', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'marginalia.json' },
}
