"""Training data and scripts for the shipped models (not part of the wheel)."""
