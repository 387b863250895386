// Storage: under construction in this commit series.
