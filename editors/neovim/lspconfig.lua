-- Marginalia as an nvim-lspconfig server (for nvim-lspconfig's classic
-- `require('lspconfig').NAME.setup{}` interface). Put this in your init.lua
-- (or require it from there) after nvim-lspconfig is on the runtimepath.

local configs = require('lspconfig.configs')
local util = require('lspconfig.util')

if not configs.marginalia then
  configs.marginalia = {
    default_config = {
      cmd = { 'marginalia', 'lsp' },
      filetypes = { 'markdown', 'text' },
      root_dir = util.root_pattern('marginalia.json'),
      single_file_support = false,
      settings = {},
    },
    docs = {
      description = [[
Marginalia: citations, entities, notes and codes for annotated text corpora.
The corpus root is the folder holding marginalia.json.]],
    },
  }
end

require('lspconfig').marginalia.setup({})
