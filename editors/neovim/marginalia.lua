-- Marginalia for Neovim 0.7 and later, without plugins.
--
-- Copy this file to ~/.config/nvim/lua/marginalia.lua and put in init.lua:
--
--   require('marginalia').setup()
--
-- or with options (all optional):
--
--   require('marginalia').setup({
--     cmd = { '/path/to/marginalia', 'lsp' },  -- the server command
--     filetypes = { 'markdown', 'text' },       -- buffers it attaches to
--     root_marker = 'marginalia.json',          -- the file that marks a corpus root
--     single_file = false,                      -- also attach outside any corpus
--     on_attach = function(client, bufnr) end,  -- your key maps
--   })
--
-- One server runs per corpus root (the nearest folder above the file that
-- holds marginalia.json); every Markdown and text buffer under that root
-- attaches to it. Neovim 0.8+ uses vim.lsp.start, 0.7 vim.lsp.start_client.

local M = {}

local defaults = {
  cmd = { 'marginalia', 'lsp' },
  filetypes = { 'markdown', 'text' },
  root_marker = 'marginalia.json',
  single_file = false,
  on_attach = nil,
  capabilities = nil,
}

M.options = vim.deepcopy(defaults)

-- Client ids by root folder, for Neovim 0.7 (vim.lsp.start reuses clients itself).
local clients_by_root = {}

local function is_file(path)
  local stat = vim.loop.fs_stat(path)
  return stat ~= nil and stat.type == 'file'
end

-- The parent folder of an absolute path, or nil at the top.
local function parent(dir)
  local up = dir:match('^(.*)/[^/]*$')
  if up == nil or up == dir then
    return nil
  end
  if up == '' then
    return '/'
  end
  return up
end

--- The nearest folder at or above `dir` holding `marker`, or nil.
--- (vim.fs.find arrived in 0.8; this walk works in 0.7.)
function M.find_root(dir, marker)
  marker = marker or M.options.root_marker
  local current = dir
  while current ~= nil do
    local candidate = (current == '/' and '' or current) .. '/' .. marker
    if is_file(candidate) then
      return current
    end
    if current == '/' then
      return nil
    end
    current = parent(current)
  end
  return nil
end

--- Starts (or reuses) the server for the corpus holding buffer `bufnr` and attaches the buffer.
--- Returns the client id, or nil when the buffer lies outside every corpus.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or name:match('^%a[%w+.-]*://') then
    return nil -- unsaved or non-file buffers
  end
  local path = vim.fn.fnamemodify(name, ':p')
  local dir = vim.fn.fnamemodify(path, ':h')
  local root = M.find_root(dir)
  if root == nil then
    if not M.options.single_file then
      return nil
    end
    root = dir
  end
  local opts = M.options
  local config = {
    name = 'marginalia',
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    on_attach = opts.on_attach,
    capabilities = opts.capabilities or vim.lsp.protocol.make_client_capabilities(),
  }
  if vim.lsp.start ~= nil then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local client_id = clients_by_root[root]
  if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client(config)
    if client_id == nil then
      return nil
    end
    clients_by_root[root] = client_id
  end
  vim.lsp.buf_attach_client(bufnr, client_id)
  return client_id
end

--- Merges `options` into the defaults and attaches to matching buffers from now on
--- (and to those already open).
function M.setup(options)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), options or {})
  local group = vim.api.nvim_create_augroup('marginalia_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr)
      and vim.tbl_contains(M.options.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

return M
