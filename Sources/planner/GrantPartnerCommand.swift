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
                reads one carrier (or supplier); superusers, roles that bypass row level security and roles \
                with the planner's own rights are refused, because the policy would not apply to them.
                No password is set: give one in psql with \\password ROLE, never on a command line. The \
                planner's database role must be allowed to create roles (CREATEROLE; the embedded database's is).
                Example: planner db grant-carrier --carrier FastFreight --role fastfreight --login
                """
        )

        @Option(help: "The carrier, as in lanes.csv (case-sensitive).")
        var carrier: String

        @OptionGroup var grant: PartnerGrantOptions

        func validate() throws { try grant.validate(.carrier, partner: carrier) }

        func run() throws { try grant.run(.carrier, partner: carrier) }
    }

    struct GrantSupplier: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant-supplier",
            abstract: "Let a drop-ship supplier's database role read the customer orders it ships, and nothing else.",
            discussion: """
                As grant-carrier, for a supplier of suppliers.csv: the role joins planner_partner and is recorded \
                in planner.supplier_accounts; row level security then shows it only its own rows of \
                planner.supplier_dispatch and planner.latest_supplier_dispatch (order lines it drop-ships: \
                order, sku, region, units, ship and delivery dates); every other planner table shows it nothing \
                or answers permission denied. A role reads one supplier (or carrier).
                Example: planner db grant-supplier --supplier SUP03 --role sup03 --login
                """
        )

        @Option(help: "The supplier, as in suppliers.csv (case-sensitive).")
        var supplier: String

        @OptionGroup var grant: PartnerGrantOptions

        func validate() throws { try grant.validate(.supplier, partner: supplier) }

        func run() throws { try grant.run(.supplier, partner: supplier) }
    }
}

/// What grant-carrier and grant-supplier share: the role, --login, the database, and the grant itself.
struct PartnerGrantOptions: ParsableArguments {
    @Option(help: "The partner's database role: created if missing; at most 63 bytes, not starting with pg_.")
    var role: String

    @Flag(help: "Let the role log in (created with LOGIN, or an existing role switched to LOGIN).")
    var login = false

    @OptionGroup var target: DatabaseOptions

    func validate(_ kind: PartnerKind, partner: String) throws {
        do {
            try PlannerDatabase.validateGrant(kind, partner: partner, role: role)
        } catch let error as StorageError {
            throw ValidationError(error.message)
        }
    }

    func run(_ kind: PartnerKind, partner: String) throws {
        let target = try target.resolve()
        let database: PlannerDatabase
        do {
            database = try PlannerDatabase(settings: try target.connectionSettings())
            try database.migrate()
        } catch {
            printError("database unavailable (\(target.description)): \(error)")
            throw ExitStatus.unavailable
        }
        let grant: PartnerGrant
        do {
            grant = try database.grantAccess(kind, partner: partner, role: role, login: login)
        } catch let error as StorageError {
            printError(error.message)
            throw ExitStatus.dataError
        } catch {
            printError("granting access failed; nothing changed: \(error)")
            throw ExitStatus.software
        }
        let created = grant.createdRole ? "created, " : ""
        let login = grant.canLogin ? "may log in" : "cannot log in (add --login to allow it)"
        let reads = kind == .carrier ? "the dispatch plans of carrier" : "the drop-ship orders of supplier"
        print("role \(grant.role) (\(created)\(login)) reads \(reads) \(grant.partner)")
        if let previous = grant.previousRole {
            print("\(kind.rawValue) \(grant.partner) moved from role \(previous), which now sees none of its rows")
        }
    }
}
