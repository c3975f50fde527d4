import JSONRPC
public enum LSPPlaceholder {}
