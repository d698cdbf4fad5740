"""The form's own logic: drafts, validation, money and regions. No Textual, no HTTP."""
