import PostgresClient
import Testing

/// Connection strings as libpq parses them, printed only masked.
@Suite struct ConnectionSettingsTests {
    @Test func everyFormPrintsMaskedAndTheSameAddress() throws {
        let forms = [
            "postgresql://planner:s3cr%40t@db.example.com:6432/plans?sslmode=require",
            "postgresql://planner@db.example.com:6432/plans?password=s3cr%40t&sslmode=require",
            "host=db.example.com port=6432 user=planner password='s3cr@t' dbname=plans sslmode=require",
        ]
        for form in forms {
            let settings = try ConnectionSettings(form)
            let shown = "\(settings)"
            #expect(shown == "postgresql://planner:***@db.example.com:6432/plans?sslmode=require", "\(form)")
            #expect(String(reflecting: settings) == shown)
            var dumped = ""
            dump(settings, to: &dumped)
            #expect(!dumped.contains("s3cr"), "\(dumped)")
            #expect(settings.value(of: "password") == nil, "a secret is never handed out by name")
            #expect(settings.value(of: "sslmode") == "require")
        }
    }

    @Test func aSocketDirectoryAndSecondSecretsStayInTheQuery() throws {
        let settings = try ConnectionSettings(
            "postgresql:///planner?host=/tmp/run%20dir&port=5432&user=postgres&sslpassword=key-pass"
        )
        #expect("\(settings)" == "postgresql://postgres@/planner?host=%2Ftmp%2Frun%20dir&port=5432&sslpassword=***")
        #expect(settings.redacting("bad key-pass for key-pass") == "bad *** for ***")
    }

    @Test func textLibpqCannotParseIsRefusedWithoutQuotingIt() {
        for text in ["postgresql://u:SECRET@[bad", "host=db password='SECRET", "no_such_option=1 password=SECRET"] {
            let error = #expect(throws: ConnectionSettingsError.self) { try ConnectionSettings(text) }
            #expect(error.map { !"\($0)".contains("SECRET") } == true, "\(text)")
        }
    }

    @Test func settingAnOptionKeepsTheRestAndAddsIt() throws {
        let settings = try ConnectionSettings("postgresql://u:pw@h/db").setting("application_name", to: "planner")
        #expect("\(settings)" == "postgresql://u:***@h/db?application_name=planner")
    }
}
