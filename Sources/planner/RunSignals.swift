import Foundation
import PlannerCore
import PlannerInput
import PlannerPipeline
import Storage

/// What `plan` and `allocate` tell a scheduler besides the run itself: the alerts of the configuration checked on
/// the plan, `--metrics-file`, and `--fail-on-alert`'s exit code 79, which comes last, once the run is committed
/// and its files and metrics are written (docs/data-contract.md, "Alerts and metrics").
extension RunFlow {
    /// `--metrics-file` must name a file in a folder that exists and may be written: otherwise exit 73, before
    /// anything is planned or stored, as for `--out`.
    func prepareMetricsFile() throws {
        guard let path = output.metricsFile else { return }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue,
            FileManager.default.isWritableFile(atPath: folder)
        else {
            printError("cannot use --metrics-file '\(path)': \(folder) is not a folder this user may write to")
            throw ExitStatus.cannotCreate
        }
        var pathIsFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &pathIsFolder), pathIsFolder.boolValue {
            printError("cannot use --metrics-file '\(path)': it is a folder")
            throw ExitStatus.cannotCreate
        }
    }

    /// Checks the computed run against `alerts:` (stage `alerts`, when any check is configured), comparing A-class
    /// stock-outs with the published plan run in the database (none without one). Reading that run failing is
    /// exit 70: nothing is committed yet.
    func checkAlerts(_ result: inout PlanResult, settings: AlertSettings, session: RunSession?) throws {
        guard !settings.configuredKinds.isEmpty else { return }
        let planned = result
        result.alerts = try result.stageTimes.measure("alerts") {
            try alertReport(planned, settings: settings, session: session)
        }
    }

    private func alertReport(
        _ result: PlanResult,
        settings: AlertSettings,
        session: RunSession?
    ) throws
        -> AlertReport
    {
        var baseline = ShortfallBaseline.none
        if settings.newAClassShortfall, result.kind == .plan, let session {
            do {
                if let published = try session.database.publishedAClassShortfalls(onOrBefore: result.input.planDate) {
                    baseline = ShortfallBaseline(runID: published.runID, skuWarehousePairs: published.pairs)
                }
            } catch {
                printError("reading the published plan's stock-outs for the alerts failed: \(error)")
                throw ExitStatus.software
            }
        }
        return AlertCheck.evaluate(result, settings: settings, baseline: baseline)
    }

    /// An unchanged run: its stored alerts are printed, and its stored figures go to the metrics file and to
    /// `--fail-on-alert`, so a retried scheduler job signals what the first attempt did.
    func finishUnchanged(_ run: RunSummaryRow, published: Bool, session: RunSession, stageTimes: StageTimes) throws {
        let figures: StoredRunFigures
        do {
            figures = try session.database.storedRunFigures(run.runID)
        } catch {
            printError("reading the figures of run \(run.runID) failed: \(error)")
            throw ExitStatus.software
        }
        var stored = run
        stored.published = published
        let metrics = RunMetrics(unchanged: stored, figures: figures, stageTimes: stageTimes)
        let breached = metrics.alertBreaches.filter { $0.breaches > 0 }
        if !metrics.alertBreaches.isEmpty {
            let text =
                breached.isEmpty
                ? "none breached"
                : "BREACHED " + breached.map { "\($0.kind.rawValue) \($0.breaches)" }.joined(separator: ", ")
                    + " (planner.alerts of run \(run.runID) lists each)"
            print("  alerts        \(text)")
        }
        try finishSignals(metrics)
    }

    /// Writes the metrics file (a failure is exit 73: the run stays stored), then turns breaches into exit 79 when
    /// `--fail-on-alert` asks for it.
    func finishSignals(_ metrics: RunMetrics) throws {
        if let path = output.metricsFile {
            do {
                try PrometheusText.writeAtomically(metrics.prometheusText(completedAt: Date()), to: path)
            } catch {
                let stored = metrics.runID.map { "run \($0) is stored; " } ?? ""
                printError("\(stored)cannot write --metrics-file '\(path)': \(error)")
                throw ExitStatus.cannotCreate
            }
        }
        guard output.failOnAlert, metrics.totalBreaches > 0 else { return }
        let breached = metrics.alertBreaches.filter { $0.breaches > 0 }
            .map { "\($0.kind.rawValue) \($0.breaches)" }.joined(separator: ", ")
        let run = metrics.runID.map { "run \($0) (committed)" } ?? "the run (not stored)"
        printError("alerts breached by \(run): \(breached); exit 79 (--fail-on-alert)")
        throw ExitStatus.alertBreached
    }
}
