import Foundation
import PlannerCore

/// Product categories with a typical price (median unit price), name parts, and a typical unit's weight and density.
struct CategoryProfile: Sendable {
    var name: String
    var weight: Double
    var medianPrice: Double
    var nouns: [String]
    /// Typical weight of one unit as shipped (the median of ``UnitDimensions``' draw), in kilograms.
    var unitWeightKg: Double
    /// Range of a unit's weight over its shipped volume, kilograms per litre.
    var densityKgPerLitre: ClosedRange<Double>

    static let all: [CategoryProfile] = [
        CategoryProfile(
            name: "Electronics",
            weight: 1.2,
            medianPrice: 89,
            nouns: ["Headphones", "Speaker", "Charger", "Power Bank", "Monitor", "Webcam", "Router"],
            unitWeightKg: 0.8,
            densityKgPerLitre: 0.25...0.6
        ),
        CategoryProfile(
            name: "Home & Kitchen",
            weight: 1.5,
            medianPrice: 29,
            nouns: ["Pan", "Knife Set", "Kettle", "Storage Box", "Cutting Board", "Toaster", "Mug"],
            unitWeightKg: 1.2,
            densityKgPerLitre: 0.2...0.5
        ),
        CategoryProfile(
            name: "Toys",
            weight: 1.0,
            medianPrice: 24,
            nouns: ["Puzzle", "Building Set", "Plush Bear", "Board Game", "Toy Car", "Doll House"],
            unitWeightKg: 0.6,
            densityKgPerLitre: 0.08...0.25
        ),
        CategoryProfile(
            name: "Sports & Outdoors",
            weight: 1.0,
            medianPrice: 39,
            nouns: ["Yoga Mat", "Water Bottle", "Tent", "Backpack", "Dumbbell", "Bike Light"],
            unitWeightKg: 1.5,
            densityKgPerLitre: 0.1...0.4
        ),
        CategoryProfile(
            name: "Beauty",
            weight: 0.9,
            medianPrice: 14,
            nouns: ["Face Cream", "Shampoo", "Lip Balm", "Hair Dryer", "Perfume", "Nail Polish"],
            unitWeightKg: 0.25,
            densityKgPerLitre: 0.4...0.9
        ),
        CategoryProfile(
            name: "Office Supplies",
            weight: 0.8,
            medianPrice: 9,
            nouns: ["Notebook", "Pen Set", "Stapler", "Folder", "Desk Lamp", "Label Printer"],
            unitWeightKg: 0.4,
            densityKgPerLitre: 0.3...0.7
        ),
        CategoryProfile(
            name: "Garden",
            weight: 0.7,
            medianPrice: 34,
            nouns: ["Hose", "Planter", "Pruning Shears", "Bird Feeder", "Solar Light", "Seed Kit"],
            unitWeightKg: 2.0,
            densityKgPerLitre: 0.15...0.5
        ),
        CategoryProfile(
            name: "Pet Supplies",
            weight: 0.7,
            medianPrice: 19,
            nouns: ["Dog Bed", "Cat Tree", "Leash", "Feeding Bowl", "Pet Shampoo", "Scratching Post"],
            unitWeightKg: 1.8,
            densityKgPerLitre: 0.1...0.4
        ),
        CategoryProfile(
            name: "Fashion",
            weight: 1.3,
            medianPrice: 35,
            nouns: ["T-Shirt", "Scarf", "Sneakers", "Rain Jacket", "Belt", "Cap", "Socks"],
            unitWeightKg: 0.45,
            densityKgPerLitre: 0.15...0.35
        ),
        CategoryProfile(
            name: "Books & Media",
            weight: 0.8,
            medianPrice: 16,
            nouns: ["Cookbook", "Novel", "Travel Guide", "Vinyl Record", "Calendar", "Comic"],
            unitWeightKg: 0.5,
            densityKgPerLitre: 0.5...0.9
        ),
    ]

    static let adjectives = [
        "Classic", "Compact", "Premium", "Eco", "Pro", "Mini", "Deluxe", "Smart", "Travel", "Family", "Basic",
        "Ultra",
    ]
    static let colors = ["black", "white", "grey", "blue", "red", "green", "navy", "beige"]
}

/// Builds the SKU master data: names, categories, prices, costs, pack sizes and MOQs.
///
/// Unit price is log-normal around the category's median (sigma 0.6), unit cost 40-70% of it,
/// holding cost rate 0.15-0.30 a year, order cost 20-150, pack size one of {1, 1, 1, 6, 12, 24},
/// MOQ a multiple of the pack size. Money is rounded to cents and rates to hundredths.
enum CatalogGenerator {
    static func makeSKUs(count: Int, random: inout SeededRandom) -> [SKU] {
        let categories = CategoryProfile.all
        let categoryWeights = CumulativeWeights(categories.map(\.weight))
        let idWidth = max(6, String(count).count)
        return (0..<count).map { index in
            let category = categories[categoryWeights.sample(&random)]
            let name = productName(category: category, number: index + 1, random: &random)
            let price = max(0.99, cents(random.logNormal(median: category.medianPrice, sigma: 0.5)))
            let cost = max(0.5, cents(price * random.uniform(0.40, 0.70)))
            let holdingRate = hundredths(random.uniform(0.15, 0.30))
            let orderCost = cents(random.uniform(20, 150))
            let packSize = [1, 1, 1, 6, 12, 24][random.int(in: 0...5)]
            let moqPacks =
                packSize == 1 ? [1, 5, 10, 20, 50][random.int(in: 0...4)] : [1, 1, 2, 4, 10][random.int(in: 0...4)]
            return SKU(
                id: "SKU-" + zeroPadded(index + 1, width: idWidth),
                name: name,
                category: category.name,
                unitCost: cost,
                unitPrice: price,
                holdingCostRate: holdingRate,
                orderCost: orderCost,
                packSize: packSize,
                moq: packSize * moqPacks
            )
        }
    }

    /// "Compact Kettle 17", now and then "Monitor 27\" black" or "Pan, grey 12" so CSV readers meet
    /// quoted fields.
    private static func productName(category: CategoryProfile, number: Int, random: inout SeededRandom) -> String {
        let noun = category.nouns[random.int(in: 0...(category.nouns.count - 1))]
        let adjective = CategoryProfile.adjectives[random.int(in: 0...(CategoryProfile.adjectives.count - 1))]
        let color = CategoryProfile.colors[random.int(in: 0...(CategoryProfile.colors.count - 1))]
        let style = random.uniform()
        if style < 0.05 { return "\(noun), \(color) \(number)" }
        if style < 0.08 && category.name == "Electronics" { return "\(noun) \(random.int(in: 21...34))\" \(color)" }
        return "\(adjective) \(noun) \(number)"
    }
}

func zeroPadded(_ value: Int, width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}

/// Rounded to cents; `Double(cents) / 100` is the double a CSV reader gets back from the text.
func cents(_ value: Double) -> Double { (value * 100).rounded() / 100 }

func hundredths(_ value: Double) -> Double { (value * 100).rounded() / 100 }

func tenths(_ value: Double) -> Double { (value * 10).rounded() / 10 }
