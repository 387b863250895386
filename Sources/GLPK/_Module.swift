// GLPK: under construction in this commit series.
