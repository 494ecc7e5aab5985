"""Platform knowledge: how each service measures a post."""
