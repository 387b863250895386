// Allocation: under construction in this commit series.
