// Starts `contentlint lsp` for Markdown, HTML and plain-text documents.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("contentlint");
  const [command, ...args] = settings.get("command", ["contentlint", "lsp"]);
  const baseline = settings.get("baseline", "");
  client = new LanguageClient(
    "contentlint",
    "contentlint",
    { command, args },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "file", language: "html" },
        { scheme: "file", language: "plaintext" },
        { scheme: "untitled", language: "markdown" },
      ],
      initializationOptions: baseline ? { baseline } : {},
    },
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration("contentlint")) {
        vscode.window.showInformationMessage("contentlint: reload the window to apply the new settings.");
      }
    }),
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
