import Foundation
import GLPK
import Testing

/// Inputs GLPK would abort the process on must come back as `GLPKError.Code.invalidInput`.
@Suite("LinearProgram validation")
struct LinearProgramValidationTests {
    static func twoByTwo() throws -> LinearProgram {
        let program = try LinearProgram()
        try program.addColumns(count: 2, objective: 1)
        try program.addRows(count: 2, bounds: .lower(1))
        return program
    }

    static func isInvalidInput(_ error: any Error, mentioning text: String) -> Bool {
        guard let error = error as? GLPKError else { return false }
        return error.code == .invalidInput && error.message.contains(text)
    }

    @Test func duplicateEntryThrowsAndLeavesProblemUsable() throws {
        let program = try Self.twoByTwo()
        #expect {
            try program.setMatrix(entries: [(0, 0, 1), (1, 1, 1), (1, 0, 2), (0, 0, 3)])
        } throws: { Self.isInvalidInput($0, mentioning: "entries 0 and 3 both set (0, 0)") }
        // Still alive and usable: min x + y s.t. x >= 1, y >= 1.
        try program.setMatrix(entries: [(0, 0, 1), (1, 1, 1)])
        let result = try program.solveSimplex()
        #expect(result.status == .optimal)
        #expect(result.objective == 2)
    }

    @Test func outOfRangeIndicesThrow() throws {
        let program = try Self.twoByTwo()
        #expect { try program.setMatrix(entries: [(2, 0, 1)]) } throws: {
            Self.isInvalidInput($0, mentioning: "row 2 is out of range 0..<2")
        }
        #expect { try program.setMatrix(entries: [(0, -1, 1)]) } throws: {
            Self.isInvalidInput($0, mentioning: "column -1 is out of range 0..<2")
        }
        #expect { try program.setObjective(column: 2, coefficient: 1) } throws: {
            Self.isInvalidInput($0, mentioning: "column 2 is out of range")
        }
        #expect { try program.columnValue(5) } throws: { Self.isInvalidInput($0, mentioning: "column 5") }
    }

    @Test(arguments: [Double.nan, .infinity, -.infinity])
    func nonFiniteCoefficientsThrow(value: Double) throws {
        let program = try Self.twoByTwo()
        #expect { try program.setMatrix(entries: [(0, 0, 1), (1, 1, value)]) } throws: {
            Self.isInvalidInput($0, mentioning: "is not finite")
        }
        #expect { try program.setObjective(column: 0, coefficient: value) } throws: {
            Self.isInvalidInput($0, mentioning: "is not finite")
        }
        #expect { try program.addColumn(objective: value) } throws: {
            Self.isInvalidInput($0, mentioning: "is not finite")
        }
        #expect { try program.addRow(.upper(value)) } throws: { Self.isInvalidInput($0, mentioning: "not finite") }
    }

    @Test func invalidBoundsThrow() throws {
        let program = try Self.twoByTwo()
        #expect { try program.addRow(.range(3, 1)) } throws: {
            Self.isInvalidInput($0, mentioning: "lower bound 3.0 is not below upper bound 1.0")
        }
        #expect { try program.setBounds(column: 0, .range(2, 2)) } throws: {
            Self.isInvalidInput($0, mentioning: "not below")
        }
        #expect(program.rowCount == 2)
    }

    @Test func invalidNamesThrow() throws {
        #expect { try LinearProgram(name: String(repeating: "x", count: 256)) } throws: {
            Self.isInvalidInput($0, mentioning: "longer than 255 bytes")
        }
        #expect { try LinearProgram(name: "tab\there") } throws: {
            Self.isInvalidInput($0, mentioning: "control character")
        }
        _ = try LinearProgram(name: String(repeating: "x", count: 255))
    }

    @Test func zeroBasedIndicesAndCounts() throws {
        let program = try LinearProgram()
        #expect(try program.addColumns(count: 3) == 0..<3)
        #expect(try program.addColumn() == 3)
        #expect(try program.addColumns(count: 0) == 4..<4)
        #expect(try program.addRow(.fixed(1)) == 0)
        #expect(try program.addRows(count: 2, bounds: .free) == 1..<3)
        #expect(program.columnCount == 4)
        #expect(program.rowCount == 3)
    }

    /// A problem must stay on its creating thread (GLPK's state is thread-local).
    @Test func useFromAnotherThreadThrows() throws {
        struct Box: @unchecked Sendable { let program: LinearProgram }
        let box = Box(program: try Self.twoByTwo())
        let outcome = ThreadOutcome()
        let thread = Thread {
            do {
                _ = try box.program.addColumn()
                outcome.set(nil)
            } catch {
                outcome.set(error as? GLPKError)
            }
        }
        thread.start()
        let error = outcome.wait()
        #expect(error?.code == .wrongThread)
        #expect(box.program.columnCount == 2)
    }
}

/// Hands one value from a helper thread back to the test.
final class ThreadOutcome: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: GLPKError?
    private var done = false

    func set(_ value: GLPKError?) {
        condition.lock()
        self.value = value
        done = true
        condition.signal()
        condition.unlock()
    }

    func wait() -> GLPKError? {
        condition.lock()
        while !done { condition.wait() }
        defer { condition.unlock() }
        return value
    }
}
