// PlannerPipeline: under construction in this commit series.
