"""Training data and scripts for the links check."""
