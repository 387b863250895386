import Foundation
import PlannerCore
import PostgresClient
import Storage
import TestSupport
import Testing

/// Drop-ship suppliers read their own `supplier_dispatch` rows, with the carriers' row level security pattern.
/// Roles are cluster-wide and the test cluster is shared, so every role name here is unique.
@Suite("Supplier roles and row level security on drop-ship orders against a real server")
struct SupplierAccessTests {
    private static let rows: [[String?]] = [
        ["SUP1", "O-1", "SKU-1", "R-N", "2", "2025-03-03", "2025-03-04", "2025-03-04", nil, "1.5"],
        ["SUP2", "O-2", "SKU-2", "R-S", "5", "2025-03-03", "2025-03-06", nil, nil, "2.25"],
        ["SUP1", "O-3", "SKU-1", "R-S", "1", "2025-03-03", "2025-03-04", nil, nil, "1.5"],
    ]

    @Test func aSupplierRoleSeesOnlyItsOwnOrdersAndACarrierNone() throws {
        let url = try TestCluster.freshDatabase("db_supplier_rls")
        let database = try PlannerDatabase(url: url)
        try database.migrate()
        let supplierRole = "m12_rls_supplier_one"
        let carrierRole = "m12_rls_carrier"
        #expect(
            try database.grantSupplierAccess(supplier: "SUP1", role: supplierRole)
                == PartnerGrant(
                    kind: .supplier,
                    partner: "SUP1",
                    role: supplierRole,
                    createdRole: true,
                    canLogin: false,
                    previousRole: nil
                )
        )
        try database.grantCarrierAccess(carrier: "FastFreight", role: carrierRole)
        try database.writeRun(
            SampleRun.record(),
            tables: SampleRun.tables.filter { $0.name != "supplier_dispatch" }
                + [SampleRun.table("supplier_dispatch", Self.rows)]
        )
        let session = try PostgresConnection(url: url)
        let select = "SELECT supplier, order_id, qty::text FROM planner.supplier_dispatch ORDER BY order_id"
        let latest = "SELECT order_id FROM planner.latest_supplier_dispatch ORDER BY order_id"
        #expect(try session.query(select).count == 3)

        try session.execute("SET ROLE \(supplierRole)")
        #expect(try session.query(select) == [["SUP1", "O-1", "2"], ["SUP1", "O-3", "1"]])
        #expect(try session.query(latest) == [["O-1"], ["O-3"]])
        #expect(try session.query("SELECT supplier FROM planner.supplier_accounts") == [["SUP1"]])
        // The carriers' tables show it nothing; the rest of the schema is closed.
        #expect(try session.query("SELECT count(*) FROM planner.dispatch_plans") == [["0"]])
        #expect(try session.query("SELECT count(*) FROM planner.carrier_accounts") == [["0"]])
        for table in ["allocations", "allocation_explanations", "supplier_plans", "runs"] {
            let error = #expect(throws: PostgresError.self, "\(table)") {
                try session.query("SELECT count(*) FROM planner.\(table)")
            }
            #expect(error?.sqlState == "42501", "\(table)")
        }
        // A carrier sees no supplier's orders.
        try session.execute("RESET ROLE; SET ROLE \(carrierRole)")
        #expect(try session.query(select) == [])
        try session.execute("RESET ROLE")

        // One partner per role, across kinds; an unmapped role is refused before anything changes.
        let taken = #expect(throws: StorageError.self) {
            try database.grantSupplierAccess(supplier: "SUP2", role: carrierRole)
        }
        #expect(taken?.message.contains("already reads the dispatch plans of carrier 'FastFreight'") == true)
        #expect(throws: StorageError.self) { try database.grantSupplierAccess(supplier: " SUP2", role: "m12_x") }
        #expect(try database.partnerRolesMissingFromCluster() == [])
    }
}
