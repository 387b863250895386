// `planner policy` rows: the first byte sets the slow-mover threshold and the safety-stock floor, the rest is the
// CSV file. Every row must give finite numbers, or the file located problems.

import Foundation
import FuzzSupport
import InventoryPolicy
import PlannerCore
import PlannerInput

let folder = BaseData.makeFolder()
let path = folder + "/stats.csv"

runFuzzer { input in
    guard !input.isEmpty else { return }
    BaseData.write(Array(input[1...]), to: path)
    let queries: [PolicyQuery]
    do {
        queries = try PolicyQueryLoader.load(path: path)
    } catch let error as InputError {
        requireLocated(error, files: [path])
        return
    } catch {
        fatalError("loading threw something other than InputError: \(error)")
    }
    let calculator = PolicyCalculator(slowMoverUnits: Double(input[0] >> 1) * 8, floorsSafetyStock: input[0] & 1 == 1)
    for query in queries {
        let answer = calculator.answer(query)
        let values =
            [answer.sigmaLeadTime, answer.safetyStock, answer.reorderPoint]
            + [answer.safetyFactor, answer.economicOrderQuantity, answer.orderUpTo].compactMap { $0 }
        guard values.allSatisfy(\.isFinite) else {
            fatalError("line \(query.line): a value that is not a finite number: \(answer)")
        }
    }
}
