"""The user's files: which ones a folder holds, and reading and writing them without losing a byte."""
