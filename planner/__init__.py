"""outreach: the domain (models, storage, agenda, bulk check) and the CLI; never imports textual."""

__version__ = "0.1.0"
