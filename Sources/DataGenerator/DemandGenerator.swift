import Foundation
import PlannerCore

/// Draws the daily sales history straight into the columnar ``DemandHistory``, sorted by
/// (date, sku, region), keeping only rows with a positive quantity.
///
/// Days are drawn in blocks of 28; SKU `s` in block `b` uses its own random stream `(seed, s, b)`, so
/// every block can be drawn on its own and the result does not depend on how blocks are scheduled.
/// A day's mean units are split over regions exactly: for a mean above 4 units per region each
/// region draws Poisson(mean * share) itself; otherwise the day's total is drawn once and each unit
/// goes to a region by the SKU's shares (a Poisson total split multinomially is the same law).
struct DemandGenerator {
    static let blockDays = 28

    let models: [SKUDemandModel]
    let regionSplit: RegionSplit
    let firstDay: Day
    let endDate: Day
    let seed: UInt64

    var historyDays: Int { firstDay.days(to: endDate) }

    /// Draws every block, `workerCount` blocks at a time on as many threads, and appends them in
    /// day order; the result does not depend on `workerCount`.
    func generate(workerCount: Int = ProcessInfo.processInfo.activeProcessorCount) -> DemandHistory {
        var history = DemandHistory()
        let estimatedRows = estimatedRowCount()
        history.reserveCapacity(estimatedRows)
        let blockCount = (historyDays + DemandGenerator.blockDays - 1) / DemandGenerator.blockDays
        let workers = max(1, min(workerCount, 16))
        if workers == 1 {
            for block in 0..<blockCount { drawBlock(block, into: &history) }
            return history
        }
        let rowsPerBlock = estimatedRows / max(1, blockCount) + 1024
        var firstBlock = 0
        while firstBlock < blockCount {
            let waveSize = min(workers, blockCount - firstBlock)
            let partials = UnsafeMutableBufferPointer<DemandHistory>.allocate(capacity: waveSize)
            partials.initialize(repeating: DemandHistory())
            nonisolated(unsafe) let slots = partials  // each thread writes only its own slot
            let waveStart = firstBlock
            DispatchQueue.concurrentPerform(iterations: waveSize) { slot in
                var local = DemandHistory()
                local.reserveCapacity(rowsPerBlock)
                drawBlock(waveStart + slot, into: &local)
                slots[slot] = local
            }
            for slot in 0..<waveSize {
                let part = partials[slot]
                for row in 0..<part.count {
                    history.append(
                        skuIndex: Int(part.skuIndices[row]),
                        regionIndex: Int(part.regionIndices[row]),
                        day: Day(daysSinceEpoch: Int(part.days[row])),
                        quantity: Int(part.quantities[row])
                    )
                }
            }
            partials.deinitialize()
            partials.deallocate()
            firstBlock += waveSize
        }
        return history
    }

    /// Expected number of positive rows, with 10% headroom, to reserve the columns once.
    func estimatedRowCount() -> Int {
        let regionCount = Double(regionSplit.regionCount)
        var rows = 0.0
        for (sku, model) in models.enumerated() {
            var activeDays = Double(historyDays)
            if model.launchDay != Int.min {
                activeDays = Double(max(0, min(historyDays, model.launchDay.distance(to: endDate.daysSinceEpoch))))
            }
            switch model.pattern {
            case .intermittent, .lumpy:
                rows += activeDays * model.eventProbability
            case .smooth, .seasonal, .new:
                var cells = 0.0
                for region in 0..<regionSplit.regionCount {
                    cells += 1 - exp(-model.unitsPerDay * regionSplit.share(sku: sku, region: region))
                }
                rows += activeDays * min(cells, regionCount)
            }
        }
        return Int(rows * 1.1) + 1024
    }

    func drawBlock(_ block: Int, into history: inout DemandHistory) {
        let startOffset = block * DemandGenerator.blockDays
        let endOffset = min(historyDays, startOffset + DemandGenerator.blockDays)
        let regionCount = regionSplit.regionCount
        var streams = (0..<models.count).map {
            SeededRandom(seed: seed, stream: 0x4445_4D00_0000_0000 &+ (UInt64($0) << 24 | UInt64(block)))
        }
        var unitCounts = [Int32](repeating: 0, count: regionCount)
        var touchedRegions: [Int] = []
        touchedRegions.reserveCapacity(regionCount)
        let endDay = endDate.daysSinceEpoch

        regionSplit.cumulative.withUnsafeBufferPointer { cumulative in
            for offset in startOffset..<endOffset {
                let day = firstDay.adding(days: offset)
                let dayNumber = day.daysSinceEpoch
                let calendarFactor = RetailCalendar.factor(day)
                let angle = RetailCalendar.yearAngle(day)
                let angleCos = cos(angle)
                let angleSin = sin(angle)
                let yearsBeforeEnd = Double(endDay - dayNumber) / 365.25

                for sku in 0..<models.count {
                    let model = models[sku]
                    if dayNumber < model.launchDay { continue }
                    let shares = UnsafeBufferPointer(
                        rebasing: cumulative[(sku * regionCount)..<((sku + 1) * regionCount)]
                    )
                    switch model.pattern {
                    case .intermittent:
                        guard streams[sku].uniform() < min(0.95, model.eventProbability * calendarFactor) else {
                            continue
                        }
                        let sizeDraw = streams[sku].uniform()
                        let units = sizeDraw < 0.60 ? 1 : sizeDraw < 0.85 ? 2 : 3
                        let region = Self.pick(shares, streams[sku].uniform())
                        history.append(skuIndex: sku, regionIndex: region, day: day, quantity: units)
                    case .lumpy:
                        guard streams[sku].uniform() < min(0.5, model.eventProbability * calendarFactor) else {
                            continue
                        }
                        let mean = streams[sku].gamma(shape: 1.5, scale: (model.meanEventUnits - 1) / 1.5)
                        let units = 1 + streams[sku].poisson(mean)
                        let region = Self.pick(shares, streams[sku].uniform())
                        history.append(skuIndex: sku, regionIndex: region, day: day, quantity: units)
                    case .smooth, .seasonal, .new:
                        var mean = model.unitsPerDay * calendarFactor
                        if model.seasonalAmplitude > 0 {
                            mean *= 1 + model.seasonalAmplitude * (angleCos * model.peakCos + angleSin * model.peakSin)
                        }
                        if model.trendPerYear != 0 { mean *= exp(-model.trendPerYear * yearsBeforeEnd) }
                        if model.launchDay != Int.min {
                            mean *= min(1, 0.3 + 0.7 * Double(dayNumber - model.launchDay) / 14)
                        }
                        mean *= streams[sku].gamma(shape: model.noiseShape, scale: 1 / model.noiseShape)
                        if mean > 4 * Double(regionCount) {
                            var previous = 0.0
                            for region in 0..<regionCount {
                                let share = shares[region] - previous
                                previous = shares[region]
                                let units = streams[sku].poisson(mean * share)
                                if units > 0 {
                                    history.append(skuIndex: sku, regionIndex: region, day: day, quantity: units)
                                }
                            }
                        } else {
                            let total = streams[sku].poisson(mean)
                            guard total > 0 else { continue }
                            for _ in 0..<total {
                                let region = Self.pick(shares, streams[sku].uniform())
                                if unitCounts[region] == 0 { touchedRegions.append(region) }
                                unitCounts[region] += 1
                            }
                            Self.insertionSort(&touchedRegions)
                            for region in touchedRegions {
                                history.append(
                                    skuIndex: sku,
                                    regionIndex: region,
                                    day: day,
                                    quantity: Int(unitCounts[region])
                                )
                                unitCounts[region] = 0
                            }
                            touchedRegions.removeAll(keepingCapacity: true)
                        }
                    }
                }
            }
        }
    }

    /// First region whose cumulative share exceeds `u`.
    @inline(__always)
    static func pick(_ cumulative: UnsafeBufferPointer<Double>, _ u: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) >> 1
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }

    @inline(__always)
    static func insertionSort(_ values: inout [Int]) {
        guard values.count > 1 else { return }
        for index in 1..<values.count {
            let value = values[index]
            var position = index
            while position > 0 && values[position - 1] > value {
                values[position] = values[position - 1]
                position -= 1
            }
            values[position] = value
        }
    }
}
