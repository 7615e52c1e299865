"""The agent's seat window and its panels."""
