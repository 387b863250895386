// The CSV reader and every data file's checks, demand.csv through the fast path: the first byte picks the file,
// the second the fast path's chunk size, the rest is the file. Loading must give a data set or located problems,
// and the fast path in chunks of 16-255 bytes must agree with one whole chunk (same rows, same problems).

import Foundation
import FuzzSupport
import PlannerCore
import PlannerInput

let folder = BaseData.makeFolder()
let dataFolder = folder + "/data"
let files = Set(BaseData.dataFiles.map { dataFolder + "/" + $0.name } + [dataFolder])

/// What a load gave, to compare two loads: demand rows, or the problems' text.
func outcome(_ options: DataSetLoader.Options) -> [String] {
    do {
        let data = try DataSetLoader.load(directory: dataFolder, options: options)
        var rows: [String] = []
        for row in 0..<data.demand.count {
            rows.append(
                "\(data.demand.skuIndices[row]) \(data.demand.regionIndices[row]) \(data.demand.days[row]) "
                    + "\(data.demand.quantities[row])"
            )
        }
        return ["ok \(data.skus.count) \(data.orders.count) \(data.suppliers.count) \(data.events.count)"] + rows
    } catch let error as InputError {
        requireLocated(error, files: files)
        return error.issues.map(\.description)
    } catch {
        fatalError("loading threw something other than InputError: \(error)")
    }
}

runFuzzer { input in
    guard input.count >= 2 else { return }
    let file = BaseData.dataFiles[Int(input[0]) % BaseData.dataFiles.count]
    let path = dataFolder + "/" + file.name
    BaseData.write(Array(input[2...]), to: path)
    defer { BaseData.write(file.text, to: path) }
    // One chunk larger than any input (libFuzzer's inputs stay under 4 KiB here), against 1-64-byte chunks.
    let whole = outcome(DataSetLoader.Options(demandChunkSizeBytes: 1 << 16, demandThreadCount: 1))
    if file.name == "demand.csv" {
        let chunkBytes = 16 + Int(input[1]) % 240
        let chunked = outcome(DataSetLoader.Options(demandChunkSizeBytes: chunkBytes, demandThreadCount: 2))
        if chunked != whole {
            fatalError("demand.csv read in \(chunkBytes)-byte chunks differs:\n\(chunked)\nagainst\n\(whole)")
        }
    }
}
