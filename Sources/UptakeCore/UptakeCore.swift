/// UptakeCore: the model (no terminal code). See docs/ARCHITECTURE.md.
public enum UptakeCore { public static let version = "0.1.0" }
