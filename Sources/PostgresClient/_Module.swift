// PostgresClient: under construction in this commit series.
