/// A row label of the backtest summary: the selected model of each SKU, or one model wherever it was a
/// candidate. Ordered selected first, then in ``ForecastModelKind`` order.
public enum BacktestModelKey: Hashable, Comparable, Sendable, CustomStringConvertible {
    case selected
    case model(ForecastModelKind)

    /// `selected` or the model's name.
    public var description: String {
        switch self {
        case .selected: return "selected"
        case .model(let kind): return kind.rawValue
        }
    }

    var order: Int {
        switch self {
        case .selected: return 0
        case .model(let kind): return 1 + kind.order
        }
    }

    public static func < (lhs: BacktestModelKey, rhs: BacktestModelKey) -> Bool { lhs.order < rhs.order }
}

/// Unweighted means over SKUs (M5 style: every SKU counts once, whatever its volume) of one model's
/// holdout accuracy in one demand class.
public struct BacktestSummaryRow: Sendable, Equatable {
    /// The demand class; nil for all SKUs together.
    public var demandClass: DemandClass?
    public var model: BacktestModelKey
    public var skuCount: Int
    /// SKUs with a non-zero naive scale; only these enter the MASE and RMSSE means.
    public var scaledSKUCount: Int
    public var meanAbsoluteError: Double
    public var rootMeanSquaredError: Double
    public var bias: Double
    /// Nil when no SKU of the row has a non-zero naive scale.
    public var meanAbsoluteScaledError: Double?
    public var rootMeanSquaredScaledError: Double?
}

/// Per demand class and overall, for the selected models and for each candidate model: the SKU count and
/// the mean MAE, RMSE, bias, MASE and RMSSE.
public struct BacktestSummary: Sendable {
    /// Demand classes in ``DemandClass`` order (those with SKUs), then all SKUs (class nil); within each,
    /// selected first, then each model that was a candidate somewhere, in ``ForecastModelKind`` order.
    public var rows: [BacktestSummaryRow]

    public init(_ skus: [SKUHoldoutResult]) {
        struct Sums {
            var count = 0
            var maseCount = 0
            var rmsseCount = 0
            var maeSum = 0.0
            var rmseSum = 0.0
            var biasSum = 0.0
            var maseSum = 0.0
            var rmsseSum = 0.0

            mutating func add(_ accuracy: ForecastAccuracy) {
                count += 1
                maeSum += accuracy.meanAbsoluteError
                rmseSum += accuracy.rootMeanSquaredError
                biasSum += accuracy.bias
                if let mase = accuracy.meanAbsoluteScaledError {
                    maseCount += 1
                    maseSum += mase
                }
                if let rmsse = accuracy.rootMeanSquaredScaledError {
                    rmsseCount += 1
                    rmsseSum += rmsse
                }
            }
        }
        let classes = DemandClass.allCases
        let keys = [BacktestModelKey.selected] + ForecastModelKind.allCases.map { BacktestModelKey.model($0) }
        // Slot (class, key): classes.count is the overall class.
        var sums = [Sums](repeating: Sums(), count: (classes.count + 1) * keys.count)
        for sku in skus {
            let classSlot = classes.firstIndex(of: sku.demandClass)!
            for model in sku.models {
                var slots = [BacktestModelKey.model(model.model).order]
                if model.isSelected { slots.append(BacktestModelKey.selected.order) }
                for key in slots {
                    sums[classSlot * keys.count + key].add(model.accuracy)
                    sums[classes.count * keys.count + key].add(model.accuracy)
                }
            }
        }
        var rows: [BacktestSummaryRow] = []
        for classSlot in 0...classes.count {
            for (keyIndex, key) in keys.enumerated() {
                let total = sums[classSlot * keys.count + keyIndex]
                guard total.count > 0 else { continue }
                let count = Double(total.count)
                rows.append(
                    BacktestSummaryRow(
                        demandClass: classSlot < classes.count ? classes[classSlot] : nil,
                        model: key,
                        skuCount: total.count,
                        scaledSKUCount: total.maseCount,
                        meanAbsoluteError: total.maeSum / count,
                        rootMeanSquaredError: total.rmseSum / count,
                        bias: total.biasSum / count,
                        meanAbsoluteScaledError: total.maseCount > 0
                            ? total.maseSum / Double(total.maseCount) : nil,
                        rootMeanSquaredScaledError: total.rmsseCount > 0
                            ? total.rmsseSum / Double(total.rmsseCount) : nil
                    )
                )
            }
        }
        self.rows = rows
    }

    /// The demand classes that have SKUs, in ``DemandClass`` order.
    public var demandClasses: [DemandClass] {
        DemandClass.allCases.filter { demandClass in rows.contains { $0.demandClass == demandClass } }
    }

    /// The rows of one class (nil: all SKUs), selected first.
    public func rows(for demandClass: DemandClass?) -> [BacktestSummaryRow] {
        rows.filter { $0.demandClass == demandClass }
    }

    public func row(_ demandClass: DemandClass?, _ model: BacktestModelKey) -> BacktestSummaryRow? {
        rows.first { $0.demandClass == demandClass && $0.model == model }
    }

    /// Relative change of mean MASE from seasonal naive to the selected models over the class's SKUs:
    /// selected / seasonal naive - 1 (-0.12 is 12% better). Nil when either mean is missing or 0.
    /// Every scored SKU has both forecasts, so both means cover the same SKUs.
    public func selectedMASEChangeVersusSeasonalNaive(demandClass: DemandClass?) -> Double? {
        guard let selected = row(demandClass, .selected)?.meanAbsoluteScaledError,
            let benchmark = row(demandClass, .model(.seasonalNaive))?.meanAbsoluteScaledError, benchmark > 0
        else { return nil }
        return selected / benchmark - 1
    }
}
