import Foundation
import PlannerCore

/// An SVG drawing of fixed logical size, scaled to its column by the browser (viewBox); elements are appended as
/// text. Every chart is an `svg.chart` carrying `data-chart` (its kind) and `data-points` (the values drawn), so
/// that a test of the rendered page can check that each one holds data.
struct SVGCanvas {
    static let width = 640.0
    static let height = 240.0
    /// Margins for axes and labels: left, right, top, bottom.
    static let plot = (left: 48.0, right: 12.0, top: 28.0, bottom: 26.0)

    var title: String
    var kind: String
    var points = 0
    private var elements: [String] = []

    init(title: String, kind: String) {
        self.title = title
        self.kind = kind
    }

    var plotLeft: Double { Self.plot.left }
    var plotRight: Double { Self.width - Self.plot.right }
    var plotTop: Double { Self.plot.top }
    var plotBottom: Double { Self.height - Self.plot.bottom }

    mutating func add(_ element: String) { elements.append(element) }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ cssClass: String) {
        add("<line class=\"\(cssClass)\" x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\"/>")
    }

    mutating func rect(
        _ x: Double,
        _ y: Double,
        _ width: Double,
        _ height: Double,
        _ cssClass: String,
        title: String? = nil
    ) {
        let tooltip = title.map { "<title>\(HTML.escape($0))</title>" } ?? ""
        add(
            "<rect class=\"\(cssClass)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, width)))\" "
                + "height=\"\(n(max(0, height)))\">\(tooltip)</rect>"
        )
    }

    mutating func polyline(_ points: [(Double, Double)], _ cssClass: String) {
        guard !points.isEmpty else { return }
        add(
            "<polyline class=\"\(cssClass)\" points=\"\(points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\"/>"
        )
    }

    mutating func polygon(_ points: [(Double, Double)], _ cssClass: String) {
        guard !points.isEmpty else { return }
        add(
            "<polygon class=\"\(cssClass)\" points=\"\(points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " "))\"/>"
        )
    }

    mutating func text(
        _ x: Double,
        _ y: Double,
        _ content: String,
        _ cssClass: String = "label",
        anchor: String = "start"
    ) {
        add(
            "<text class=\"\(cssClass)\" x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\">\(HTML.escape(content))</text>"
        )
    }

    /// A y axis from 0 to `maximum` with three gridlines and their values.
    mutating func yAxis(_ scale: LinearScale) {
        for step in 0...3 {
            let value = scale.domainMax * Double(step) / 3
            let y = scale(value)
            line(plotLeft, y, plotRight, y, "grid")
            text(plotLeft - 4, y + 3, Format.compact(value), "axis", anchor: "end")
        }
    }

    /// Labels of the first, middle and last day under the plot.
    mutating func dayAxis(_ days: DayScale) {
        for day in [days.first, days.first.adding(days: days.count / 2), days.first.adding(days: days.count - 1)] {
            text(days.center(day), plotBottom + 14, String(day.description.suffix(5)), "axis", anchor: "middle")
        }
    }

    func render() -> String {
        "<svg class=\"chart\" data-chart=\"\(kind)\" data-points=\"\(points)\" viewBox=\"0 0 \(n(Self.width)) "
            + "\(n(Self.height))\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
            + "<text class=\"title\" x=\"\(n(plotLeft))\" y=\"14\">\(HTML.escape(title))</text>"
            + elements.joined() + "</svg>"
    }

    private func n(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}

/// Values 0 ... domainMax onto the plot's height (SVG y grows downwards).
struct LinearScale {
    var domainMax: Double
    var top: Double
    var bottom: Double

    init(maximum: Double, canvas: SVGCanvas) {
        domainMax = maximum > 0 ? maximum * 1.08 : 1
        top = canvas.plotTop
        bottom = canvas.plotBottom
    }

    func callAsFunction(_ value: Double) -> Double {
        bottom - (bottom - top) * min(max(value, 0), domainMax) / domainMax
    }
}

/// Days onto the plot's width: each day a slot of equal width.
struct DayScale {
    var first: Day
    var count: Int
    var left: Double
    var right: Double

    init(first: Day, last: Day, canvas: SVGCanvas) {
        self.first = first
        count = max(1, first.days(to: last) + 1)
        left = canvas.plotLeft
        right = canvas.plotRight
    }

    var slot: Double { (right - left) / Double(count) }

    func start(_ day: Day) -> Double { left + Double(first.days(to: day)) * slot }
    func center(_ day: Day) -> Double { start(day) + slot / 2 }
    func contains(_ day: Day) -> Bool { (0..<count).contains(first.days(to: day)) }
}

enum HTML {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Numbers as a reader wants them: grouped thousands, shares in percent.
public enum Format {
    public static func kpi(_ value: Double?, unit: String) -> String {
        guard let value, value.isFinite else { return "n/a" }
        switch unit {
        case "share": return String(format: "%.1f%%", value * 100)
        case "days", "per_year": return String(format: "%.1f", value)
        default: return grouped(value)
        }
    }

    /// A signed difference in the KPI's unit (percentage points for shares).
    public static func difference(_ value: Double?, unit: String) -> String {
        guard let value, value.isFinite else { return "n/a" }
        let sign = value > 0 ? "+" : value < 0 ? "-" : ""
        switch unit {
        case "share": return sign + String(format: "%.1f pp", abs(value) * 100)
        case "days", "per_year": return sign + String(format: "%.1f", abs(value))
        default: return sign + grouped(abs(value))
        }
    }

    static func grouped(_ value: Double) -> String {
        let rounded = Int64(value.rounded())
        let digits = String(abs(rounded))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (rounded < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    static func compact(_ value: Double) -> String {
        if value >= 10_000 { return String(format: "%.0fk", value / 1000) }
        if value >= 100 { return String(format: "%.0f", value) }
        return String(format: "%.1f", value)
    }
}
