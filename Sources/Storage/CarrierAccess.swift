import Foundation
import PlannerCore
import PostgresClient

/// What `PlannerDatabase.grantCarrierAccess` did.
public struct CarrierGrant: Sendable, Equatable {
    public var carrier: String
    public var role: String
    /// The role did not exist and was created.
    public var createdRole: Bool
    /// The role may log in (it was created with LOGIN, altered to LOGIN, or could already).
    public var canLogin: Bool
    /// The role that read this carrier's plans before, if another one: it keeps its membership of
    /// `planner_partner` but no longer sees any row.
    public var previousRole: String?

    public init(carrier: String, role: String, createdRole: Bool, canLogin: Bool, previousRole: String?) {
        self.carrier = carrier
        self.role = role
        self.createdRole = createdRole
        self.canLogin = canLogin
        self.previousRole = previousRole
    }
}

extension PlannerDatabase {
    /// Longest identifier PostgreSQL keeps (NAMEDATALEN - 1 bytes); longer ones it truncates silently.
    static let maximumIdentifierBytes = 63

    /// Lets database role `role` read the dispatch plans of `carrier`, and nothing else of the planner's.
    ///
    /// In one transaction: creates the role if missing (NOLOGIN, or LOGIN when `login`; an existing role is
    /// switched to LOGIN when `login` and never back), grants it the group role `planner_partner`, and maps
    /// `carrier` to it in `planner.carrier_accounts` (replacing the carrier's previous role). Needs schema 4
    /// and a connection allowed to create roles (CREATEROLE). Refused: an empty name or one with surrounding
    /// spaces, a role name over 63 bytes or starting with `pg_`, a superuser or BYPASSRLS role, a role with
    /// the rights of the owner of `dispatch_plans` (row level security would not apply to it), and a role
    /// already mapped to another carrier. Sets no password: use psql's `\password ROLE`.
    @discardableResult
    public func grantCarrierAccess(carrier: String, role: String, login: Bool = false) throws -> CarrierGrant {
        try Self.validateCarrierGrant(carrier: carrier, role: role)
        return try connection.transaction {
            let schema = try connection.query("SELECT to_regclass('planner.carrier_accounts') IS NOT NULL")
            guard schema.first?[0] == "t" else { throw PlannerLookupError.schemaOutdated }
            let quotedRole = quoteIdentifier(role)
            let existing = try connection.query(
                """
                SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin, pg_has_role(r.oid, c.relowner, 'USAGE')
                FROM pg_catalog.pg_roles r, pg_catalog.pg_class c
                WHERE r.rolname = $1 AND c.oid = 'planner.dispatch_plans'::regclass
                """,
                parameters: [role]
            )
            var canLogin = login
            if let attributes = existing.first {
                if attributes[0] == "t" || attributes[1] == "t" {
                    throw StorageError(
                        "role '\(role)' is a superuser or bypasses row level security: it would see every "
                            + "carrier's dispatch plans; give the carrier a role of its own"
                    )
                }
                if attributes[3] == "t" {
                    throw StorageError(
                        "role '\(role)' has the rights of the owner of planner.dispatch_plans, to whom row level "
                            + "security does not apply: give the carrier a role of its own"
                    )
                }
                if login && attributes[2] != "t" {
                    try connection.execute("ALTER ROLE \(quotedRole) LOGIN")
                }
                canLogin = login || attributes[2] == "t"
            } else {
                try connection.execute("CREATE ROLE \(quotedRole) \(login ? "LOGIN" : "NOLOGIN")")
            }
            let mapped = try connection.query(
                "SELECT carrier FROM planner.carrier_accounts WHERE role_name = $1 AND carrier <> $2",
                parameters: [role, carrier]
            )
            if let other = mapped.first?[0] {
                throw StorageError(
                    "role '\(role)' already reads the dispatch plans of carrier '\(other)'; a role reads one carrier"
                )
            }
            let previous = try connection.query(
                "SELECT role_name FROM planner.carrier_accounts WHERE carrier = $1 AND role_name <> $2",
                parameters: [carrier, role]
            ).first?[0]
            try connection.execute("GRANT planner_partner TO \(quotedRole)")
            _ = try connection.query(
                """
                INSERT INTO planner.carrier_accounts (carrier, role_name) VALUES ($1, $2)
                ON CONFLICT (carrier) DO UPDATE SET role_name = EXCLUDED.role_name
                """,
                parameters: [carrier, role]
            )
            return CarrierGrant(
                carrier: carrier,
                role: role,
                createdRole: existing.isEmpty,
                canLogin: canLogin,
                previousRole: previous
            )
        }
    }

    /// Role names PostgreSQL reserves for itself (compared without case: a quoted `"PUBLIC"` is a different role
    /// that reads like the keyword), and the planner's own group role.
    static let reservedRoleNames: Set<String> = [
        "public", "none", "current_user", "current_role", "session_user", "user", "planner_partner",
    ]

    /// Throws `StorageError` for names `grantCarrierAccess` refuses before contacting the server.
    public static func validateCarrierGrant(carrier: String, role: String) throws {
        for (what, name) in [("carrier", carrier), ("role", role)] {
            guard !name.isEmpty, name.trimmingCharacters(in: .whitespacesAndNewlines) == name else {
                throw StorageError(
                    "\(what) name \(InputLimits.quoted(name)) must not be empty or have surrounding spaces"
                )
            }
            if let problem = InputLimits.problem(with: name, maxBytes: InputLimits.identifierMaxBytes) {
                throw StorageError("\(what) name \(InputLimits.quoted(name)) \(problem)")
            }
        }
        if reservedRoleNames.contains(role.lowercased()) {
            throw StorageError(
                "role name \(InputLimits.quoted(role)) is reserved (by PostgreSQL, or as the planner's group of "
                    + "partner roles); give the carrier a role of its own"
            )
        }
        guard role.utf8.count <= maximumIdentifierBytes else {
            throw StorageError(
                "role name '\(role)' is \(role.utf8.count) bytes; PostgreSQL keeps at most \(maximumIdentifierBytes)"
            )
        }
        guard !role.hasPrefix("pg_") else {
            throw StorageError("role name '\(role)' starts with pg_, which PostgreSQL reserves")
        }
    }
}
