-- A minimal init.lua that runs Marginalia and nothing else; try it with
--
--   nvim -u editors/neovim/init.lua examples/corpus/texts/izyum-shield.md
--
-- For your own config, copy marginalia.lua into ~/.config/nvim/lua/ and call
-- require('marginalia').setup() from your init.lua instead.

-- Load marginalia.lua from the folder holding this file.
local here = debug.getinfo(1, 'S').source:sub(2):match('^(.*)/[^/]*$') or '.'
package.path = here .. '/?.lua;' .. package.path

local marginalia = require('marginalia')

-- MARGINALIA_BIN names the server binary when it is not on PATH.
local bin = os.getenv('MARGINALIA_BIN')
marginalia.setup({
  cmd = { (bin ~= nil and bin ~= '') and bin or 'marginalia', 'lsp' },
  on_attach = function(_, bufnr)
    local function map(lhs, rhs)
      vim.api.nvim_buf_set_keymap(bufnr, 'n', lhs, '<cmd>lua ' .. rhs .. '<CR>', { noremap = true, silent = true })
    end
    map('K', 'vim.lsp.buf.hover()')
    map('gd', 'vim.lsp.buf.definition()')
    map('gr', 'vim.lsp.buf.references()')
    map('<leader>rn', 'vim.lsp.buf.rename()')
    map('<leader>ca', 'vim.lsp.buf.code_action()')
    vim.api.nvim_buf_set_option(bufnr, 'omnifunc', 'v:lua.vim.lsp.omnifunc')
  end,
})
