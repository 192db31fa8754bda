/// Where text sits inside a column that is wider than the text.
///
/// Lives in UptakeCore (not UptakeUI) so that text padding for reports and
/// exports can share it with the terminal widgets.
public enum Alignment: Hashable, Sendable {
    /// Flush left, padding on the right.
    case left
    /// Flush right, padding on the left (numbers).
    case right
    /// Centred; an odd leftover column goes on the right.
    case center
}
