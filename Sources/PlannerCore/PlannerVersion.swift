/// The planner's release. A run records it with a digest of the executable, so two builds of one release are
/// told apart too (`RunFingerprint`).
public enum PlannerVersion {
    public static let release = "0.12.0"
}
