import Foundation

// The bad-input corpus: every data file, the scenario, the configuration and the command line, at and past the
// boundaries of docs/data-contract.md's limits. A case that exits 0 sits on a boundary the contract allows.
extension BadInput {
    static let id200 = "S" + String(repeating: "x", count: 199)
    static let id201 = "S" + String(repeating: "x", count: 200)
    static let int32Max = "2147483647"
    static let int32MaxPlusOne = "2147483648"

    static let all: [BadInput] =
        skus + regionsAndWarehouses + lanesAndStock + demand + orders + suppliers + events
        + scenarios + scenarioEvents + configurations + commandLines + shards

    static let skus: [BadInput] = [
        data("base data set plans", [], exit: 0),
        data("sku empty", [.line("data/skus.csv", 2, ",Kettle,kitchen,10,25,0.25,50,1,0")], at: "data/skus.csv:2:1:"),
        data(
            "sku of 201 bytes",
            [.append("data/skus.csv", "\(id201),Kettle,kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:4:1:",
            "201 bytes long"
        ),
        data("sku of 200 bytes", [.append("data/skus.csv", "\(id200),Kettle,kitchen,10,25,0.25,50,1,0")], exit: 0),
        data(
            "sku with a NUL byte",
            [.append("data/skus.csv", "S\u{0}9,Kettle,kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:4:1:",
            "U+0000"
        ),
        data(
            "sku with a tab",
            [.append("data/skus.csv", "S\t9,Kettle,kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:4:1:",
            "U+0009"
        ),
        data(
            "sku with a leading space",
            [.append("data/skus.csv", " S9,Kettle,kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:4:1:",
            "leading or trailing spaces"
        ),
        data(
            "duplicate sku",
            [.append("data/skus.csv", "S1,Kettle,kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:4:1:",
            "duplicate sku"
        ),
        data("name empty", [.line("data/skus.csv", 2, "S1,,kitchen,10,25,0.25,50,1,0")], at: "data/skus.csv:2:2:"),
        data(
            "name of 1001 bytes",
            [.line("data/skus.csv", 2, "S1,\(String(repeating: "n", count: 1001)),kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:2:2:",
            "1001 bytes long"
        ),
        data(
            "name of 1000 bytes",
            [.line("data/skus.csv", 2, "S1,\(String(repeating: "n", count: 1000)),kitchen,10,25,0.25,50,1,0")],
            exit: 0
        ),
        data(
            "name with a line break in quotes",
            [.line("data/skus.csv", 2, "S1,\"Kettle\nXL\",kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:2:2:",
            "U+000A"
        ),
        data(
            "name not UTF-8",
            [
                .bytes(
                    "data/skus.csv",
                    Array(
                        "sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq\nS1,K".utf8
                    ) + [0xFF, 0xFE] + Array(",kitchen,10,25,0.25,50,1,0\nS2,Mug,kitchen,2.5,6.99,0.2,20,6,12\n".utf8)
                )
            ],
            at: "data/skus.csv:2:2:",
            "UTF-8"
        ),
        data("category empty", [.line("data/skus.csv", 2, "S1,Kettle,,10,25,0.25,50,1,0")], at: "data/skus.csv:2:3:"),
        data(
            "category of 201 bytes",
            [.line("data/skus.csv", 2, "S1,Kettle,\(id201),10,25,0.25,50,1,0")],
            at: "data/skus.csv:2:3:"
        ),
        data(
            "unit_cost text",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,ten,25,0.25,50,1,0")],
            at: "data/skus.csv:2:4:"
        ),
        data(
            "unit_cost negative",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,-1,25,0.25,50,1,0")],
            at: "data/skus.csv:2:4:"
        ),
        data(
            "unit_cost above 1e9",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,1000000001,25,0.25,50,1,0")],
            at: "data/skus.csv:2:4:"
        ),
        data(
            "unit_cost at 1e9",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,1000000000,25,0.25,50,1,0")],
            exit: 0
        ),
        data(
            "unit_cost 1e-300 (EOQ beyond 64 bits)",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,1e-300,25,0.25,50,1,0")],
            at: "data/skus.csv:2:4:",
            "economic order quantity"
        ),
        data(
            "unit_cost 1e-9 with order_cost 1e9 (a lot of 2.7e10)",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,0.000000001,25,0.25,1000000000,1,0")],
            at: "data/skus.csv:2:4:",
            "economic order quantity"
        ),
        data(
            "order cost over holding cost at 1e12 unit-years",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,0.0004,25,0.25,100,1,0")],
            exit: 0
        ),
        data(
            "unit_cost 0 (no EOQ, the MOQ is the lot)",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,0,25,0.25,50,1,0")],
            exit: 0
        ),
        data(
            "unit_price text",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,x,0.25,50,1,0")],
            at: "data/skus.csv:2:5:"
        ),
        data(
            "holding_cost_rate 1e-30",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,1e-30,50,1,0")],
            at: "data/skus.csv:2:4:",
            "economic order quantity"
        ),
        data(
            "holding_cost_rate nan",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,nan,50,1,0")],
            at: "data/skus.csv:2:6:"
        ),
        data(
            "holding_cost_rate inf",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,inf,50,1,0")],
            at: "data/skus.csv:2:6:"
        ),
        data(
            "order_cost 2e9",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,2e9,1,0")],
            at: "data/skus.csv:2:7:"
        ),
        data(
            "pack_size 0",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,0,0")],
            at: "data/skus.csv:2:8:"
        ),
        data(
            "pack_size above 2^31 - 1",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,\(int32MaxPlusOne),0")],
            at: "data/skus.csv:2:8:"
        ),
        data(
            "pack_size at 2^31 - 1",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,\(int32Max),0")],
            exit: 0
        ),
        data(
            "moq negative",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,1,-1")],
            at: "data/skus.csv:2:9:"
        ),
        data("moq at 2^31 - 1", [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,1,\(int32Max)")], exit: 0),
        data(
            "moq of 19 digits",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,1,9223372036854775807")],
            at: "data/skus.csv:2:9:"
        ),
        data(
            "a field too many",
            [.line("data/skus.csv", 2, "S1,Kettle,kitchen,10,25,0.25,50,1,0,9")],
            at: "data/skus.csv:2:"
        ),
        data(
            "header missing a column",
            [
                .line(
                    "data/skus.csv",
                    1,
                    "sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size"
                )
            ],
            at: "data/skus.csv:1:"
        ),
        data(
            "header with an unknown column",
            [
                .line(
                    "data/skus.csv",
                    1,
                    "sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq,x"
                )
            ],
            at: "data/skus.csv:1:10:"
        ),
        data("skus.csv empty", [.file("data/skus.csv", "")], at: "data/skus.csv:1:"),
        data(
            "quote never closed",
            [.line("data/skus.csv", 3, "S2,\"Mug, blue,kitchen,2.5,6.99,0.2,20,6,12")],
            at: "data/skus.csv:3:",
            "never closed"
        ),
        data(
            "quote closed by the next line's quote",
            [.line("data/skus.csv", 2, "S1,\"Kettle,kitchen,10,25,0.25,50,1,0")],
            at: "data/skus.csv:3:2:",
            "unexpected text after a closing quote"
        ),
        data(
            "Windows line ends and a byte order mark",
            [
                .file(
                    "data/skus.csv",
                    "\u{FEFF}sku,name,category,unit_cost,unit_price,holding_cost_rate,order_cost,pack_size,moq\r\nS1,Kettle,kitchen,10,25,0.25,50,1,0\r\nS2,\"Mug, blue\",kitchen,2.5,6.99,0.2,20,6,12\r\n"
                )
            ],
            exit: 0
        ),
    ]

    static let regionsAndWarehouses: [BadInput] = [
        data("region empty", [.append("data/regions.csv", ",East")], at: "data/regions.csv:4:1:"),
        data("region of 201 bytes", [.append("data/regions.csv", "\(id201),East")], at: "data/regions.csv:4:1:"),
        data("region of 200 bytes", [.append("data/regions.csv", "\(id200),East")], exit: 0),
        data("region with a NUL byte", [.append("data/regions.csv", "R\u{0}3,East")], at: "data/regions.csv:4:1:"),
        data("duplicate region", [.append("data/regions.csv", "R1,Again")], at: "data/regions.csv:4:1:"),
        data("region name with DEL", [.append("data/regions.csv", "R3,Ea\u{7F}st")], at: "data/regions.csv:4:2:"),
        data(
            "warehouse kind unknown",
            [.line("data/warehouses.csv", 2, "W1,Leeds,hub,100")],
            at: "data/warehouses.csv:2:3:"
        ),
        data(
            "warehouse capacity negative",
            [.line("data/warehouses.csv", 2, "W1,Leeds,regional,-5")],
            at: "data/warehouses.csv:2:4:"
        ),
        data(
            "warehouse capacity text",
            [.line("data/warehouses.csv", 2, "W1,Leeds,regional,lots")],
            at: "data/warehouses.csv:2:4:"
        ),
        data(
            "warehouse capacity above 2^31 - 1",
            [.line("data/warehouses.csv", 2, "W1,Leeds,regional,\(int32MaxPlusOne)")],
            at: "data/warehouses.csv:2:4:"
        ),
        data(
            "warehouse capacity at 2^31 - 1",
            [.line("data/warehouses.csv", 2, "W1,Leeds,regional,\(int32Max)")],
            exit: 0
        ),
        data("warehouse capacity 0", [.line("data/warehouses.csv", 2, "W1,Leeds,regional,0")], exit: 0),
        data(
            "duplicate warehouse",
            [.append("data/warehouses.csv", "W1,Again,regional,10")],
            at: "data/warehouses.csv:4:1:"
        ),
        data(
            "warehouse of 201 bytes",
            [.append("data/warehouses.csv", "\(id201),Far,regional,10")],
            at: "data/warehouses.csv:4:1:"
        ),
        data("regions.csv missing", [.file("data/regions.csv", "")], at: "data/regions.csv:1:"),
    ]

    static let lanesAndStock: [BadInput] = [
        data("lane to an unknown warehouse", [.append("data/lanes.csv", "W9,R2,1,2,DPD")], at: "data/lanes.csv:5:1:"),
        data("lane to an unknown region", [.append("data/lanes.csv", "W1,R9,1,2,DPD")], at: "data/lanes.csv:5:2:"),
        data("transit_days negative", [.line("data/lanes.csv", 2, "W1,R1,-1,1.5,DPD")], at: "data/lanes.csv:2:3:"),
        data(
            "transit_days above 2^31 - 1",
            [.line("data/lanes.csv", 2, "W1,R1,\(int32MaxPlusOne),1.5,DPD")],
            at: "data/lanes.csv:2:3:"
        ),
        data("cost_per_unit text", [.line("data/lanes.csv", 2, "W1,R1,1,cheap,DPD")], at: "data/lanes.csv:2:4:"),
        data("cost_per_unit above 1e9", [.line("data/lanes.csv", 2, "W1,R1,1,2e9,DPD")], at: "data/lanes.csv:2:4:"),
        data("carrier empty", [.line("data/lanes.csv", 2, "W1,R1,1,1.5,")], at: "data/lanes.csv:2:5:"),
        data(
            "carrier of 3000 bytes",
            [.line("data/lanes.csv", 2, "W1,R1,1,1.5,\(String(repeating: "C", count: 3000))")],
            at: "data/lanes.csv:2:5:",
            "3000 bytes long"
        ),
        data(
            "carrier of 200 bytes",
            [.line("data/lanes.csv", 2, "W1,R1,1,1.5,\(String(repeating: "C", count: 200))")],
            exit: 0
        ),
        data(
            "carrier with a line break",
            [.line("data/lanes.csv", 2, "W1,R1,1,1.5,\"D\nPD\"")],
            at: "data/lanes.csv:2:5:",
            "U+000A"
        ),
        data(
            "second lane for a warehouse and region",
            [.append("data/lanes.csv", "W1,R1,2,1,UPS")],
            at: "data/lanes.csv:5:2:"
        ),
        data("stock of an unknown sku", [.append("data/stock.csv", "W1,S9,1,0")], at: "data/stock.csv:4:2:"),
        data("stock at an unknown warehouse", [.append("data/stock.csv", "W9,S1,1,0")], at: "data/stock.csv:4:1:"),
        data("on_hand negative", [.line("data/stock.csv", 2, "W1,S1,-1,10")], at: "data/stock.csv:2:3:"),
        data(
            "on_hand above 2^31 - 1",
            [.line("data/stock.csv", 2, "W1,S1,\(int32MaxPlusOne),10")],
            at: "data/stock.csv:2:3:"
        ),
        data("on_hand at 2^31 - 1", [.line("data/stock.csv", 2, "W1,S1,\(int32Max),10")], exit: 0),
        data(
            "on_hand and on_order at 2^31 - 1 at two warehouses",
            [
                .line("data/stock.csv", 2, "W1,S1,\(int32Max),\(int32Max)"),
                .append("data/stock.csv", "C1,S1,\(int32Max),\(int32Max)"),
            ],
            exit: 0
        ),
        data("on_order text", [.line("data/stock.csv", 2, "W1,S1,40,some")], at: "data/stock.csv:2:4:"),
        data("duplicate stock row", [.append("data/stock.csv", "W1,S1,1,0")], at: "data/stock.csv:4:2:"),
    ]

    static let demand: [BadInput] = [
        data(
            "demand date that does not exist",
            [.line("data/demand.csv", 2, "2026-02-30,S1,R1,3")],
            at: "data/demand.csv:2:1:"
        ),
        data(
            "demand date before 1900",
            [.line("data/demand.csv", 2, "1899-12-31,S1,R1,3")],
            at: "data/demand.csv:2:1:",
            "outside the dates"
        ),
        data("demand date in year 0", [.line("data/demand.csv", 2, "0000-06-01,S1,R1,3")], at: "data/demand.csv:2:1:"),
        data("demand date after 2999", [.line("data/demand.csv", 2, "3000-01-01,S1,R1,3")], at: "data/demand.csv:2:1:"),
        data("demand date on 1900-01-01", [.line("data/demand.csv", 2, "1900-01-01,S1,R1,3")], exit: 0),
        data(
            "demand of an unknown sku",
            [.line("data/demand.csv", 2, "2026-11-01,S9,R1,3")],
            at: "data/demand.csv:2:2:"
        ),
        data(
            "demand in an unknown region",
            [.line("data/demand.csv", 2, "2026-11-01,S1,R9,3")],
            at: "data/demand.csv:2:3:"
        ),
        data("demand qty negative", [.line("data/demand.csv", 2, "2026-11-01,S1,R1,-3")], at: "data/demand.csv:2:4:"),
        data("demand qty decimal", [.line("data/demand.csv", 2, "2026-11-01,S1,R1,1.5")], at: "data/demand.csv:2:4:"),
        data(
            "demand qty above 2^31 - 1",
            [.line("data/demand.csv", 2, "2026-11-01,S1,R1,\(int32MaxPlusOne)")],
            at: "data/demand.csv:2:4:"
        ),
        data(
            "a SKU selling 2^31 - 1 a day in every region",
            [
                .file(
                    "data/demand.csv",
                    "date,sku,region,qty\n"
                        + (1...28).flatMap { day in
                            ["R1", "R2"].map { "2026-10-\(String(format: "%02d", day)),S1,\($0),\(int32Max)" }
                        }.joined(separator: "\n") + "\n"
                )
            ],
            exit: 0
        ),
        data(
            "duplicate demand row",
            [.append("data/demand.csv", "2026-11-01,S1,R1,9")],
            at: "data/demand.csv:6:1:",
            "first on line 2"
        ),
        data(
            "demand row with a field too many",
            [.line("data/demand.csv", 3, "2026-11-01,S2,R2,1,1")],
            at: "data/demand.csv:3:"
        ),
        data(
            "demand quote never closed",
            [.line("data/demand.csv", 3, "\"2026-11-01,S2,R2,1")],
            at: "data/demand.csv:3:",
            "never closed"
        ),
        data("demand header only", [.file("data/demand.csv", "date,sku,region,qty\n")], exit: 0),
        data(
            "demand header misspelled",
            [.line("data/demand.csv", 1, "date,sku,region,quantity")],
            at: "data/demand.csv:1:4:"
        ),
        data(
            "demand columns reordered and quoted",
            [.file("data/demand.csv", "qty,\"date\",sku,region\n3,2026-11-01,S1,R1\n\"1\",2026-11-01,\"S2\",R2\n")],
            exit: 0
        ),
    ]

    static let orders: [BadInput] = [
        data("order_id empty", [.line("data/orders.csv", 2, ",2026-11-02,S1,R1,2,1,")], at: "data/orders.csv:2:1:"),
        data(
            "order_id of 3000 bytes",
            [.line("data/orders.csv", 2, "\(String(repeating: "O", count: 3000)),2026-11-02,S1,R1,2,1,")],
            at: "data/orders.csv:2:1:",
            "3000 bytes long"
        ),
        data(
            "order_id of 10 MB",
            [.line("data/orders.csv", 2, "\(String(repeating: "O", count: 10_000_000)),2026-11-02,S1,R1,2,1,")],
            at: "data/orders.csv:2:",
            "longer than 1048576 bytes"
        ),
        data(
            "order_id of 200 bytes",
            [.line("data/orders.csv", 2, "\(String(repeating: "O", count: 200)),2026-11-02,S1,R1,2,1,")],
            exit: 0
        ),
        data(
            "order_id with a NUL byte",
            [.line("data/orders.csv", 2, "O\u{0}1,2026-11-02,S1,R1,2,1,")],
            at: "data/orders.csv:2:1:",
            "U+0000"
        ),
        data(
            "order_id with a C1 control character",
            [.line("data/orders.csv", 2, "O\u{85}1,2026-11-02,S1,R1,2,1,")],
            at: "data/orders.csv:2:1:",
            "U+0085"
        ),
        data("order_date text", [.line("data/orders.csv", 2, "O1,yesterday,S1,R1,2,1,")], at: "data/orders.csv:2:2:"),
        data(
            "order_date in year 0",
            [.line("data/orders.csv", 2, "O1,0000-11-15,S1,R1,2,1,")],
            at: "data/orders.csv:2:2:"
        ),
        data(
            "order of an unknown sku",
            [.line("data/orders.csv", 2, "O1,2026-11-02,S9,R1,2,1,")],
            at: "data/orders.csv:2:3:"
        ),
        data(
            "order to an unknown region",
            [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R9,2,1,")],
            at: "data/orders.csv:2:4:"
        ),
        data("order qty 0", [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,0,1,")], at: "data/orders.csv:2:5:"),
        data(
            "order qty above 2^31 - 1",
            [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,\(int32MaxPlusOne),1,")],
            at: "data/orders.csv:2:5:"
        ),
        data(
            "two order lines of 2^31 - 1 units on one lane",
            [
                .line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,\(int32Max),1,"),
                .append("data/orders.csv", "O2,2026-11-02,S1,R1,\(int32Max),2,"),
                .line("data/stock.csv", 2, "W1,S1,\(int32Max),0"),
                .append("data/stock.csv", "C1,S1,\(int32Max),0"),
                .line("data/warehouses.csv", 2, "W1,Leeds,regional,"),
            ],
            exit: 0
        ),
        data("priority 4", [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,2,4,")], at: "data/orders.csv:2:6:"),
        data("priority 0", [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,2,0,")], at: "data/orders.csv:2:6:"),
        data("priority text", [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,2,high,")], at: "data/orders.csv:2:6:"),
        data(
            "promise_date before order_date",
            [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,2,1,2026-11-01")],
            at: "data/orders.csv:2:7:"
        ),
        data(
            "promise_date after 2999",
            [.line("data/orders.csv", 2, "O1,2026-11-02,S1,R1,2,1,3000-01-01")],
            at: "data/orders.csv:2:7:"
        ),
        data(
            "second line of an order for one sku",
            [.append("data/orders.csv", "O1,2026-11-02,S1,R2,1,,")],
            at: "data/orders.csv:4:3:"
        ),
        data(
            "orders without promise_date",
            [.file("data/orders.csv", "order_id,order_date,sku,region,qty,priority\nO1,2026-11-02,S1,R1,2,1\n")],
            exit: 0
        ),
    ]

    static let suppliers: [BadInput] = [
        data(
            "offer of an unknown sku",
            [.append("data/suppliers.csv", "SUP1,S9,primary,2,7,1,10,,0,")],
            at: "data/suppliers.csv:5:2:"
        ),
        data(
            "role unknown",
            [.line("data/suppliers.csv", 2, "SUP1,S1,main,1,7,1.5,10,500,10,false")],
            at: "data/suppliers.csv:2:3:"
        ),
        data(
            "rank 0",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,0,7,1.5,10,500,10,false")],
            at: "data/suppliers.csv:2:4:"
        ),
        data(
            "two primaries of rank 1",
            [.append("data/suppliers.csv", "SUP3,S1,primary,1,7,1.5,10,500,10,false")],
            at: "data/suppliers.csv:5:4:"
        ),
        data(
            "lead time above 3650 days",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,3651,1.5,10,500,10,false")],
            at: "data/suppliers.csv:2:5:"
        ),
        data(
            "lead time of 3650 days",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,3650,1.5,10,500,10,false")],
            exit: 0
        ),
        data(
            "lead time deviation negative",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,7,-1,10,500,10,false")],
            at: "data/suppliers.csv:2:6:"
        ),
        data(
            "supplier unit_cost text",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,7,1.5,ten,500,10,false")],
            at: "data/suppliers.csv:2:7:"
        ),
        data(
            "weekly capacity negative",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,7,1.5,10,-500,10,false")],
            at: "data/suppliers.csv:2:8:"
        ),
        data(
            "weekly capacity at 2^31 - 1",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,7,1.5,10,\(int32Max),10,false")],
            exit: 0
        ),
        data(
            "supplier moq text",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,7,1.5,10,500,ten,false")],
            at: "data/suppliers.csv:2:9:"
        ),
        data(
            "drop_ship yes",
            [.line("data/suppliers.csv", 2, "SUP1,S1,primary,1,7,1.5,10,500,10,yes")],
            at: "data/suppliers.csv:2:10:"
        ),
        data(
            "supplier empty",
            [.line("data/suppliers.csv", 2, ",S1,primary,1,7,1.5,10,500,10,false")],
            at: "data/suppliers.csv:2:1:"
        ),
        data(
            "supplier of 201 bytes",
            [.line("data/suppliers.csv", 2, "\(id201),S1,primary,1,7,1.5,10,500,10,false")],
            at: "data/suppliers.csv:2:1:"
        ),
        data(
            "a supplier's second row for a sku",
            [.append("data/suppliers.csv", "SUP1,S1,backup,2,7,1.5,10,500,10,false")],
            at: "data/suppliers.csv:5:2:"
        ),
    ]

    static let events: [BadInput] = [
        data(
            "event date that does not exist",
            [.line("data/events.csv", 2, "2026-02-30,promo,S1,,R1")],
            at: "data/events.csv:2:1:"
        ),
        data(
            "event date after 2999",
            [.line("data/events.csv", 2, "3001-01-01,promo,S1,,R1")],
            at: "data/events.csv:2:1:"
        ),
        data(
            "event name of 65 characters",
            [.line("data/events.csv", 2, "2026-10-30,\(String(repeating: "p", count: 65)),S1,,R1")],
            at: "data/events.csv:2:2:"
        ),
        data(
            "event name with a tab",
            [.line("data/events.csv", 2, "2026-10-30,pro\tmo,S1,,R1")],
            at: "data/events.csv:2:2:"
        ),
        data(
            "event of an unknown sku",
            [.line("data/events.csv", 2, "2026-10-30,promo,S9,,R1")],
            at: "data/events.csv:2:3:"
        ),
        data(
            "event of an unknown category",
            [.line("data/events.csv", 2, "2026-10-30,promo,,toys,")],
            at: "data/events.csv:2:4:"
        ),
        data(
            "event in an unknown region",
            [.line("data/events.csv", 2, "2026-10-30,promo,S1,,R9")],
            at: "data/events.csv:2:5:"
        ),
        data(
            "event list with an empty item",
            [.line("data/events.csv", 2, "2026-10-30,promo,S1;;S2,,R1")],
            at: "data/events.csv:2:3:"
        ),
        data("duplicate event", [.append("data/events.csv", "2026-10-30,promo,,,")], at: "data/events.csv:4:2:"),
    ]
}
