import Foundation
import PlannerCore
import PostgresClient

/// Who reads what: a logistics partner (carrier) reads its dispatch plans, a drop-ship supplier the customer
/// orders it ships. Both are roles of the group role `planner_partner`, mapped to their partner in an accounts
/// table that the partner's row level security policy reads.
public enum PartnerKind: String, Sendable, CaseIterable {
    case carrier
    case supplier

    /// The accounts table: partner -> role.
    var accountsTable: String { self == .carrier ? "planner.carrier_accounts" : "planner.supplier_accounts" }
    /// Its partner column.
    var partnerColumn: String { rawValue }
    /// The table whose rows the partner reads.
    var readsTable: String { self == .carrier ? "planner.dispatch_plans" : "planner.supplier_dispatch" }
    /// What the partner reads, in words.
    var reads: String { self == .carrier ? "dispatch plans" : "drop-ship orders" }
}

/// What `PlannerDatabase.grantAccess` did.
public struct PartnerGrant: Sendable, Equatable {
    public var kind: PartnerKind
    /// The carrier or the supplier.
    public var partner: String
    public var role: String
    /// The role did not exist and was created.
    public var createdRole: Bool
    /// The role may log in (it was created with LOGIN, altered to LOGIN, or could already).
    public var canLogin: Bool
    /// The role that read this partner's rows before, if another one: it keeps its membership of
    /// `planner_partner` but no longer sees any row.
    public var previousRole: String?

    public init(
        kind: PartnerKind,
        partner: String,
        role: String,
        createdRole: Bool,
        canLogin: Bool,
        previousRole: String?
    ) {
        self.kind = kind
        self.partner = partner
        self.role = role
        self.createdRole = createdRole
        self.canLogin = canLogin
        self.previousRole = previousRole
    }
}

extension PlannerDatabase {
    /// Longest identifier PostgreSQL keeps (NAMEDATALEN - 1 bytes); longer ones it truncates silently.
    static let maximumIdentifierBytes = 63

    /// `grantAccess(.carrier, ...)`: `carrier` as in lanes.csv; needs schema 4.
    @discardableResult
    public func grantCarrierAccess(carrier: String, role: String, login: Bool = false) throws -> PartnerGrant {
        try grantAccess(.carrier, partner: carrier, role: role, login: login)
    }

    /// `grantAccess(.supplier, ...)`: `supplier` as in suppliers.csv; needs schema 12.
    @discardableResult
    public func grantSupplierAccess(supplier: String, role: String, login: Bool = false) throws -> PartnerGrant {
        try grantAccess(.supplier, partner: supplier, role: role, login: login)
    }

    /// Lets database role `role` read the rows of `partner` (a carrier's dispatch plans, or a drop-ship supplier's
    /// orders), and nothing else of the planner's.
    ///
    /// In one transaction: creates the role if missing (NOLOGIN, or LOGIN when `login`; an existing role is
    /// switched to LOGIN when `login` and never back), grants it the group role `planner_partner`, and maps
    /// `partner` to it in the kind's accounts table (replacing the partner's previous role). Needs the schema that
    /// created that table and a connection allowed to create roles (CREATEROLE). Refused: an empty name or one
    /// with surrounding spaces, a role name over 63 bytes or starting with `pg_`, a superuser or BYPASSRLS role, a
    /// role with the rights of the owner of the table it reads (row level security would not apply to it), and a
    /// role already mapped to another partner of either kind. Sets no password: use psql's `\password ROLE`.
    @discardableResult
    public func grantAccess(
        _ kind: PartnerKind,
        partner: String,
        role: String,
        login: Bool = false
    ) throws
        -> PartnerGrant
    {
        try Self.validateGrant(kind, partner: partner, role: role)
        return try connection.transaction {
            let schema = try connection.query("SELECT to_regclass('\(kind.accountsTable)') IS NOT NULL")
            guard schema.first?[0] == "t" else { throw PlannerLookupError.schemaOutdated }
            let quotedRole = quoteIdentifier(role)
            let existing = try connection.query(
                """
                SELECT r.rolsuper, r.rolbypassrls, r.rolcanlogin, pg_has_role(r.oid, c.relowner, 'USAGE')
                FROM pg_catalog.pg_roles r, pg_catalog.pg_class c
                WHERE r.rolname = $1 AND c.oid = '\(kind.readsTable)'::regclass
                """,
                parameters: [role]
            )
            var canLogin = login
            if let attributes = existing.first {
                if attributes[0] == "t" || attributes[1] == "t" {
                    throw StorageError(
                        "role '\(role)' is a superuser or bypasses row level security: it would see every "
                            + "\(kind.rawValue)'s \(kind.reads); give the \(kind.rawValue) a role of its own"
                    )
                }
                if attributes[3] == "t" {
                    throw StorageError(
                        "role '\(role)' has the rights of the owner of \(kind.readsTable), to whom row level "
                            + "security does not apply: give the \(kind.rawValue) a role of its own"
                    )
                }
                if login && attributes[2] != "t" {
                    try connection.execute("ALTER ROLE \(quotedRole) LOGIN")
                }
                canLogin = login || attributes[2] == "t"
            } else {
                try connection.execute("CREATE ROLE \(quotedRole) \(login ? "LOGIN" : "NOLOGIN")")
            }
            for other in PartnerKind.allCases {
                guard try connection.query("SELECT to_regclass('\(other.accountsTable)') IS NOT NULL").first?[0] == "t"
                else { continue }
                let mapped = try connection.query(
                    "SELECT \(other.partnerColumn) FROM \(other.accountsTable) WHERE role_name = $1"
                        + (other == kind ? " AND \(other.partnerColumn) <> $2" : " AND $2::text IS NOT NULL"),
                    parameters: [role, partner]
                )
                if let taken = mapped.first?[0] {
                    throw StorageError(
                        "role '\(role)' already reads the \(other.reads) of \(other.rawValue) '\(taken)'; a role reads "
                            + "one partner"
                    )
                }
            }
            let previous = try connection.query(
                "SELECT role_name FROM \(kind.accountsTable) WHERE \(kind.partnerColumn) = $1 AND role_name <> $2",
                parameters: [partner, role]
            ).first?[0]
            try connection.execute("GRANT planner_partner TO \(quotedRole)")
            _ = try connection.query(
                """
                INSERT INTO \(kind.accountsTable) (\(kind.partnerColumn), role_name) VALUES ($1, $2)
                ON CONFLICT (\(kind.partnerColumn)) DO UPDATE SET role_name = EXCLUDED.role_name
                """,
                parameters: [partner, role]
            )
            return PartnerGrant(
                kind: kind,
                partner: partner,
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

    /// Throws `StorageError` for names `grantAccess` refuses before contacting the server.
    public static func validateGrant(_ kind: PartnerKind, partner: String, role: String) throws {
        for (what, name) in [(kind.rawValue, partner), ("role", role)] {
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
                    + "partner roles); give the \(kind.rawValue) a role of its own"
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
