"""The rule-based event coder (formerly ``dipwatch.core.events``)."""
