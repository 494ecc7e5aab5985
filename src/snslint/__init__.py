"""snslint: lint Japanese municipal social-media drafts against the city's guideline."""

__version__ = "0.1.0"
