"""Training data and scripts for the chrome check."""
