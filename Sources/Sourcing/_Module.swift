// Sourcing: under construction in this commit series.
