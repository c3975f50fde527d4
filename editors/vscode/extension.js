// Marginalia for VS Code: starts `marginalia lsp` (the binary named by the
// `marginalia.path` setting) and hands it Markdown and plain-text files.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

function createClient() {
  const command = vscode.workspace.getConfiguration('marginalia').get('path') || 'marginalia';
  const serverOptions = {
    run: { command, args: ['lsp'], transport: TransportKind.stdio },
    debug: { command, args: ['lsp'], transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      // Registries and bibliographies: hover, references and use counts (code lens) on their entries.
      { scheme: 'file', pattern: '**/{marginalia,entities,codebook}.json' },
      { scheme: 'file', pattern: '**/*.{bib,csl.json}' },
    ],
    synchronize: {
      // Sources, registries and documents changed outside the editor (git pull, Zotero export).
      fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{bib,json,md,markdown,txt}'),
    },
  };
  // The id 'marginalia' makes the client read `marginalia.trace.server`.
  return new LanguageClient('marginalia', 'Marginalia', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `Marginalia: could not start "${client.name}" (${error && error.message ? error.message : error}). ` +
      'Install the marginalia binary or set "marginalia.path".');
  }
}

async function stop() {
  if (client !== undefined) {
    const running = client;
    client = undefined;
    if (running.isRunning()) {
      await running.stop();
    }
  }
}

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('marginalia.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('marginalia.path')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
