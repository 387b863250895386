// DataGenerator: under construction in this commit series.
