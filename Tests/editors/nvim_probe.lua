-- Driven by test_neovim.py: loads the shipped editors/neovim config, opens
-- each document of a corpus copy, asks the attached client for hover and
-- definition at a mention, and writes what came back to a JSON file.
-- Environment: MARGINALIA_REPO, MARGINALIA_BIN, PROBE_OUT, and PROBE_CASES,
-- a JSON list of {"file", "line", "column"} (0-based, UTF-16 column).

local function env(name)
  local value = os.getenv(name)
  assert(value ~= nil, name .. ' is not set')
  return value
end
local out_path = env('PROBE_OUT')
local results = {}

local function finish()
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.fn.json_encode(results))
  file:close()
  vim.cmd('qall!')
end

local function probe(case, result)
  vim.cmd('edit ' .. vim.fn.fnameescape(case.file))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  -- Wait for the client to attach and finish initializing.
  local attached = vim.wait(20000, function()
    local clients = vim.lsp.buf_get_clients(bufnr)
    for _, client in pairs(clients) do
      if client.name == 'marginalia' and client.initialized ~= false and client.server_capabilities ~= nil then
        return true
      end
    end
    return false
  end, 50)
  result.attached = attached
  if not attached then return end
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    result.root_dir = client.config.root_dir
    result.client_name = client.name
    result.client_id = client.id
  end
  result.active_clients = #vim.lsp.get_active_clients()
  table.insert(result.steps, 'attached')

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = case.line, character = case.column },
  }
  -- The server indexes the corpus at start; retry hover until it answers with content.
  local hover, hover_err
  local deadline = vim.loop.now() + 20000
  repeat
    local responses, request_err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000)
    hover_err = request_err
    for _, response in pairs(responses or {}) do
      if response.result ~= nil then hover = response.result end
      if response.err ~= nil then hover_err = response.err end
    end
    if hover == nil then vim.wait(200) end
  until hover ~= nil or vim.loop.now() > deadline
  result.hover = hover
  result.hover_error = hover_err and vim.inspect(hover_err) or nil
  table.insert(result.steps, 'hover')

  local responses, def_err = vim.lsp.buf_request_sync(bufnr, 'textDocument/definition', params, 10000)
  result.definition_error = def_err and vim.inspect(def_err) or nil
  for _, response in pairs(responses or {}) do
    if response.result ~= nil then result.definition = response.result end
    if response.err ~= nil then result.definition_error = vim.inspect(response.err) end
  end
  table.insert(result.steps, 'definition')
end

-- Filetype detection is switched on after the init file, as in a real start: probe on
-- VimEnter, nested so that :edit runs the FileType autocommands the config relies on.
vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  nested = true,
  callback = function()
    local ok, err = pcall(function()
      package.path = env('MARGINALIA_REPO') .. '/editors/neovim/?.lua;' .. package.path
      require('marginalia').setup({ cmd = { env('MARGINALIA_BIN'), 'lsp' } })
    end)
    if not ok then
      table.insert(results, { error = tostring(err), steps = {} })
    else
      for _, case in ipairs(vim.fn.json_decode(env('PROBE_CASES'))) do
        local result = { file = case.file, steps = {} }
        local case_ok, case_err = pcall(probe, case, result)
        if not case_ok then result.error = tostring(case_err) end
        table.insert(results, result)
      end
    end
    finish()
  end,
})
