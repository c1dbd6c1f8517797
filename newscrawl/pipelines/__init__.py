"""Item pipelines, one concern per module; their order is set once, in `newscrawl.settings`."""
