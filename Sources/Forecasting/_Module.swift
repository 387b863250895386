// Forecasting: under construction in this commit series.
