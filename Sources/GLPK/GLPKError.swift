/// An error from the GLPK wrapper: the GLPK return code (or a wrapper code for input rejected before
/// it reached GLPK) and a message for a person.
///
/// GLPK aborts the whole process on invalid input, so the wrapper validates every call first and
/// reports problems as `invalidInput` instead of passing them on.
public struct GLPKError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A GLPK return code (`GLP_E...` in glpk.h), or a negative wrapper code.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public var rawValue: Int32

        public init(rawValue: Int32) {
            self.rawValue = rawValue
        }

        /// Rejected by the wrapper before calling GLPK (index out of range, duplicate entry, NaN, ...).
        public static let invalidInput = Code(rawValue: -1)
        /// The problem object was used on a thread other than the one that created it.
        public static let wrongThread = Code(rawValue: -2)
        /// GLPK returned "success" but the solution is not usable (for example undefined).
        public static let noSolution = Code(rawValue: -3)

        public static let invalidBasis = Code(rawValue: 0x01)  // GLP_EBADB
        public static let singularMatrix = Code(rawValue: 0x02)  // GLP_ESING
        public static let illConditionedMatrix = Code(rawValue: 0x03)  // GLP_ECOND
        public static let invalidBounds = Code(rawValue: 0x04)  // GLP_EBOUND
        public static let solverFailed = Code(rawValue: 0x05)  // GLP_EFAIL
        public static let objectiveLowerLimitReached = Code(rawValue: 0x06)  // GLP_EOBJLL
        public static let objectiveUpperLimitReached = Code(rawValue: 0x07)  // GLP_EOBJUL
        public static let iterationLimitExceeded = Code(rawValue: 0x08)  // GLP_EITLIM
        public static let timeLimitExceeded = Code(rawValue: 0x09)  // GLP_ETMLIM
        public static let noPrimalFeasibleSolution = Code(rawValue: 0x0A)  // GLP_ENOPFS
        public static let noDualFeasibleSolution = Code(rawValue: 0x0B)  // GLP_ENODFS
        /// glp_intopt: the LP relaxation's optimal basis was not provided (presolver off).
        public static let rootRelaxationNotOptimal = Code(rawValue: 0x0C)  // GLP_EROOT
        /// glp_intopt: the search was stopped by the application's callback.
        public static let stoppedByApplication = Code(rawValue: 0x0D)  // GLP_ESTOP
        /// glp_intopt: the relative MIP gap tolerance was reached.
        public static let mipGapToleranceReached = Code(rawValue: 0x0E)  // GLP_EMIPGAP
        public static let noPrimalOrDualFeasibleSolution = Code(rawValue: 0x0F)  // GLP_ENOFEAS
        public static let noConvergence = Code(rawValue: 0x10)  // GLP_ENOCVG
        public static let numericalInstability = Code(rawValue: 0x11)  // GLP_EINSTAB
        public static let invalidData = Code(rawValue: 0x12)  // GLP_EDATA
        public static let resultOutOfRange = Code(rawValue: 0x13)  // GLP_ERANGE

        /// The C name of the code (`GLP_ENOPFS`), or the wrapper's name for negative codes.
        public var name: String {
            switch rawValue {
            case -1: return "invalid input"
            case -2: return "wrong thread"
            case -3: return "no solution"
            case 0x01: return "GLP_EBADB"
            case 0x02: return "GLP_ESING"
            case 0x03: return "GLP_ECOND"
            case 0x04: return "GLP_EBOUND"
            case 0x05: return "GLP_EFAIL"
            case 0x06: return "GLP_EOBJLL"
            case 0x07: return "GLP_EOBJUL"
            case 0x08: return "GLP_EITLIM"
            case 0x09: return "GLP_ETMLIM"
            case 0x0A: return "GLP_ENOPFS"
            case 0x0B: return "GLP_ENODFS"
            case 0x0C: return "GLP_EROOT"
            case 0x0D: return "GLP_ESTOP"
            case 0x0E: return "GLP_EMIPGAP"
            case 0x0F: return "GLP_ENOFEAS"
            case 0x10: return "GLP_ENOCVG"
            case 0x11: return "GLP_EINSTAB"
            case 0x12: return "GLP_EDATA"
            case 0x13: return "GLP_ERANGE"
            default: return "GLPK code \(rawValue)"
            }
        }
    }

    public var code: Code
    public var message: String

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String {
        "GLPK error \(code.name) (\(code.rawValue)): \(message)"
    }

    static func invalidInput(_ message: String) -> GLPKError {
        GLPKError(code: .invalidInput, message: message)
    }
}
