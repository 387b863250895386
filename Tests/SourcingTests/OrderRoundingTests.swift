import Sourcing
import Testing

@Suite struct OrderRoundingTests {
    @Test func roundsUpToMOQThenToPackMultiples() {
        #expect(OrderRounding.quantity(wanted: 55, moq: 1, packSize: 1, remainingCapacity: nil) == 55)
        #expect(OrderRounding.quantity(wanted: 55, moq: 100, packSize: 1, remainingCapacity: nil) == 100)
        #expect(OrderRounding.quantity(wanted: 55, moq: 1, packSize: 12, remainingCapacity: nil) == 60)
        // MOQ 100 then packs of 12: 108 = 9 packs.
        #expect(OrderRounding.quantity(wanted: 55, moq: 100, packSize: 12, remainingCapacity: nil) == 108)
        #expect(OrderRounding.quantity(wanted: 0, moq: 1, packSize: 1, remainingCapacity: nil) == nil)
    }

    @Test func neverExceedsFiniteCapacity() {
        // 60 would exceed 58: the largest pack multiple within capacity, 48, still meets MOQ 1.
        #expect(OrderRounding.quantity(wanted: 55, moq: 1, packSize: 12, remainingCapacity: 58) == 48)
        // MOQ 100 cannot fit in 96 (8 packs): nothing can be ordered.
        #expect(OrderRounding.quantity(wanted: 55, moq: 100, packSize: 12, remainingCapacity: 100) == nil)
        #expect(OrderRounding.quantity(wanted: 30, moq: 1, packSize: 1, remainingCapacity: 30) == 30)
        #expect(OrderRounding.quantity(wanted: 5, moq: 1, packSize: 12, remainingCapacity: 11) == nil)
        #expect(OrderRounding.quantity(wanted: 5, moq: 1, packSize: 1, remainingCapacity: -3) == nil)
    }
}
