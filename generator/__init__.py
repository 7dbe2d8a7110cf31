"""民政年报起草器: draft a county civil-affairs bureau's annual report as an official-format .docx."""

__version__ = "0.1.0"
