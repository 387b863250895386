import Foundation
import Testing

/// `planner policy` run as a planner would, on a table of cases covering the four methods. Every output number is
/// checked to 1e-9 relative against the formulas written out here, independently of InventoryPolicy: z from a
/// table of scipy's norm.ppf, k by bisection on G(k) = phi(k) - k (1 - Phi(k)), the Poisson quantile by summing
/// the probabilities (Silver, Pyke and Peterson, 4th ed., ch. 7; Axsater, "Inventory Control", 2nd ed., ch. 5).
@Suite struct PolicyCommandTableTests {
    struct Case {
        var fields: [String]  // the 13 input columns, as written to stats.csv
        var method: String  // the method the row must get

        func number(_ index: Int) -> Double? { Double(fields[index]) }
    }

    static let header =
        "sku,mean_daily_demand,sd_daily_demand,lead_time_days,lead_time_sd_days,service_level,service_type,"
        + "order_quantity,annual_demand,order_cost,unit_cost,holding_cost_rate,review_period_days"

    static let cases: [Case] = [
        ("A-random-lt,20,5,10,2,0.95,cycle,,,50,10,0.25,", "normal_cycle"),
        ("B-fixed-lt,35.5,12.25,7,0,0.99,cycle,,,,,,", "normal_cycle"),
        ("C-annual,12,4,2.5,0.5,0.9,cycle,,5000,75,4.2,0.3,", "normal_cycle"),
        ("D-fill-q,20,5,10,2,0.98,fill_rate,400,,,,,", "normal_fill_rate"),
        ("E-fill-eoq,8,3,6,1,0.95,fill_rate,,,120,15,0.2,", "normal_fill_rate"),
        ("F-fill-negative-k,20,5,4,0,0.9,fill_rate,2000,,,,,", "normal_fill_rate"),
        ("G-slow,0.5,0.8,4,0,0.95,cycle,12,,,,,", "poisson_cycle"),
        ("H-slow-fractional,0.3,0.5,2.5,0,0.9,cycle,,,,,,", "poisson_cycle"),
        ("I-review,10,3,5,1,0.95,cycle,,,50,10,0.25,7", "periodic_review"),
        ("J-review-fixed-lt,40,9,3,0,0.975,cycle,,,,,,14", "periodic_review"),
        ("K-boundary-10-units,2.5,1,4,0,0.95,cycle,,,,,,", "normal_cycle"),
        ("L-half,20,5,10,2,0.5,cycle,,,,,,", "normal_cycle"),
        ("M-high-volume,150,40,12,3,0.98,cycle,,,,,,", "normal_cycle"),
    ].map { Case(fields: $0.0.split(separator: ",", omittingEmptySubsequences: false).map(String.init), method: $0.1) }

    /// z = Phi^-1(alpha), scipy.stats.norm.ppf in double precision.
    static let z: [Double: Double] = [
        0.5: 0, 0.9: 1.2815515655446004, 0.95: 1.6448536269514722, 0.975: 1.959963984540054,
        0.98: 2.0537489106318225, 0.99: 2.3263478740408408,
    ]

    /// G(k) = phi(k) - k (1 - Phi(k)), with 1 - Phi(k) = erfc(k / sqrt 2) / 2.
    static func loss(_ k: Double) -> Double {
        exp(-k * k / 2) / (2 * Double.pi).squareRoot() - k * erfc(k / 2.0.squareRoot()) / 2
    }

    /// The k with G(k) = g: G decreases, so bisect [-100, 100] until the bracket stops shrinking.
    static func inverseLoss(_ g: Double) -> Double {
        var (low, high) = (-100.0, 100.0)
        while true {
            let middle = (low + high) / 2
            if middle == low || middle == high { return middle }
            if loss(middle) > g { low = middle } else { high = middle }
        }
    }

    /// Smallest r with P(Poisson(mean) <= r) >= alpha.
    static func poissonQuantile(mean: Double, alpha: Double) -> Double {
        var probability = exp(-mean)
        var cumulative = probability
        var r = 0.0
        while cumulative < alpha {
            r += 1
            probability *= mean / r
            cumulative += probability
        }
        return r
    }

    /// Expected output columns safety_factor, sigma_lt, safety_stock, reorder_point, eoq, order_up_to (nil: empty).
    static func expected(_ row: Case) -> [Double?] {
        let (d, sd, l, sdL, alpha) = (row.number(1)!, row.number(2)!, row.number(3)!, row.number(4)!, row.number(5)!)
        let sigma = (l * sd * sd + d * d * sdL * sdL).squareRoot()
        var eoq: Double? = nil
        if let k = row.number(9), let c = row.number(10), let rate = row.number(11) {
            eoq = (2 * k * (row.number(8) ?? 365 * d) / (rate * c)).squareRoot()
        }
        let q = row.number(7) ?? eoq
        switch row.method {
        case "periodic_review":
            let protection = row.number(12)! + l
            let level = d * protection + z[alpha]! * (protection * sd * sd + d * d * sdL * sdL).squareRoot()
            return [z[alpha]!, sigma, level - d * protection, level, eoq, level]
        case "poisson_cycle":
            let r = poissonQuantile(mean: d * l, alpha: alpha)
            return [nil, sigma, r - d * l, r, eoq, q.map { r + $0 }]
        case "normal_cycle":
            let safety = z[alpha]! * sigma
            return [z[alpha]!, sigma, safety, d * l + safety, eoq, q.map { d * l + safety + $0 }]
        default:
            let k = inverseLoss((1 - alpha) * q! / sigma)
            return [k, sigma, k * sigma, d * l + k * sigma, eoq, q.map { d * l + k * sigma + $0 }]
        }
    }

    /// Significant digits of a printed number: "43.01162633521313" has 16, "1.0e-05" has 1.
    static func significantDigits(_ text: String) -> Int {
        let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" }).first.map(String.init) ?? text
        let digits = mantissa.filter(\.isNumber).drop(while: { $0 == "0" })
        return digits.reversed().drop(while: { $0 == "0" }).count
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/planner-policy-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func everyOutputNumberMatchesTheFormulas() throws {
        let folder = try Self.folder()
        let input = folder + "/stats.csv"
        let rows = Self.cases.map { $0.fields.joined(separator: ",") }
        try ([Self.header] + rows).joined(separator: "\n").appending("\n").write(
            toFile: input,
            atomically: true,
            encoding: .utf8
        )
        let outcome = try BacktestCommandTests.run(["policy", "--input", input, "--out", folder + "/out.csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = try String(contentsOfFile: folder + "/out.csv", encoding: .utf8).split(separator: "\n")
        let outputColumns = ["safety_factor", "sigma_lt", "safety_stock", "reorder_point", "eoq", "order_up_to"]
        #expect(lines.first.map(String.init) == Self.header + "," + outputColumns.joined(separator: ",") + ",method")
        try #require(lines.count == Self.cases.count + 1)

        var longNumbers = 0
        for (row, line) in zip(Self.cases, lines.dropFirst()) {
            let out = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            try #require(out.count == 20, "\(line)")
            let sku = row.fields[0]
            // The input columns come back: text as is, numbers with the same value, empty stays empty.
            #expect(out[0] == sku && out[6] == row.fields[6] && out[19] == row.method, "\(line)")
            for index in 1..<13 where index != 6 {
                #expect(Double(out[index]) == row.number(index), "\(sku) column \(index): \(out[index])")
            }
            for (offset, expected) in Self.expected(row).enumerated() {
                let text = out[13 + offset]
                let name = outputColumns[offset]
                guard let expected else {
                    #expect(text.isEmpty, "\(sku) \(name): \(text)")
                    continue
                }
                guard let actual = Double(text) else {
                    Issue.record("\(sku) \(name): '\(text)' is not a number")
                    continue
                }
                #expect(
                    abs(actual - expected) <= 1e-9 * max(1, abs(expected)),
                    "\(sku) \(name): \(actual) vs \(expected)"
                )
                // Unrounded: a value that needs 12 significant digits is printed with at least 12.
                if Double(String(format: "%.11g", expected)) != expected {
                    longNumbers += 1
                    #expect(Self.significantDigits(text) >= 12, "\(sku) \(name): \(text)")
                }
            }
        }
        #expect(longNumbers >= 30, "the table exercises full-precision output")
    }

    @Test func aServiceLevelOfOneIsALocatedErrorAndWritesNothing() throws {
        let folder = try Self.folder()
        let input = folder + "/stats.csv"
        try [Self.header, Self.cases[0].fields.joined(separator: ","), "Z-certain,20,5,10,2,1,cycle,,,,,,"]
            .joined(separator: "\n").appending("\n").write(toFile: input, atomically: true, encoding: .utf8)
        let outcome = try BacktestCommandTests.run(["policy", "--input", input, "--out", folder + "/out.csv"])
        #expect(outcome.status == 65)
        #expect(
            outcome.stderr.contains("\(input):3:6: error: service_level: must be strictly between 0 and 1"),
            "\(outcome.stderr)"
        )
        #expect(!FileManager.default.fileExists(atPath: folder + "/out.csv"))
    }
}
