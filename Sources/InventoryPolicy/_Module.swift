// InventoryPolicy: under construction in this commit series.
