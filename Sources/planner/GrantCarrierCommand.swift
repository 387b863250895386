import ArgumentParser
import PlannerPipeline
import Storage

extension DatabaseCommand {
    struct GrantCarrier: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-carrier",
            abstract:
                "Let a logistics partner's database role read its own carrier's dispatch plans, and nothing else.",
            discussion: """
                Creates the role if it does not exist (NOLOGIN unless --login), makes it a member of the group \
                role planner_partner, and records that it reads this carrier (planner.carrier_accounts). Row \
                level security then shows it only that carrier's rows of planner.dispatch_plans and \
                planner.latest_dispatch_plans; every other planner table answers permission denied. Running it \
                again is harmless; naming another role for a carrier moves the carrier to that role. A role \
                reads one carrier; superusers, roles that bypass row level security and roles with the \
                planner's own rights are refused, because the policy would not apply to them.
                No password is set: give one in psql with \\password ROLE, never on a command line. The \
                planner's database role must be allowed to create roles (CREATEROLE; the embedded database's is).
                Example: planner db grant-carrier --carrier FastFreight --role fastfreight --login
                """
        )

        @Option(help: "The carrier, as in lanes.csv (case-sensitive).")
        var carrier: String

        @Option(help: "The partner's database role: created if missing; at most 63 bytes, not starting with pg_.")
        var role: String

        @Flag(help: "Let the role log in (created with LOGIN, or an existing role switched to LOGIN).")
        var login = false

        @OptionGroup var target: DatabaseOptions

        func validate() throws {
            do {
                try PlannerDatabase.validateCarrierGrant(carrier: carrier, role: role)
            } catch let error as StorageError {
                throw ValidationError(error.message)
            }
        }

        func run() throws {
            let target = try target.resolve()
            let database: PlannerDatabase
            do {
                database = try PlannerDatabase(settings: try target.connectionSettings())
                try database.migrate()
            } catch {
                printError("database unavailable (\(target.description)): \(error)")
                throw ExitStatus.unavailable
            }
            let grant: CarrierGrant
            do {
                grant = try database.grantCarrierAccess(carrier: carrier, role: role, login: login)
            } catch let error as StorageError {
                printError(error.message)
                throw ExitStatus.dataError
            } catch {
                printError("granting access failed; nothing changed: \(error)")
                throw ExitStatus.software
            }
            let created = grant.createdRole ? "created, " : ""
            let login = grant.canLogin ? "may log in" : "cannot log in (add --login to allow it)"
            print("role \(grant.role) (\(created)\(login)) reads the dispatch plans of carrier \(grant.carrier)")
            if let previous = grant.previousRole {
                print("carrier \(grant.carrier) moved from role \(previous), which now sees no dispatch rows")
            }
        }
    }
}
