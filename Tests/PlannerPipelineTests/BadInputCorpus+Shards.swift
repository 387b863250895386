import Foundation

// The bad-input corpus, continued: the sharded plan's commands and flags (`planner forecast --shard K/N --stage ID`,
// `planner plan --from-stage ID`, `planner partition`). In the base data set S1 is shard 1 of 2 and S2 shard 0
// (the SHA-256 rule of docs/scale-out.md), so a shard reads, and reports, only its own SKUs' rows.
extension BadInput {
    static let forecast = [
        "forecast", "{scenario}", "--config", "{config}", "--database", "{database}", "--stage", "corpus",
    ]

    /// A shard step on the base data with `edits`: refused at `location` or run (exit 0: it stores the step, no run).
    static func shard(
        _ name: String,
        _ edits: [Edit],
        shard: String,
        exit: Int32 = 65,
        at location: String? = nil,
        _ message: String? = nil
    ) -> BadInput {
        BadInput(
            name: name,
            edits: edits,
            arguments: forecast + ["--shard", shard, "--step", "totals"],
            exitCode: exit,
            location: location,
            message: message,
            checksValidate: false
        )
    }

    static let shards: [BadInput] = [
        command("forecast without --shard", ["forecast", "{scenario}", "--stage", "corpus"], "--shard"),
        command("forecast without --stage", ["forecast", "{scenario}", "--shard", "0/2"], "--stage"),
        command("forecast --shard 2/2", forecast + ["--shard", "2/2"], "K counts from 0 to N - 1 = 1"),
        command("forecast --shard 0/0", forecast + ["--shard", "0/0"], "N must be 1 to 1000"),
        command("forecast --shard 0/1001", forecast + ["--shard", "0/1001"], "N must be 1 to 1000"),
        command("forecast --shard half", forecast + ["--shard", "half"], "expected K/N"),
        command("forecast --shard 1.0/2", forecast + ["--shard", "1.0/2"], "expected K/N"),
        command(
            "forecast --stage with a slash",
            ["forecast", "{scenario}", "--shard", "0/2", "--stage", "a/b"],
            "may hold only letters"
        ),
        command(
            "forecast --stage of 41 characters",
            ["forecast", "{scenario}", "--shard", "0/2", "--stage", String(repeating: "s", count: 41)],
            "must have 1 to 40 characters"
        ),
        command(
            "forecast --stage starting with an underscore",
            ["forecast", "{scenario}", "--shard", "0/2", "--stage", "_x"],
            "starting with a letter or digit"
        ),
        command(
            "forecast --step totals --wait 5m",
            forecast + ["--shard", "0/2", "--step", "totals", "--wait", "5m"],
            "--wait"
        ),
        command("forecast --step all", forecast + ["--shard", "0/2", "--step", "all"], "--step"),
        command("plan --from-stage with a space", plan + ["--from-stage", "a b"], "--from-stage"),
        command(
            "partition --shards 0",
            ["partition", "{folder}/data", "--shards", "0", "--out", "{folder}/p"],
            "--shards"
        ),
        command(
            "partition --shards 1001",
            ["partition", "{folder}/data", "--shards", "1001", "--out", "{folder}/p"],
            "--shards"
        ),
        command(
            "partition of a missing folder",
            ["partition", "{folder}/none", "--shards", "2", "--out", "{folder}/p"],
            "not found"
        ),
        command(
            "partition onto the data folder",
            ["partition", "{folder}/data", "--shards", "2", "--out", "{folder}/data/"],
            "another folder"
        ),
        command(
            "plan --from-stage of a stage that does not exist",
            plan + ["--from-stage", "never-made", "--force"],
            exit: 65,
            "stage 'never-made' does not exist"
        ),
        shard(
            "shard 0 of 2 reads its bad demand row",
            [.line("data/demand.csv", 3, "2026-11-01,S2,R2,-1")],
            shard: "0/2",
            at: "data/demand.csv:3:4:"
        ),
        shard(
            "shard 1 of 2 skips shard 0's bad demand row",
            [.line("data/demand.csv", 3, "2026-11-01,S2,R2,-1")],
            shard: "1/2",
            exit: 0
        ),
        shard(
            "shard 0 of 2 owns an unknown sku",
            [.line("data/demand.csv", 3, "2026-11-01,S9,R2,1")],
            shard: "0/2",
            at: "data/demand.csv:3:2:",
            "unknown sku 'S9'"
        ),
        shard(
            "shard 1 of 2 reads its bad returns row",
            [.file("data/returns.csv", "date,sku,region,qty,grade\n2026-11-02,S1,R1,0,resellable\n")],
            shard: "1/2",
            at: "data/returns.csv:2:4:"
        ),
        shard(
            "every shard reads skus.csv",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,0,0")],
            shard: "0/2",
            at: "data/skus.csv:2:8:"
        ),
        shard(
            "a shard of a scenario with an uplift of an unknown region",
            scenario(
                base.scenario(
                    "events:\n  - {kind: demand_uplift, from: 2026-11-05, to: 2026-11-07, factor: 2, regions: [R9]}\n"
                )
            ),
            shard: "1/2",
            at: "s.yaml:6:",
            "unknown region 'R9'"
        ),
        shard(
            "a shard leaves orders.csv to the merge",
            [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,0,1,")],
            shard: "1/2",
            exit: 0
        ),
    ]
}
