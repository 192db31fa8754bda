import UptakeCore

/// A rectangle of the screen and the action a left click on it sends (nil: the click is absorbed).
public struct HitRegion: Sendable {
    /// Where.
    public var rect: Rect
    /// What a click there does.
    public var action: Action?

    /// Creates a region.
    public init(_ rect: Rect, _ action: Action?) {
        self.rect = rect
        self.action = action
    }
}

/// One drawn screen: the cells, where clicks go, and what the focused area's scrolling looks like.
///
/// `render` returns it; the runtime draws `buffer`, resolves mouse clicks
/// against `regions` and feeds `viewport` back as an action, so `update`
/// never has to lay the screen out.
public struct Frame: Sendable {
    /// The cells.
    public var buffer: Buffer
    /// Clickable regions in drawing order; the last one containing a point wins.
    public var regions: [HitRegion]
    /// The focused scrolling area (pane or overlay).
    public var viewport: Viewport

    /// Creates a frame.
    public init(buffer: Buffer, regions: [HitRegion] = [], viewport: Viewport = Viewport()) {
        self.buffer = buffer
        self.regions = regions
        self.viewport = viewport
    }

    /// The action of a left click at a cell, from the topmost region there.
    public func action(atX x: Int, y: Int) -> Action? {
        regions.last { $0.rect.contains(x: x, y: y) }?.action
    }
}
