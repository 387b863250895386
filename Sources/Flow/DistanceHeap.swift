/// A binary min-heap of (distance, node) pairs for Dijkstra with lazy deletion: stale entries stay in
/// the heap and are skipped when popped. Ordered by distance, then node index, so that equal
/// distances pop in index order and every run on the same input visits nodes in the same order.
struct DistanceHeap {
    private var distances: [Double] = []
    private var nodes: [Int32] = []

    var isEmpty: Bool { distances.isEmpty }

    mutating func removeAll() {
        distances.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    mutating func push(_ distance: Double, _ node: Int) {
        distances.append(distance)
        nodes.append(Int32(truncatingIfNeeded: node))
        var child = distances.count - 1
        while child > 0 {
            let parent = (child - 1) >> 1
            guard Self.precedes(distance, node, distances[parent], Int(nodes[parent])) else { break }
            distances[child] = distances[parent]
            nodes[child] = nodes[parent]
            child = parent
        }
        distances[child] = distance
        nodes[child] = Int32(truncatingIfNeeded: node)
    }

    /// Removes and returns the smallest pair; the heap must not be empty.
    mutating func pop() -> (distance: Double, node: Int) {
        let top = (distances[0], Int(nodes[0]))
        let lastDistance = distances.removeLast()
        let lastNode = nodes.removeLast()
        let count = distances.count
        guard count > 0 else { return top }
        var parent = 0
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count,
                Self.precedes(distances[child + 1], Int(nodes[child + 1]), distances[child], Int(nodes[child]))
            {
                child += 1
            }
            guard Self.precedes(distances[child], Int(nodes[child]), lastDistance, Int(lastNode)) else { break }
            distances[parent] = distances[child]
            nodes[parent] = nodes[child]
            parent = child
        }
        distances[parent] = lastDistance
        nodes[parent] = lastNode
        return top
    }

    @inline(__always)
    private static func precedes(_ distance: Double, _ node: Int, _ otherDistance: Double, _ otherNode: Int) -> Bool {
        distance < otherDistance || (distance == otherDistance && node < otherNode)
    }
}
