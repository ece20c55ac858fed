"""Training data and scripts for the claims check."""
