"""Getting articles out durably: feed storages, the JSON Lines exporter, the export ledger, crash recovery,
and the run manifest with the exit code."""
