// PlannerInput: under construction in this commit series.
