import PlannerCore

/// Forecast against history of one SKU (all regions): the last weeks sold, the forecast with its p80 and p95
/// band, the plan date, and the days of the scenario's demand uplifts (orange) and calendar events (grey) shaded.
struct ForecastChart {
    var series: SKUForecastSeries
    var events: [EventWindow]

    func svg() -> String {
        var canvas = SVGCanvas(title: "\(series.sku): history and forecast (p80, p95 band)", kind: "forecast")
        let dates = (series.history.map(\.date) + series.forecast.map(\.date)).compactMap { Day(iso: $0) }
        guard let first = dates.min(), let last = dates.max() else { return canvas.render() }
        let days = DayScale(first: first, last: last, canvas: canvas)
        let maximum = max(
            series.history.map(\.units).max() ?? 0,
            series.forecast.map { max($0.p95, $0.units) }.max() ?? 0
        )
        let y = LinearScale(maximum: maximum, canvas: canvas)
        for event in events where ["demand_uplift", "calendar"].contains(event.kind) {
            guard let from = event.from.flatMap({ Day(iso: $0) }) else { continue }
            let to = event.to.flatMap { Day(iso: $0) } ?? from
            let start = max(from, first)
            let end = min(to, last)
            guard start <= end else { continue }
            // A scenario uplift shades its days; calendar events, which cover most of a peak season, are a strip
            // of ticks under the title so they do not hide the forecast.
            let isCalendar = event.kind == "calendar"
            canvas.rect(
                days.start(start) + (isCalendar ? 0.5 : 0),
                isCalendar ? canvas.plotTop - 6 : canvas.plotTop,
                days.start(end) + days.slot - days.start(start) - (isCalendar ? 1 : 0),
                isCalendar ? 4 : canvas.plotBottom - canvas.plotTop,
                isCalendar ? "event calendar" : "event",
                title: "event \(event.number): \(event.kind) \(event.detail)"
            )
        }
        canvas.yAxis(y)
        canvas.dayAxis(days)
        let band =
            series.forecast.compactMap { row in Day(iso: row.date).map { (days.center($0), y(row.p95)) } }
            + series.forecast.reversed().compactMap { row in Day(iso: row.date).map { (days.center($0), y(row.p80)) } }
        canvas.polygon(band, "band")
        canvas.polyline(
            series.history.compactMap { row in Day(iso: row.date).map { (days.center($0), y(row.units)) } },
            "history"
        )
        canvas.polyline(
            series.forecast.compactMap { row in Day(iso: row.date).map { (days.center($0), y(row.units)) } },
            "forecast"
        )
        if let start = series.forecast.first.flatMap({ Day(iso: $0.date) }) {
            canvas.line(days.start(start), canvas.plotTop, days.start(start), canvas.plotBottom, "today")
        }
        canvas.points = series.history.count + series.forecast.count
        return canvas.render()
    }
}

/// Projected net stock of one (SKU, warehouse) against its safety stock and reorder point; below zero is backlog.
struct StockChart {
    var series: StockSeries

    func svg() -> String {
        var canvas = SVGCanvas(title: "\(series.sku) at \(series.warehouse): projected stock", kind: "stock")
        let dates = series.days.compactMap { Day(iso: $0.date) }
        guard let first = dates.min(), let last = dates.max() else { return canvas.render() }
        let days = DayScale(first: first, last: last, canvas: canvas)
        let low = min(0, series.days.map(\.net).min() ?? 0)
        let high = max(series.reorderPoint, series.safetyStock, series.days.map(\.net).max() ?? 0)
        let y = LinearScale(maximum: high - low, canvas: canvas)
        func yOf(_ value: Double) -> Double { y(value - low) }
        for step in 0...3 {
            let value = low + (high - low) * 1.08 * Double(step) / 3
            canvas.line(canvas.plotLeft, yOf(value), canvas.plotRight, yOf(value), "grid")
            canvas.text(canvas.plotLeft - 4, yOf(value) + 3, Format.compact(value), "axis", anchor: "end")
        }
        canvas.dayAxis(days)
        canvas.line(canvas.plotLeft, yOf(0), canvas.plotRight, yOf(0), "zero")
        canvas.line(canvas.plotLeft, yOf(series.safetyStock), canvas.plotRight, yOf(series.safetyStock), "safety")
        canvas.text(canvas.plotRight, yOf(series.safetyStock) - 3, "safety stock", "note", anchor: "end")
        canvas.line(canvas.plotLeft, yOf(series.reorderPoint), canvas.plotRight, yOf(series.reorderPoint), "reorder")
        canvas.text(canvas.plotRight, yOf(series.reorderPoint) - 3, "reorder point", "note", anchor: "end")
        canvas.polyline(
            series.days.compactMap { row in Day(iso: row.date).map { (days.center($0), yOf(row.net)) } },
            "stock"
        )
        canvas.points = series.days.count
        return canvas.render()
    }
}

/// A warehouse's forecast outbound units per day (the stress test) against its capacity; days over it in red.
struct LoadChart {
    var series: WarehouseLoadSeries

    func svg() -> String {
        let overDays = series.days.filter { $0.over > 0 }.count
        var canvas = SVGCanvas(
            title: "\(series.warehouse): load against capacity, \(overDays) days over",
            kind: "load"
        )
        let dates = series.days.compactMap { Day(iso: $0.date) }
        guard let first = dates.min(), let last = dates.max() else { return canvas.render() }
        let days = DayScale(first: first, last: last, canvas: canvas)
        let y = LinearScale(
            maximum: max(series.days.map(\.units).max() ?? 0, series.days.compactMap(\.capacity).max() ?? 0),
            canvas: canvas
        )
        canvas.yAxis(y)
        canvas.dayAxis(days)
        for row in series.days {
            guard let day = Day(iso: row.date) else { continue }
            canvas.rect(
                days.start(day) + 1,
                y(row.units),
                days.slot - 2,
                canvas.plotBottom - y(row.units),
                row.over > 0 ? "bar over" : "bar",
                title: "\(row.date): \(Format.grouped(row.units)) units"
                    + (row.capacity.map { " of \(Format.grouped($0))" } ?? " (no limit)")
            )
        }
        let capacity = series.days.compactMap { row -> [(Double, Double)]? in
            guard let day = Day(iso: row.date), let limit = row.capacity else { return nil }
            return [(days.start(day), y(limit)), (days.start(day) + days.slot, y(limit))]
        }.flatMap { $0 }
        canvas.polyline(capacity, "capacity")
        canvas.points = series.days.count
        return canvas.render()
    }
}

/// Supplier orders from order day to arrival, one row each; backup orders highlighted.
struct SupplierTimeline {
    var orders: [SupplierOrderBar]

    func svg() -> String {
        let backups = orders.filter(\.isBackup).count
        var canvas = SVGCanvas(
            title: "Largest supplier orders: order to arrival (\(backups) from backups)",
            kind: "supplier_timeline"
        )
        let dates = orders.flatMap { [$0.orderDate, $0.arrivalDate] }.compactMap { Day(iso: $0) }
        guard let first = dates.min(), let last = dates.max() else { return canvas.render() }
        let days = DayScale(first: first, last: last, canvas: canvas)
        canvas.dayAxis(days)
        let rowHeight = (canvas.plotBottom - canvas.plotTop) / Double(max(1, orders.count))
        for (row, order) in orders.enumerated() {
            guard let from = Day(iso: order.orderDate), let to = Day(iso: order.arrivalDate) else { continue }
            let y = canvas.plotTop + Double(row) * rowHeight
            canvas.rect(
                days.start(from),
                y + 1,
                days.start(to) + days.slot - days.start(from),
                max(1, rowHeight - 2),
                order.isBackup ? "order backup" : "order",
                title:
                    "\(order.sku) for \(order.warehouse): \(Format.grouped(order.units)) units from \(order.supplier) "
                    + "(\(order.reason)), \(order.orderDate) to \(order.arrivalDate)"
            )
            canvas.text(canvas.plotLeft - 4, y + rowHeight * 0.75, order.supplier, "axis small", anchor: "end")
        }
        canvas.points = orders.count
        return canvas.render()
    }
}
