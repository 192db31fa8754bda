import CNcurses
import UptakeUI
/// The ncurses backend.
public enum UptakeTerminal {}
