import PlannerCore

extension ReturnModel {
    /// What a set of SKUs (a shard's, or all) holds of its own returns: units returned, graded counts, and the fits
    /// of the SKUs with enough returns for a lag of their own. Arrays are by member (position in `members`).
    struct MemberReturns {
        let dataSet: DataSet
        let planDay: Int
        let members: [Int]
        /// Member position by SKU index, -1 for a SKU that is not a member.
        let position: [Int32]
        /// Category index (of the totals' categories) by SKU index.
        let categoryBySKU: [Int]
        /// Units returned in the rate window (the last ``ReturnModel/windowDays`` days).
        var returnedBySKU: [Int]
        /// Graded units returned before the plan date, by grade.
        var graded: [SIMD4<Double>]
        /// Slot in `ownFits` by member, -1 for a member pooled with its category.
        var ownSlot: [Int32]
        var ownFits: [(rate: Double, lag: ReturnLag)?]

        init(dataSet: DataSet, planDate: Day, totals: PoolingTotals, members: [Int]) {
            self.dataSet = dataSet
            self.members = members
            let planDay = planDate.daysSinceEpoch
            self.planDay = planDay
            let window = ReturnModel.lagWindowDays
            let span = ReturnModel.span
            let categoryIndex = Dictionary(uniqueKeysWithValues: totals.categories.enumerated().map { ($1, $0) })
            categoryBySKU = dataSet.skus.map { categoryIndex[$0.category]! }
            var position = [Int32](repeating: -1, count: dataSet.skus.count)
            for (index, sku) in members.enumerated() { position[sku] = Int32(index) }
            self.position = position

            var returnedBySKU = [Int](repeating: 0, count: members.count)
            var lagWindowReturnedBySKU = [Int](repeating: 0, count: members.count)
            var graded = [SIMD4<Double>](repeating: .zero, count: members.count)
            for record in dataSet.returns where record.day.daysSinceEpoch < planDay {
                let member = Int(position[record.skuIndex])
                precondition(member >= 0, "a returns row of a SKU that is not a member")
                if let grade = record.grade {
                    graded[member][ReturnGrade.allCases.firstIndex(of: grade)!] += Double(record.quantity)
                }
                let column = record.day.daysSinceEpoch - (planDay - window)
                guard column >= 0 else { continue }
                if column >= window - ReturnModel.windowDays { returnedBySKU[member] += record.quantity }
                lagWindowReturnedBySKU[member] += record.quantity
            }
            self.returnedBySKU = returnedBySKU
            self.graded = graded
            let ownMembers = members.indices.filter { lagWindowReturnedBySKU[$0] >= ReturnModel.ownLagMinimumUnits }
            var ownSlot = [Int32](repeating: -1, count: members.count)
            for (slot, member) in ownMembers.enumerated() { ownSlot[member] = Int32(slot) }
            self.ownSlot = ownSlot
            guard !ownMembers.isEmpty else {
                ownFits = []
                return
            }
            var ownReturns = [Double](repeating: 0, count: ownMembers.count * window)
            for record in dataSet.returns {
                let slot = Int(ownSlot[Int(position[record.skuIndex])])
                guard slot >= 0 else { continue }
                let column = record.day.daysSinceEpoch - (planDay - window)
                guard column >= 0, column < window else { continue }
                ownReturns[slot * window + column] += Double(record.quantity)
            }
            // Daily sales over the window and its warm-up of the members with their own lag.
            let firstDay = planDay - span
            var ownSales = [Double](repeating: 0, count: ownMembers.count * span)
            let demand = dataSet.demand
            for row in 0..<demand.count {
                let column = Int(demand.days[row]) - firstDay
                guard column >= 0, column < span else { continue }
                let slot = Int(ownSlot[Int(position[Int(demand.skuIndices[row])])])
                if slot >= 0 { ownSales[slot * span + column] += Double(demand.quantities[row]) }
            }
            ownFits = ownMembers.indices.map { slot in
                ReturnModel.fit(
                    sales: ownSales[(slot * span)..<((slot + 1) * span)],
                    returns: ownReturns[(slot * window)..<((slot + 1) * window)]
                )
            }
        }

        /// The member's own rate and lag, when it has enough returns for them and they could be fitted.
        func ownFit(_ member: Int) -> (rate: Double, lag: ReturnLag)? {
            let slot = Int(ownSlot[member])
            return slot >= 0 ? ownFits[slot] : nil
        }

        /// Each pooled member's exposure under its category's fit: its sales weighted by the chance that their
        /// return lands in the rate window (0 for members with a lag of their own).
        func exposure(fits: [(rate: Double, lag: ReturnLag)?]) -> [Double] {
            let span = ReturnModel.span
            let weights = fits.map { fit in fit.map { ReturnModel.windowWeights(lag: $0.lag, span: span) } }
            var exposure = [Double](repeating: 0, count: members.count)
            let demand = dataSet.demand
            for row in 0..<demand.count {
                let age = planDay - Int(demand.days[row])
                guard age >= 1, age <= span else { continue }
                let sku = Int(demand.skuIndices[row])
                let member = Int(position[sku])
                precondition(member >= 0, "a demand row of a SKU that is not a member")
                guard ownSlot[member] < 0, let table = weights[categoryBySKU[sku]] else { continue }
                exposure[member] += Double(demand.quantities[row]) * table[age - 1]
            }
            return exposure
        }

        /// A pooled member's rate: its returned units over its exposure, shrunk toward its category's rate r_c with
        /// the weight of ``ReturnModel/priorReturnedUnits`` returned units.
        func pooledRate(_ member: Int, exposure: [Double], categoryRate: Double) -> Double {
            let prior = categoryRate > 0 ? ReturnModel.priorReturnedUnits / categoryRate : 0
            return prior > 0
                ? (Double(returnedBySKU[member]) + prior * categoryRate) / (exposure[member] + prior) : 0
        }
    }
}
