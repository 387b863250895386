import GLPK
import Testing

/// `IntegerOptions.initialSolution`: checked by the wrapper, then offered to GLPK as an incumbent.
@Suite("LinearProgram integer solves: initial solution")
struct IntegerInitialSolutionTests {
    /// The Rosetta Code knapsack's optimal selection, rebuilt from a dynamic programme's choices.
    static func optimalSelection() -> [Double] {
        let weights = IntegerSolveTests.knapsackWeights
        let values = IntegerSolveTests.knapsackValues
        let capacity = IntegerSolveTests.knapsackCapacity
        var best = Array(repeating: [Int](repeating: 0, count: capacity + 1), count: weights.count + 1)
        for item in 0..<weights.count {
            for room in 0...capacity {
                best[item + 1][room] = best[item][room]
                if weights[item] <= room {
                    best[item + 1][room] = max(best[item + 1][room], best[item][room - weights[item]] + values[item])
                }
            }
        }
        var selection = [Double](repeating: 0, count: weights.count)
        var room = capacity
        for item in stride(from: weights.count - 1, through: 0, by: -1) where best[item + 1][room] != best[item][room] {
            selection[item] = 1
            room -= weights[item]
        }
        return selection
    }

    @Test func theRebuiltSelectionIsOptimal() {
        let selection = Self.optimalSelection()
        let value = zip(selection, IntegerSolveTests.knapsackValues).reduce(0) { $0 + $1.0 * Double($1.1) }
        let weight = zip(selection, IntegerSolveTests.knapsackWeights).reduce(0) { $0 + $1.0 * Double($1.1) }
        #expect(value == 1030 && weight <= 400)
    }

    /// Offered the optimum, a 50% gap tolerance stops the search at the first node after the root
    /// (GLP_EMIPGAP) with that incumbent, or GLPK proves it optimal; either way it is what comes back.
    @Test func anOfferedOptimumBecomesTheIncumbent() throws {
        let program = try IntegerSolveTests.knapsack()
        let selection = Self.optimalSelection()
        let result = try program.solveInteger(
            IntegerOptions(relativeGapTolerance: 0.5, presolve: false, initialSolution: selection)
        )
        #expect(result.objective == 1030)
        #expect(try program.integerColumnValues() == selection)
        if result.status == .feasible {
            #expect(result.returnCode == .mipGapToleranceReached)
            #expect(try #require(result.bestBound) >= 1030)
        } else {
            #expect(result.status == .optimal)
        }
    }

    /// A poor start (take nothing, value 0) does not stop GLPK from finding the optimum.
    @Test func aPoorStartStillReachesTheOptimum() throws {
        let program = try IntegerSolveTests.knapsack()
        let zeros = [Double](repeating: 0, count: IntegerSolveTests.knapsackWeights.count)
        let result = try program.solveInteger(IntegerOptions(presolve: false, initialSolution: zeros))
        #expect(result.status == .optimal && result.objective == 1030)
    }

    static func rejects(_ solution: [Double], presolve: Bool = false, mentioning text: String) throws -> Bool {
        let program = try IntegerSolveTests.knapsack()
        do {
            _ = try program.solveInteger(IntegerOptions(presolve: presolve, initialSolution: solution))
            return false
        } catch let error as GLPKError {
            return error.code == .invalidInput && error.message.contains(text)
        }
    }

    @Test func infeasibleOrMalformedStartsAreRejectedBeforeGLPK() throws {
        let count = IntegerSolveTests.knapsackWeights.count
        let all = [Double](repeating: 1, count: count)  // weighs 803 > 400
        #expect(try Self.rejects(all, mentioning: "row 0 has activity 803.0 outside its bounds"))
        var fractional = [Double](repeating: 0, count: count)
        fractional[0] = 0.5
        #expect(try Self.rejects(fractional, mentioning: "column 0 = 0.5 breaks its bounds or kind"))
        var outOfBounds = [Double](repeating: 0, count: count)
        outOfBounds[3] = 2
        #expect(try Self.rejects(outOfBounds, mentioning: "column 3 = 2.0"))
        #expect(try Self.rejects([0, 1], mentioning: "has 2 values for 22 columns"))
        #expect(try Self.rejects(Self.optimalSelection(), presolve: true, mentioning: "needs the MIP presolver off"))
    }
}
