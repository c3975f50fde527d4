import MarginaliaCore
public enum ServerPlaceholder {}
