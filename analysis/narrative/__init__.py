"""The veiligheidsanalyse: fields and themes, the texts with their history, generated drafts,
priorities and wijkprofielen."""
