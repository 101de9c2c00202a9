"""The respondent's survey, reached through a personal link without an account."""
