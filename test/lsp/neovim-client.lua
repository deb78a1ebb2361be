-- Drives the Workflow Studio language server from Neovim 0.7 (Debian's; `vim.lsp.start` is 0.8+, so the
-- client is started with `vim.lsp.start_client` and attached with `vim.lsp.buf_attach_client`).
-- Environment: WFS_NODE (node binary), WFS_SERVER (dist/server.js), WFS_FILE (the document to open).
-- Prints one line per diagnostic received ("WFS_DIAGNOSTIC <code> <line>:<col>") on stdout, then quits once a
-- `section.blank` diagnostic has arrived; prints WFS_TIMEOUT and exits 3 when none came within 20 s.
local file = os.getenv('WFS_FILE')
local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()

local client_id = vim.lsp.start_client({
  name = 'wfs',
  cmd = { os.getenv('WFS_NODE'), os.getenv('WFS_SERVER'), '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      local done = false
      for _, d in ipairs(result.diagnostics) do
        out(string.format('WFS_DIAGNOSTIC %s %d:%d', tostring(d.code), d.range.start.line, d.range.start.character))
        if d.code == 'section.blank' then done = true end
      end
      if done then
        -- Leave through the event loop, after the handler has returned.
        vim.schedule(function() vim.cmd('qall!') end)
      end
    end,
  },
})
if not client_id then
  out('WFS_ERROR could not start the server')
  vim.cmd('cquit 2')
end
vim.lsp.buf_attach_client(bufnr, client_id)
out('WFS_ATTACHED')

vim.defer_fn(function()
  out('WFS_TIMEOUT')
  vim.cmd('cquit 3')
end, 20000)
