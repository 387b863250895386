import PostgresClient
import TestSupport
import Testing

@Suite("PostgresConnection against a real server")
struct PostgresConnectionTests {
    @Test func quotesIdentifiers() {
        #expect(quoteIdentifier("runs") == "\"runs\"")
        #expect(quoteIdentifier("my \"table\"") == "\"my \"\"table\"\"\"")
        #expect(quoteIdentifier(["planner", "runs"]) == "\"planner\".\"runs\"")
    }

    @Test func queryPassesTextParametersAndNulls() throws {
        let connection = try PostgresConnection(url: try TestCluster.url())
        let rows = try connection.query(
            "SELECT $1::int + $2::int, $3::text IS NULL, $4::text",
            parameters: ["2", "3", nil, "it's"]
        )
        #expect(rows == [["5", "t", "it's"]])
        #expect(try connection.query("SELECT NULL::int, 'x' WHERE false").isEmpty)
    }

    @Test func connectingToANonexistentDatabaseThrows() throws {
        let url = try TestCluster.url().replacingOccurrences(of: "///planner?", with: "///no_such_db?")
        #expect {
            _ = try PostgresConnection(url: url)
        } throws: { error in
            (error as? PostgresError)?.message.contains("no_such_db") == true
        }
    }

    @Test func noticesGoToTheHandlerNotToStderr() throws {
        final class Inbox { var messages: [String] = [] }
        let inbox = Inbox()
        let connection = try PostgresConnection(url: try TestCluster.url()) { inbox.messages.append($0) }
        try connection.execute("DO $$ BEGIN RAISE NOTICE 'hello %', 42; END $$")
        #expect(inbox.messages.count == 1)
        #expect(inbox.messages.first?.contains("hello 42") == true)
    }

    @Test func copyRoundTripsAwkwardText() throws {
        let connection = try PostgresConnection(url: try TestCluster.freshDatabase("client_copy_text"))
        try connection.execute("CREATE TABLE t (id integer PRIMARY KEY, body text)")
        let bodies: [String?] = [
            "tab\there", "line\nbreak", "carriage\rreturn", "back\\slash", "\\N", nil, "", "Grüße 日本 🚚",
            "\\.", "mixed\t\\\n\r end",
        ]
        let stored = try connection.copyIn(table: "t", columns: ["id", "body"]) { emit in
            for (index, body) in bodies.enumerated() {
                try emit([String(index), body])
            }
        }
        #expect(stored == bodies.count)
        let rows = try connection.query("SELECT id, body FROM t ORDER BY id")
        #expect(rows.map { $0[1] } == bodies)
        #expect(rows.map { $0[0] } == bodies.indices.map { String($0) })
    }

    @Test func copySpanningManyChunksKeepsEveryRow() throws {
        let connection = try PostgresConnection(url: try TestCluster.freshDatabase("client_copy_chunks"))
        try connection.execute("CREATE TABLE t (id integer, label text)")
        let rowCount = 30_000  // about 1.2 MB of COPY text: five 256 KB chunks
        let stored = try connection.copyIn(table: "t", columns: ["id", "label"]) { emit in
            for id in 0..<rowCount {
                try emit([String(id), "label-\(id)-padding-padding-padding"])
            }
        }
        #expect(stored == rowCount)
        let summary = try connection.query("SELECT count(*), sum(id), max(label) FILTER (WHERE id = 12345) FROM t")
        #expect(summary == [["30000", String(rowCount * (rowCount - 1) / 2), "label-12345-padding-padding-padding"]])
    }

    @Test func copyOfTextIntoAnIntegerColumnThrowsAndTheConnectionRecovers() throws {
        let connection = try PostgresConnection(url: try TestCluster.freshDatabase("client_copy_bad_int"))
        try connection.execute("CREATE TABLE t (id integer, body text)")
        #expect {
            try connection.copyIn(table: "t", columns: ["id", "body"]) { emit in
                try emit(["1", "fine"])
                try emit(["two", "not a number"])
            }
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22P02"  // invalid_text_representation
        }
        #expect(try connection.query("SELECT count(*) FROM t") == [["0"]])
    }

    @Test func copyWithTheWrongNumberOfFieldsThrowsAndTheConnectionRecovers() throws {
        let connection = try PostgresConnection(url: try TestCluster.freshDatabase("client_copy_bad_width"))
        try connection.execute("CREATE TABLE t (id integer, body text)")
        #expect {
            try connection.copyIn(table: "t", columns: ["id", "body"]) { emit in
                try emit(["1"])
            }
        } throws: { error in
            (error as? PostgresError)?.sqlState == "22P04"  // bad_copy_file_format
        }
        #expect(try connection.query("SELECT 40 + 2") == [["42"]])
    }

    @Test func anErrorThrownByTheRowsClosureAbortsTheCopyAndIsRethrown() throws {
        struct Boom: Error {}
        let connection = try PostgresConnection(url: try TestCluster.freshDatabase("client_copy_abort"))
        try connection.execute("CREATE TABLE t (id integer)")
        #expect(throws: Boom.self) {
            try connection.copyIn(table: "t", columns: ["id"]) { emit in
                for id in 0..<1000 { try emit([String(id)]) }
                throw Boom()
            }
        }
        #expect(try connection.query("SELECT count(*) FROM t") == [["0"]])
        #expect(try connection.copyIn(table: "t", columns: ["id"]) { try $0(["7"]) } == 1)
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        struct Boom: Error {}
        let connection = try PostgresConnection(url: try TestCluster.freshDatabase("client_transaction"))
        try connection.execute("CREATE TABLE t (id integer)")
        #expect(throws: Boom.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        try connection.transaction { try connection.execute("INSERT INTO t VALUES (2)") }
        #expect(try connection.query("SELECT id FROM t") == [["2"]])
    }
}
