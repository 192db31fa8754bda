import UptakeCore
/// UptakeUI: screen-independent UI (cell buffer, widgets, app state, panes).
public enum UptakeUI {}
